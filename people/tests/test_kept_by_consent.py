"""Names shown by consent, kept per process (people.consent.kept_by_consent)
exactly as long as a kept page may show them: a grant, a revocation or a
deletion is seen at the next request, and a consent that runs out is not
shown after its end."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import page_cache
from people import consent
from people.consent import grant_consent, kept_by_consent, revoke_consent
from people.factories import UserFactory
from people.models import ConsentRecord

pytestmark = pytest.mark.django_db


def names_of(people, reads):
    ids = [person.pk for person in people]

    def read():
        reads.append(1)
        records = list(
            ConsentRecord.objects.active().filter(
                kind=ConsentRecord.Kind.NAME, subject_id__in=ids, audience__isnull=True
            )
        )
        return {record.subject_id: record.text for record in records}, records

    return kept_by_consent(("test-names",), ids, read)


def name(person, text, **kwargs):
    return grant_consent(
        person, kind=ConsentRecord.Kind.NAME, purpose="Shown on a page", text=text, **kwargs
    )


def test_kept_until_a_grant_or_a_revocation_of_one_of_them():
    first, second, other = UserFactory(), UserFactory(), UserFactory()
    reads = []
    record = name(first, "Mai")
    assert names_of([first, second], reads) == {first.pk: "Mai"}
    assert names_of([first, second], reads) == {first.pk: "Mai"}
    assert len(reads) == 1
    name(other, "Someone else")
    assert names_of([first, second], reads) == {first.pk: "Mai"}
    assert len(reads) == 1
    name(second, "Lan")
    assert names_of([first, second], reads) == {first.pk: "Mai", second.pk: "Lan"}
    revoke_consent(record)
    assert names_of([first, second], reads) == {second.pk: "Lan"}
    ConsentRecord.objects.filter(subject=second).delete()
    assert names_of([first, second], reads) == {}
    assert len(reads) == 4


def test_a_consent_that_runs_out_is_not_shown_after_its_end(monkeypatch):
    person = UserFactory()
    ends = timezone.now() + datetime.timedelta(hours=1)
    name(person, "Mai", expires_at=ends)
    reads = []
    making = page_cache.Making()
    token = page_cache._making.set(making)
    try:
        assert names_of([person], reads) == {person.pk: "Mai"}
    finally:
        page_cache._making.reset(token)
    assert making.until is not None  # The page made lives no longer either.
    later = ends + datetime.timedelta(seconds=1)
    monkeypatch.setattr(consent.timezone, "now", lambda: later)
    assert names_of([person], reads) == {}
    assert len(reads) == 2


def test_a_page_showing_kept_names_depends_on_each_person():
    first, second = UserFactory(), UserFactory()
    names_of([first, second], [])
    making = page_cache.Making()
    token = page_cache._making.set(making)
    try:
        names_of([first, second], [])
    finally:
        page_cache._making.reset(token)
    assert {consent.person_tag(first.pk), consent.person_tag(second.pk)} <= making.tags


def test_campaign_leads_are_named_as_they_consent_at_each_request(client, home, page_cache_off):
    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
    from campaigns.models import CampaignPage

    leader = UserFactory()
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), owner=leader)
    assert "a survivor leader" in client.get(campaign.url).content.decode()
    record = name(leader, "Mai from Chiang Rai", context=campaign)
    assert ContentType.objects.get_for_model(CampaignPage) == record.context_type
    assert "Mai from Chiang Rai" in client.get(campaign.url).content.decode()
    revoke_consent(record)
    html = client.get(campaign.url).content.decode()
    assert "Mai from Chiang Rai" not in html and "a survivor leader" in html
