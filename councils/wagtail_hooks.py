"""Site admins create councils in the Wagtail admin; everything inside a
council (members, rooms, messages) is managed by its facilitators on the site,
so the admin never shows private conversations."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Council


class CouncilViewSet(ModelViewSet):
    model = Council
    icon = "group"
    menu_label = _("Advisory councils")
    add_to_admin_menu = True
    form_fields = ["name", "slug", "purpose", "is_private", "retention_days"]
    list_display = ["name", "retention_days", "created_at"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_council_viewset():
    return CouncilViewSet("advisory_councils")
