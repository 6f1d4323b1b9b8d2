"""Closing the Wagtail admin's side doors for everyone but site admins.

Survivor leaders write campaigns and proposals in the Wagtail admin, and
council facilitators review proposals there. Wagtail opens far more than
that to anyone with admin access: site history, reports, page search, the
admin API, choosers, image and document listings. Two layers keep other
people's drafts and uploads out of them:

1. `AdminSideDoorMiddleware` lets people who are not site admins reach only
   the admin views authoring and reviewing need (`AUTHOR_ADMIN_VIEWS`, by URL
   name: a view Wagtail adds in an upgrade stays closed until it is listed),
   and translators wagtail-localize's (`TRANSLATION_ADMIN_VIEWS`),
   refusing the rest with 403. For the views it lets through, any page,
   revision, workflow state, image or document named in the address (or in
   `?id=`) that the person may not know about answers 404, exactly as an
   object that does not exist would.
2. Listings inside those views are narrowed by the permission policies of
   `people.admin.permission_policies` and by the hooks registered here
   (`register_side_door_hooks()`, called from `PeopleConfig.ready()`).

The rules themselves live in `people.admin.visibility` (pages) and in the
upload policy; this module only applies them.

Wagtail internals relied on here, and only here: the URL names of its admin
views, the dashboard panel classes of `wagtail.admin.views.home` and the admin
API viewsets for images and documents. They were checked against the Wagtail
version in `REVIEWED_WAGTAIL_VERSION`; a test fails on any other version so
that an upgrade reviews this module (and `tests/test_admin_side_doors.py`
proves the result).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail import hooks
from wagtail.admin.views.home import LockedPagesPanel, RecentEditsPanel
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.permissions import policy_registry

from people.admin.visibility import (
    is_page_hidden_from,
    pages_hidden_from,
    without_hidden_pages,
)
from people.roles import is_site_admin

REVIEWED_WAGTAIL_VERSION = (8, 0)

# Every admin view that a survivor leader or a council facilitator needs to
# write, submit and review a page, and to upload and choose pictures and files
# for it. Everything else under the admin is for site admins only.
AUTHOR_ADMIN_VIEWS = frozenset(
    {
        # Dashboard, account, the admin's own scripts and icons
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "admin_login_redirect",
        "wagtailadmin_dismissibles",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_block_preview",
        "wagtailadmin_tag_autocomplete",
        "wagtailadmin_tag_model_autocomplete",
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        # The page explorer and search, narrowed to what the person may know
        "wagtailadmin_explore_root",
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:search_results",
        "wagtailadmin_api:pages:listing",
        "wagtailadmin_api:pages:detail",
        "wagtailadmin_api:pages:find",
        # Writing a page; Wagtail's page permission testers decide who edits what
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:choose_parent",
        "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:usage",
        "wagtailadmin_pages:lock",
        "wagtailadmin_pages:unlock",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:history_results",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_pages:revisions_unschedule",
        "wagtailadmin_pages:revisions_compare",
        # Review: submitting, approving, requesting changes
        "wagtailadmin_pages:workflow_action",
        "wagtailadmin_pages:collect_workflow_action_data",
        "wagtailadmin_pages:confirm_workflow_cancellation",
        "wagtailadmin_pages:workflow_preview",
        "wagtailadmin_pages:workflow_history",
        "wagtailadmin_pages:workflow_history_detail",
        # Choosers used while writing
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        "wagtailembeds:chooser",
        "wagtailembeds:chooser_upload",
        "wagtailsnippetchoosers_proposals_policyarea:choose",
        "wagtailsnippetchoosers_proposals_policyarea:choose_results",
        "wagtailsnippetchoosers_proposals_policyarea:chosen",
        "wagtailsnippetchoosers_campaigns_preventiontopic:choose",
        "wagtailsnippetchoosers_campaigns_preventiontopic:choose_results",
        "wagtailsnippetchoosers_campaigns_preventiontopic:chosen",
        "wagtailsnippetchoosers_people_contentwarningtopic:choose",
        "wagtailsnippetchoosers_people_contentwarningtopic:choose_results",
        "wagtailsnippetchoosers_people_contentwarningtopic:chosen",
        # Pictures and files: one's own private collection plus shared ones
        "wagtailimages:index",
        "wagtailimages:index_results",
        "wagtailimages:add",
        "wagtailimages:edit",
        "wagtailimages:delete",
        "wagtailimages:preview",
        "wagtailimages:image_usage",
        "wagtailimages:add_multiple",
        "wagtailimages:edit_multiple",
        "wagtailimages:create_multiple_from_uploaded_image",
        "wagtailimages:delete_multiple",
        "wagtailimages:delete_upload_multiple",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:chosen_multiple",
        "wagtailimages_chooser:create",
        "wagtailimages_chooser:select_format",
        "wagtailadmin_api:images:listing",
        "wagtailadmin_api:images:detail",
        "wagtailadmin_api:images:find",
        "wagtaildocs:index",
        "wagtaildocs:index_results",
        "wagtaildocs:add",
        "wagtaildocs:edit",
        "wagtaildocs:delete",
        "wagtaildocs:document_usage",
        "wagtaildocs:add_multiple",
        "wagtaildocs:edit_multiple",
        "wagtaildocs:create_multiple_from_uploaded_document",
        "wagtaildocs:delete_multiple",
        "wagtaildocs:delete_upload_multiple",
        "wagtaildocs_chooser:choose",
        "wagtaildocs_chooser:choose_results",
        "wagtaildocs_chooser:chosen",
        "wagtaildocs_chooser:chosen_multiple",
        "wagtaildocs_chooser:create",
        "wagtailadmin_api:documents:listing",
        "wagtailadmin_api:documents:detail",
        "wagtailadmin_api:documents:find",
    }
)

# What translators need of wagtail-localize (people/translators.py): starting a
# page's translation, the translation editor's own endpoints, syncing with the
# source. Open to those who may submit translations; each view checks the
# target page's permissions itself. Its reports and snippet views stay closed.
TRANSLATION_ADMIN_VIEWS = frozenset(
    {
        "wagtail_localize:javascript_catalog",
        "wagtail_localize:submit_page_translation",
        "wagtail_localize:update_translations",
        "wagtail_localize:edit_string_translation",
        "wagtail_localize:edit_override",
        "wagtail_localize:download_pofile",
        "wagtail_localize:upload_pofile",
        "wagtail_localize:preview_translation",
        "wagtail_localize:stop_translation",
        "wagtail_localize:convert_to_alias",
    }
)
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

# Address parameters that name a page, and the views where a bare `pk` does.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
PAGE_PK_VIEWS = frozenset({"wagtailadmin_pages:revisions_compare", "wagtailadmin_api:pages:detail"})
IMAGE_KWARGS = ("image_id",)
DOCUMENT_KWARGS = ("document_id", "doc_id")
IMAGE_VIEW_PREFIXES = ("wagtailimages", "wagtailadmin_api:images:")
DOCUMENT_VIEW_PREFIXES = ("wagtaildocs", "wagtailadmin_api:documents:")
PAGE_ID_LIST_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})


def is_admin_path(path: str) -> bool:
    """True for the Wagtail admin's own paths (pass `request.path_info`)."""
    return path.startswith(settings.ADMIN_PATH_PREFIX)


