"""The admin dashboard for survivor leaders and facilitators.

Three panels for what they do, each built with a fixed number of queries and
showing only what the policy functions of the feature apps let the viewer see:

- "My campaigns and proposals": their own work, with its review state.
- "Reviews waiting for me": the peer reviews and council sign-offs they may act on.
- "Recent pledges and endorsements" on their own campaigns and proposals:
  counts, and the names people chose to show (never an email address).

`home.wagtail_hooks` puts them on the dashboard in place of Wagtail's stock
workflow panels.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Task, TaskState, WorkflowState

from advocacy.proposals.models import ProposalEndorsement, ProposalStatus
from advocacy.proposals.names import consented_names
from advocacy.proposals.policy import proposals_authored_by
from campaigns.models import Pledge
from campaigns.policy import campaigns_led_by, may_review_anything
from people import roles

# How many items each list shows; counts cover everything.
LIST_LIMIT = 10
RECENT_LIMIT = 5
RECENT_DAYS = 7


def _active_workflow_states(pages) -> dict[int, WorkflowState]:
    """{page id: its in-progress or needs-changes workflow state}, in one query."""
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state__task")
    )
    return {int(state.object_id): state for state in states}


def _review_state(page, state) -> str:
    """Where a page stands in review and publishing, in plain words."""
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = state.current_task_state.task if state.current_task_state else None
        if task is not None:
            return _("In review: %(task)s") % {"task": task.name}
        return _("In review")
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Changes requested")
    if page.live and page.has_unpublished_changes:
        return _("Published, with changes not yet reviewed")
    if page.live:
        return _("Published")
    return _("Draft, not yet submitted for review")


def _work_item(page, request, states, *, kind: str, status: str = "") -> dict:
    return {
        "title": page.draft_title or page.title,
        "kind": kind,
        "status": status,
        "review_state": _review_state(page, states.get(page.pk)),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "live_url": page.get_url(request) if page.live else None,
    }


class MyWorkPanel(Component):
    """The campaigns a person leads and the proposals they (co-)author."""

    name = "my_campaigns_and_proposals"
    template_name = "home/dashboard/my_work.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        newest_first = ("-latest_revision_created_at", "-pk")
        campaigns = list(campaigns_led_by(user).order_by(*newest_first)[:LIST_LIMIT])
        proposals = list(proposals_authored_by(user).order_by(*newest_first)[:LIST_LIMIT])
        states = _active_workflow_states([*campaigns, *proposals])
        items = [_work_item(page, request, states, kind=_("Campaign")) for page in campaigns]
        items += [
            _work_item(
                page,
                request,
                states,
                kind=_("Reform proposal"),
                status=ProposalStatus(page.status).label,
            )
            for page in proposals
        ]
        return {
            "items": items,
            "may_author": roles.has_role(user, roles.SURVIVOR_LEADERS),
            "request": request,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["items"] and not context["may_author"]:
            return ""
        return render_to_string(self.template_name, context)


class ReviewsWaitingPanel(Component):
    """Reviews the viewer can act on now: what each task lets them moderate
    (`get_task_states_user_can_moderate`, which asks the feature apps' policies)."""

    name = "reviews_waiting_for_me"
    template_name = "home/dashboard/reviews_waiting.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = list(
            TaskState.objects.reviewable_by(request.user)
            # Pages only: snippets' ids would not be page ids.
            .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
            .select_related("workflow_state", "revision")
            .order_by("-started_at")[:LIST_LIMIT]
        )
        tasks = Task.objects.filter(pk__in={state.task_id for state in states}).specific()
        tasks_by_id = {task.pk: task for task in tasks}
        pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
        reviews = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            task = tasks_by_id.get(state.task_id)
            if page is None or task is None:
                continue
            # Our review tasks offer the same actions on everything the viewer
            # may moderate; another task type is asked per item.
            moderator_actions = getattr(task, "moderator_actions", None)
            actions = (
                moderator_actions() if moderator_actions else task.get_actions(page, request.user)
            )
            reviews.append(
                {
                    "title": state.revision.object_str or page.draft_title,
                    "task_name": task.name,
                    "started_at": state.started_at,
                    "preview_url": reverse(
                        "wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]
                    ),
                    "actions": [
                        {
                            "label": label,
                            "modal": modal,
                            "url": reverse(
                                "wagtailadmin_pages:workflow_action",
                                args=[page.pk, action, state.pk],
                            ),
                        }
                        for action, label, modal in actions
                    ],
                }
            )
        return {
            "reviews": reviews,
            "may_review": may_review_anything(request.user) or bool(reviews),
            "request": request,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["may_review"]:
            return ""
        return render_to_string(self.template_name, context)


class RecentSupportPanel(Component):
    """Pledges to the viewer's campaigns and endorsements of their proposals:
    counts, and the most recent ones named only as their givers allowed."""

    name = "recent_pledges_and_endorsements"
    template_name = "home/dashboard/recent_support.html"
    order = 110

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        since = timezone.now() - timedelta(days=RECENT_DAYS)
        campaign_ids = campaigns_led_by(user).values("pk")
        proposal_ids = proposals_authored_by(user).values("pk")

        pledges = Pledge.objects.confirmed().filter(campaign__in=campaign_ids)
        pledge_counts = pledges.aggregate(
            total=Count("pk"), recent=Count("pk", filter=Q(confirmed_at__gte=since))
        )
        # Only the fields shown: the email address is never read here.
        recent_pledges = [
            {
                "name": row["display_name"] or _("Anonymous"),
                "organisation": row["organisation"],
                "target": row["campaign__title"],
                "at": row["confirmed_at"],
            }
            for row in pledges.order_by("-confirmed_at", "-pk").values(
                "display_name", "organisation", "campaign__title", "confirmed_at"
            )[:RECENT_LIMIT]
        ]

        endorsements = ProposalEndorsement.objects.filter(proposal__in=proposal_ids)
        endorsement_counts = endorsements.aggregate(
            total=Count("pk"), recent=Count("pk", filter=Q(created_at__gte=since))
        )
        latest = list(
            endorsements.select_related("organisation", "proposal").order_by("-created_at", "-pk")[
                :RECENT_LIMIT
            ]
        )
        people = [e for e in latest if e.user_id]
        names = consented_names(people, [e.user_id for e in people])
        recent_endorsements = [
            {
                "name": self._endorser_name(endorsement, names),
                "target": endorsement.proposal.draft_title or endorsement.proposal.title,
                "at": endorsement.created_at,
            }
            for endorsement in latest
        ]
        return {
            "request": request,
            "recent_days": RECENT_DAYS,
            "leads_campaigns": campaign_ids.exists(),
            "authors_proposals": proposal_ids.exists(),
            "pledge_counts": pledge_counts,
            "recent_pledges": recent_pledges,
            "endorsement_counts": endorsement_counts,
            "recent_endorsements": recent_endorsements,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["leads_campaigns"] or context["authors_proposals"]):
            return ""
        return render_to_string(self.template_name, context)

    @staticmethod
    def _endorser_name(endorsement, names) -> str:
        """The name an endorser agreed to show; otherwise who they are stays unsaid."""
        if endorsement.organisation_id:
            if endorsement.show_name:
                return endorsement.organisation.name
            return str(_("An organisation"))
        return names.get((endorsement.pk, endorsement.user_id)) or str(_("A supporter"))
