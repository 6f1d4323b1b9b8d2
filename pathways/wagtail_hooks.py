"""Wagtail admin registration for justice pathways."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .directory.forms import ServiceListingAdminForm
from .models import ServiceListing


class ServiceListingViewSet(SnippetViewSet):
    """Site admins manage every directory listing here. Whether a listing is
    shown depends on its organisation being verified, which is set on the
    organisation itself (Organisations), not here."""

    model = ServiceListing
    icon = "list-ul"
    menu_label = _("Directory of services")
    add_to_admin_menu = True
    list_display = ["organisation", "cost", "updated_at"]
    list_filter = ["cost", "services", "organisation__verified"]
    search_backend_name = None  # the database's own search over the fields below
    search_fields = ["organisation__name", "summary"]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("summary"),
            FieldPanel("services"),
            FieldPanel("jurisdictions"),
            InlinePanel("languages", heading=_("Languages"), label=_("Language"), min_num=1),
            FieldPanel("cost"),
            FieldPanel("phone"),
            FieldPanel("contact_notes"),
        ],
        base_form_class=ServiceListingAdminForm,
    )

    def get_queryset(self, request):
        return ServiceListing.objects.select_related("organisation")


register_snippet(ServiceListingViewSet)
