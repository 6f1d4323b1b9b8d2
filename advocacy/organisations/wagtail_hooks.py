"""Wagtail admin registration for organisations.

Site admins manage organisations and verify them; ticking "verified" records
who verified and when."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .membership import verify_organisation
from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    add_to_admin_menu = True
    list_display = ["name", "kind", "verified", "created_at"]
    list_filter = ["kind", "verified"]
    search_fields = ["name"]
    panels = ["name", "slug", "kind", "description", "website", "verified"]


register_snippet(OrganisationViewSet)


def _record_verification(request, instance):
    if isinstance(instance, Organisation) and instance.verified and instance.verified_at is None:
        verify_organisation(instance, by=request.user)


@hooks.register("after_create_snippet")
def record_verification_on_create(request, instance):
    _record_verification(request, instance)


@hooks.register("after_edit_snippet")
def record_verification_on_edit(request, instance):
    _record_verification(request, instance)
