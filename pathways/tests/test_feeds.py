"""The RSS and Atom feeds of remedy pages, newest review or change first,
without drafts or view-restricted pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pathways.factories import RemedyIndexPageFactory, RemedyPageFactory, checked_days_ago
from pathways.models import RemedyPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def remedies(home):
    index = RemedyIndexPageFactory(parent=home)
    now = timezone.now()
    changed = RemedyPageFactory(parent=index, title="Changed yesterday")
    reviewed = RemedyPageFactory(parent=index, title="Reviewed today")
    old = RemedyPageFactory(parent=index, title="Old news")
    RemedyPageFactory(parent=index, title="A draft remedy", live=False)
    hidden = RemedyPageFactory(parent=index, title="A restricted remedy")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    RemedyPage.objects.filter(pk=changed.pk).update(
        last_published_at=now - datetime.timedelta(days=1)
    )
    RemedyPage.objects.filter(pk=reviewed.pk).update(
        last_published_at=now - datetime.timedelta(days=90), reviewed_on=checked_days_ago(0)
    )
    RemedyPage.objects.filter(pk=old.pk).update(
        last_published_at=now - datetime.timedelta(days=200), reviewed_on=checked_days_ago(100)
    )
    return index


def test_rss_lists_reviewed_or_changed_remedies_newest_first(client, remedies):
    response = client.get(reverse("pathways:feed_rss"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Reviewed today", "Changed yesterday", "Old news"]
    descriptions = [item.findtext("description") for item in root.iter("item")]
    assert "Reviewed by the survivor advisory council on" in descriptions[0]
    assert "Not yet reviewed" in descriptions[1]


def test_atom_has_the_same_entries(client, remedies):
    response = client.get(reverse("pathways:feed_atom"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Reviewed today", "Changed yesterday", "Old news"]
    assert all(entry.findtext(f"{ATOM}updated") for entry in root.iter(f"{ATOM}entry"))


def test_a_new_review_is_a_new_feed_item(client, remedies):
    page = RemedyPage.objects.get(title="Old news")
    before = client.get(reverse("pathways:feed_rss")).content.decode()
    RemedyPage.objects.filter(pk=page.pk).update(reviewed_on=timezone.localdate())
    after = client.get(reverse("pathways:feed_rss")).content.decode()
    guid = f"remedy-{page.pk}-"
    assert guid in before and guid in after
    old_guid = before[before.index(guid) :].split("<")[0]
    assert old_guid not in after


def test_the_feeds_cost_the_same_with_more_remedies(client, remedies, django_assert_num_queries):
    url = reverse("pathways:feed_rss")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    few = len(captured)  # now: the query log is a bounded deque
    assert few > 0
    for _ in range(20):
        RemedyPageFactory(parent=remedies)
    client.get(url)
    with django_assert_num_queries(few):
        client.get(url)