def _can_see_upload(user, model, object_id) -> bool:
    """Whether `user` may know the image or document with this id exists."""
    try:
        instance = model._default_manager.get(pk=int(object_id))
    except (model.DoesNotExist, TypeError, ValueError):
        return False
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], instance)


def _revision_hidden(user, revision_id) -> bool:
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return True
    if issubclass(revision.content_type.model_class() or object, Page):
        return is_page_hidden_from(user, revision.object_id)
    return False


def _workflow_state_hidden(user, state: WorkflowState | None) -> bool:
    if state is None:
        return True
    if issubclass(state.base_content_type.model_class() or object, Page):
        return is_page_hidden_from(user, state.object_id)
    return False


def _hidden_objects_named(request, view_name: str, kwargs: dict) -> bool:
    """Whether the address names something `request.user` may not know about."""
    user = request.user
    page_ids = [kwargs[name] for name in PAGE_KWARGS if name in kwargs]
    if view_name in PAGE_PK_VIEWS and "pk" in kwargs:
        page_ids.append(kwargs["pk"])
    if view_name in PAGE_ID_LIST_VIEWS:
        page_ids.extend(request.GET.getlist("id"))
    if any(is_page_hidden_from(user, page_id) for page_id in page_ids):
        return True
    if "revision_id" in kwargs and _revision_hidden(user, kwargs["revision_id"]):
        return True
    for name in ("revision_id_a", "revision_id_b"):
        value = kwargs.get(name, "")
        if value.isdigit() and _revision_hidden(user, value):
            return True
    if "task_state_id" in kwargs:
        task_state = TaskState.objects.filter(pk=kwargs["task_state_id"]).first()
        state = task_state.workflow_state if task_state else None
        if _workflow_state_hidden(user, state):
            return True
    if "workflow_state_id" in kwargs and _workflow_state_hidden(
        user, WorkflowState.objects.filter(pk=kwargs["workflow_state_id"]).first()
    ):
        return True
    if view_name.startswith("wagtailadmin_editing_sessions:ping"):
        model_class = _model_named(kwargs.get("app_label"), kwargs.get("model_name"))
        if model_class is not None and issubclass(model_class, Page):
            return is_page_hidden_from(user, kwargs.get("object_id"))
    return _hidden_uploads_named(request, view_name, kwargs)


