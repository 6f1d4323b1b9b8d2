"""Survivor council review of remedy pages: only the facilitators of the
page's reviewing council act on it; approving records the review date,
which publishing an older revision never rolls back."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, Workflow, WorkflowPage

from advocacy.proposals.factories import make_council
from councils.models import Council, Membership
from pathways.factories import RemedyIndexPageFactory, RemedyPageFactory, checked_days_ago
from pathways.models import RemedyCouncilReviewTask, RemedyPage
from pathways.policy import is_review_facilitator, remedies_reviewed_by
from pathways.setup import WORKFLOW_NAME
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return UserFactory(roles=[roles.COUNCIL_FACILITATORS], mfa=True)


@pytest.fixture
def council_member():
    return UserFactory()


@pytest.fixture
def council(facilitator, council_member):
    return make_council(facilitators=[facilitator], members=[council_member])


@pytest.fixture
def index(home):
    return RemedyIndexPageFactory(parent=home)


@pytest.fixture
def remedy(index, council):
    return RemedyPageFactory(parent=index, review_council=council)


@pytest.fixture
def editor():
    return UserFactory(roles=[roles.SITE_ADMINS], mfa=True)


def _start_review(page, by):
    page = RemedyPage.objects.get(pk=page.pk)
    page.title = f"{page.title} (changed)"
    page.save_revision(user=by)
    page.get_workflow().start(page, by)
    return page


def _task_state(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def _action_url(page, action="approve"):
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, _task_state(page).pk]
    )


def test_a_new_index_puts_its_remedies_through_council_review(index):
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [type(task) for task in tasks] == [RemedyCouncilReviewTask]
    # Idempotent: setting up again makes no second workflow.
    from pathways.setup import set_up_remedy_index

    set_up_remedy_index(index)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_only_the_page_s_council_facilitators_may_act(remedy, facilitator, council_member, editor):
    other_facilitator = UserFactory()
    make_council(name="Another council", facilitators=[other_facilitator])
    task = RemedyCouncilReviewTask.objects.get()
    assert task.may_act(remedy, facilitator)
    assert task.get_actions(remedy, facilitator)
    assert not task.may_act(remedy, council_member)
    assert not task.may_act(remedy, other_facilitator)
    assert not task.may_act(remedy, editor)
    assert task.locked_for_user(remedy, council_member)
    assert list(remedies_reviewed_by(facilitator)) == [remedy]
    assert list(remedies_reviewed_by(other_facilitator)) == []


def test_a_facilitator_who_left_or_was_disabled_may_not_act(remedy, facilitator):
    Membership.objects.filter(user=facilitator).update(left_at=timezone.now())
    assert not is_review_facilitator(facilitator, remedy)
    Membership.objects.filter(user=facilitator).update(left_at=None)
    assert is_review_facilitator(facilitator, remedy)
    facilitator.is_active = False
    facilitator.save()
    assert not is_review_facilitator(facilitator, remedy)


def test_a_page_without_a_council_has_nobody_to_act(index, facilitator):
    page = RemedyPageFactory(parent=index)
    assert not RemedyCouncilReviewTask.objects.get().may_act(page, facilitator)


def test_reviews_waiting_are_those_of_the_facilitator_s_pages(remedy, editor, facilitator):
    _start_review(remedy, editor)
    task = RemedyCouncilReviewTask.objects.get()
    assert list(task.get_task_states_user_can_moderate(facilitator)) == [_task_state(remedy)]
    assert not task.get_task_states_user_can_moderate(UserFactory()).exists()


def test_approval_records_the_review_date_and_publishes(client, remedy, editor, facilitator):
    assert remedy.reviewed_on is None
    _start_review(remedy, editor)
    client.force_login(facilitator)
    response = client.post(_action_url(remedy), {"comment": "Clear and kind."})
    assert response.status_code in (200, 302)
    page = RemedyPage.objects.get(pk=remedy.pk)
    assert page.reviewed_on == timezone.localdate()
    assert page.title.endswith("(changed)")  # the reviewed revision is live
    assert not page.review_is_stale
    html = client.get(page.url).content.decode()
    assert "Reviewed by the survivor advisory council" in html
    assert "It has changed since that review." not in html


def test_someone_else_cannot_approve(client, remedy, editor, council_member):
    _start_review(remedy, editor)
    client.force_login(council_member)
    client.post(_action_url(remedy), {"comment": ""})
    page = RemedyPage.objects.get(pk=remedy.pk)
    assert page.reviewed_on is None
    assert _task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_requesting_changes_records_no_review(client, remedy, editor, facilitator):
    _start_review(remedy, editor)
    client.force_login(facilitator)
    client.post(_action_url(remedy, "reject"), {"comment": "Softer words, please."})
    page = RemedyPage.objects.get(pk=remedy.pk)
    assert page.reviewed_on is None
    assert not page.title.endswith("(changed)")


def test_publishing_an_older_revision_keeps_the_review_date(remedy, editor, facilitator):
    old_revision = RemedyPage.objects.get(pk=remedy.pk).save_revision(user=editor)
    page = _start_review(remedy, editor)
    task_state = _task_state(page)
    task_state.task.specific.on_action(task_state, facilitator, "approve")
    assert RemedyPage.objects.get(pk=remedy.pk).reviewed_on == timezone.localdate()
    # An editor publishes the revision from before the review.
    old_revision.publish(user=editor, skip_permission_checks=True)
    page = RemedyPage.objects.get(pk=remedy.pk)
    assert page.reviewed_on == timezone.localdate()
    assert not page.title.endswith("(changed)")


def test_an_older_review_date_is_kept_by_a_later_edit(remedy, editor):
    RemedyPage.objects.filter(pk=remedy.pk).update(reviewed_on=checked_days_ago(30))
    page = RemedyPage.objects.get(pk=remedy.pk)
    page.summary = "Edited without review."
    page.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    assert RemedyPage.objects.get(pk=remedy.pk).reviewed_on == checked_days_ago(30)


def test_a_facilitator_may_not_publish_outside_an_approved_review(remedy, editor, facilitator):
    assert not remedy.permissions_for_user(facilitator).can_publish()
    _start_review(remedy, editor)
    assert not RemedyPage.objects.get(pk=remedy.pk).permissions_for_user(facilitator).can_publish()
    # Approved: the approved revision goes live; a later draft may not.
    task_state = _task_state(remedy)
    task_state.task.specific.on_action(task_state, facilitator, "approve")
    page = RemedyPage.objects.get(pk=remedy.pk)
    page.save_revision(user=editor)
    page = RemedyPage.objects.get(pk=remedy.pk)
    assert not page.permissions_for_user(facilitator).can_publish()


def test_the_council_of_a_page_is_a_real_council(remedy, council):
    assert Council.objects.get(audience=council).memberships.count() == 2
