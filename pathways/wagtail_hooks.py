"""Wagtail admin registration for justice pathways: the managed lists remedy
pages and the directory are built from (outcomes, kinds of harm,
jurisdictions, support services), the directory's listings, and the
dashboard panel of remedy pages to check."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from people.roles import SITE_ADMINS, is_site_admin

from .directory.forms import ServiceListingAdminForm
from .models import HarmKind, Jurisdiction, Outcome, ServiceListing, SupportService

# The managed lists, each changed only by site admins and by editors whose
# group holds the model's permissions.
TAXONOMIES = (Outcome, HarmKind, Jurisdiction, SupportService)


class SiteAdminsAndEditorsPolicy(ModelPermissionPolicy):
    """Django's model permissions (what an editors' group is given), and
    every action for site admins, as `people.roles.is_site_admin` says."""

    def user_has_permission(self, user, action):
        return is_site_admin(user) or super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        admins = Q(groups__name=SITE_ADMINS, is_active=True)
        others = super().users_with_any_permission(actions)
        return get_user_model().objects.filter(admins | Q(pk__in=others.values("pk"))).distinct()


class OutcomeViewSet(SnippetViewSet):
    """What a remedy can give: the private guide orders remedies by these."""

    model = Outcome
    icon = "tick-inverse"
    menu_label = _("What remedies can give")
    list_display = ["name", "key", "position"]


class HarmKindViewSet(SnippetViewSet):
    model = HarmKind
    icon = "tag"
    menu_label = _("Kinds of harm")
    list_display = ["name", "key", "position"]


class JurisdictionViewSet(SnippetViewSet):
    model = Jurisdiction
    icon = "site"
    menu_label = _("Jurisdictions")
    list_display = ["name", "code", "parent", "position"]
    search_fields = ["name", "code"]


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "help"
    menu_label = _("Support services")
    list_display = ["name", "key", "position"]


class ServiceListingViewSet(SnippetViewSet):
    """Site admins manage every directory listing here. Whether a listing is
    shown depends on its organisation being verified, which is set on the
    organisation itself (Organisations), not here."""

    model = ServiceListing
    icon = "list-ul"
    menu_label = _("Directory of services")
    list_display = ["organisation", "cost", "updated_at"]
    list_filter = ["cost", "services", "organisation__verified"]
    search_backend_name = None  # the database's own search over the fields below
    search_fields = ["organisation__name", "summary"]
    # The model's own panels, with the form that cleans what organisations write.
    edit_handler = ObjectList(ServiceListing.panels, base_form_class=ServiceListingAdminForm)

    def get_queryset(self, request):
        return ServiceListing.objects.select_related("organisation")


class JusticePathwaysViewSetGroup(SnippetViewSetGroup):
    """The justice pathways lists under one menu item (site admins and
    editors only: snippet permissions are model permissions, which only their
    groups hold)."""

    items = (
        ServiceListingViewSet,
        OutcomeViewSet,
        HarmKindViewSet,
        JurisdictionViewSet,
        SupportServiceViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Justice pathways")
    menu_name = "justice_pathways"


def show_remedies_needing_checks(request, panels):
    from .admin_dashboard import RemediesNeedingChecksPanel

    panels.append(RemediesNeedingChecksPanel())


def register_pathways_admin() -> None:
    for model in TAXONOMIES:
        register_permission_policy(model, SiteAdminsAndEditorsPolicy(model), exact_class=True)
    register_snippet(JusticePathwaysViewSetGroup)
    hooks.register("construct_homepage_panels", show_remedies_needing_checks, order=100)


register_pathways_admin()