def _hidden_uploads_named(request, view_name: str, kwargs: dict) -> bool:
    user = request.user
    for model, names, prefixes in (
        (get_image_model(), IMAGE_KWARGS, IMAGE_VIEW_PREFIXES),
        (get_document_model(), DOCUMENT_KWARGS, DOCUMENT_VIEW_PREFIXES),
    ):
        ids = [kwargs[name] for name in names if name in kwargs]
        if view_name.startswith(prefixes):
            if "pk" in kwargs:
                ids.append(kwargs["pk"])
            if view_name.endswith(":chosen_multiple"):
                ids.extend(request.GET.getlist("id"))
        if any(not _can_see_upload(user, model, object_id) for object_id in ids):
            return True
    return False


def _model_named(app_label, model_name):
    from django.apps import apps

    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError, TypeError):
        return None


class AdminSideDoorMiddleware:
    """Refuses admin views that are not for authors (403) and hides objects a
    person may not know about (404), for everyone signed in but site admins.
    Signed-out visitors are left to Wagtail, which sends them to sign in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path_info):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_site_admin(user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        translating = view_name in TRANSLATION_ADMIN_VIEWS and user.has_perm(SUBMIT_TRANSLATION)
        if view_name not in AUTHOR_ADMIN_VIEWS and not translating:
            raise PermissionDenied
        if _hidden_objects_named(request, view_name, view_kwargs):
            raise Http404
        return None


# --- Hooks: listings inside the views authors use ---------------------------


def hide_drafts_from_page_chooser(pages, request):
    """The page chooser (browse and search) lists no one else's drafts."""
    return without_hidden_pages(pages, request.user)


def hide_drafts_from_explorer(parent_page, pages, request):
    """The explorer (and its search) lists no one else's drafts."""
    return without_hidden_pages(pages, request.user)


def form_submissions_for_site_admins(user, editable_forms):
    """Form submissions hold what visitors typed: site admins only."""
    if is_site_admin(user):
        return editable_forms
    return editable_forms.none()


# Wagtail's dashboard panels are not a documented API (wagtail.admin.views.home,
# Wagtail 8.0): the matrix test in tests/test_admin_side_doors.py (a former
# co-author's dashboard) fails if these stop filtering after an upgrade.


class RecentEditsWithoutHiddenPages(RecentEditsPanel):
    """ "Your most recent edits", less pages the person may no longer know
    (a co-author taken off a draft keeps her edits in its history)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        edited = [page.pk for _date, page in context["last_edits"]]
        hidden = set(pages_hidden_from(user).filter(pk__in=edited).values_list("pk", flat=True))
        context["last_edits"] = [
            (date, page) for date, page in context["last_edits"] if page.pk not in hidden
        ]
        return context


class LockedPagesWithoutHiddenPages(LockedPagesPanel):
    """ "Your locked pages", less pages the person may no longer know."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["locked_pages"] = without_hidden_pages(context["locked_pages"], user)
        return context


def keep_hidden_pages_off_the_dashboard(request, panels):
    for position, panel in enumerate(panels):
        if type(panel) is RecentEditsPanel:
            panels[position] = RecentEditsWithoutHiddenPages()
        elif type(panel) is LockedPagesPanel:
            panels[position] = LockedPagesWithoutHiddenPages()


class _UploadsThePersonMaySee:
    """The admin API's image and document endpoints list every file in the
    site (Wagtail checks only collection view restrictions there); these list
    what the upload permission policy lets the person choose or edit."""

    def get_queryset(self):
        visible = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=visible.values("pk"))


class PrivacyAwareImagesAdminAPIViewSet(_UploadsThePersonMaySee, ImagesAdminAPIViewSet):
    pass


class PrivacyAwareDocumentsAdminAPIViewSet(_UploadsThePersonMaySee, DocumentsAdminAPIViewSet):
    pass


def register_privacy_aware_upload_endpoints(router):
    """Replaces Wagtail's own endpoints (registered by the same hook earlier)."""
    router.register_endpoint("images", PrivacyAwareImagesAdminAPIViewSet)
    router.register_endpoint("documents", PrivacyAwareDocumentsAdminAPIViewSet)


def register_side_door_hooks() -> None:
    """Called once from `PeopleConfig.ready()`."""
    # Both run after Wagtail's own hooks and any other app's (order 0).
    hooks.register("construct_homepage_panels", keep_hidden_pages_off_the_dashboard, order=100)
    hooks.register("construct_admin_api", register_privacy_aware_upload_endpoints, order=100)
    hooks.register("construct_page_chooser_queryset", hide_drafts_from_page_chooser)
    hooks.register("construct_explorer_page_queryset", hide_drafts_from_explorer)
    hooks.register("filter_form_submissions_for_user", form_submissions_for_site_admins)
