"""Remedy pages out of date are flagged to the people who may edit them: on
the admin dashboard, and by a weekly notice that is sent once a week however
often the job runs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from background.schedule import jobs
from notifications.models import Notice
from notifications.notices import show
from pathways.admin_dashboard import RemediesNeedingChecksPanel
from pathways.factories import (
    RemedyDeadlineFactory,
    RemedyIndexPageFactory,
    RemedyPageFactory,
    checked_days_ago,
)
from pathways.jobs import flag_pages_needing_checks
from pathways.models import RemedyPage
from pathways.notices import NEEDS_CHECKING
from pathways.staleness import pages_needing_checks
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return RemedyIndexPageFactory(parent=home)


@pytest.fixture
def editor():
    return UserFactory(roles=[roles.SITE_ADMINS], mfa=True)


def _page(index, title, reviewed_days_ago=None):
    page = RemedyPageFactory(parent=index, title=title)
    if reviewed_days_ago is not None:
        RemedyPage.objects.filter(pk=page.pk).update(
            reviewed_on=checked_days_ago(reviewed_days_ago)
        )
    return RemedyPage.objects.get(pk=page.pk)


@pytest.fixture
def pages(index):
    fresh = _page(index, "Fresh remedy", reviewed_days_ago=30)
    RemedyDeadlineFactory(page=fresh, checked_on=checked_days_ago(10))
    old_review = _page(index, "Remedy with an old review", reviewed_days_ago=400)
    never = _page(index, "Remedy never reviewed")
    old_deadline = _page(index, "Remedy with an old deadline", reviewed_days_ago=20)
    RemedyDeadlineFactory(page=old_deadline, checked_on=checked_days_ago(10))
    RemedyDeadlineFactory(page=old_deadline, checked_on=checked_days_ago(500))
    RemedyDeadlineFactory(page=old_deadline, checked_on=checked_days_ago(700))
    return {"fresh": fresh, "old_review": old_review, "never": never, "deadline": old_deadline}


def test_pages_needing_checks_are_the_stale_ones(pages):
    found = {item.page.pk: item for item in pages_needing_checks()}
    assert set(found) == {pages["old_review"].pk, pages["never"].pk, pages["deadline"].pk}
    assert found[pages["old_review"].pk].review_overdue
    assert found[pages["never"].pk].review_overdue
    deadline = found[pages["deadline"].pk]
    assert not deadline.review_overdue
    assert deadline.stale_deadlines == 2
    assert deadline.oldest_check == checked_days_ago(700)


def test_the_dashboard_shows_editors_what_to_check(client, pages, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Remedy pages to check" in html
    assert "Remedy with an old review" in html
    assert "Remedy never reviewed" in html and "Never reviewed" in html
    assert "Remedy with an old deadline" in html and "2 not checked since" in html
    assert "Fresh remedy" not in html
    assert reverse("wagtailadmin_pages:edit", args=[pages["never"].pk]) in html


def test_people_who_cannot_edit_remedies_see_no_panel(client, pages):
    facilitator = UserFactory(roles=[roles.COUNCIL_FACILITATORS], mfa=True)
    client.force_login(facilitator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Remedy pages to check" not in response.content.decode()


def test_the_panel_costs_the_same_with_ten_times_the_pages(
    rf, index, editor, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            page = _page(index, f"Old {i}", reviewed_days_ago=400)
            RemedyDeadlineFactory(page=page, checked_on=checked_days_ago(400))

    request = rf.get("/admin/")
    request.user = editor
    grow(2)
    panel = RemediesNeedingChecksPanel()
    panel.get_context_data({"request": request})
    with CaptureQueriesContext(connection) as captured:
        assert len(panel.get_context_data({"request": request})["items"]) == 2
    few = len(captured)  # now: the query log is a bounded deque
    assert few > 0
    grow(18)
    with django_assert_num_queries(few):
        assert len(panel.get_context_data({"request": request})["items"]) == 20


def test_editors_are_told_once_a_week(pages, editor):
    UserFactory()  # not an editor: told nothing
    monday = datetime.date(2026, 11, 30)
    made = flag_pages_needing_checks(on=monday)
    assert made == 3
    assert flag_pages_needing_checks(on=monday) == 0
    assert flag_pages_needing_checks(on=monday + datetime.timedelta(days=3)) == 0
    assert set(Notice.objects.filter(kind=NEEDS_CHECKING).values_list("user", flat=True)) == {
        editor.pk
    }
    # The next week, still not done: told again.
    assert flag_pages_needing_checks(on=monday + datetime.timedelta(days=7)) == 3


def test_the_notice_says_what_is_out_of_date_to_an_editor_only(pages, editor):
    flag_pages_needing_checks()
    notices = Notice.objects.filter(kind=NEEDS_CHECKING, user=editor)
    by_page = {notice.params["page"]: notice for notice in notices}
    shown = show(by_page[pages["deadline"].pk], editor)
    assert "has 2 deadlines not checked against their source for 12 months" in shown.text
    assert shown.url == reverse("wagtailadmin_pages:edit", args=[pages["deadline"].pk])
    assert "has not been reviewed" in show(by_page[pages["old_review"].pk], editor).text
    stranger = UserFactory()
    assert "Remedy" not in show(by_page[pages["deadline"].pk], stranger).text
    # Reviewed since: the notice no longer claims it is out of date.
    RemedyPage.objects.filter(pk=pages["old_review"].pk).update(reviewed_on=checked_days_ago(0))
    assert "has not been reviewed" not in show(by_page[pages["old_review"].pk], editor).text


def test_the_job_is_on_the_weekly_schedule():
    job = next(job for job in jobs() if job.name == "pathways.needs_checking")
    assert job.weekday is not None
