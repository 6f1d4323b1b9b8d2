"""Matching preferences, "Opportunities for you" and the weekly digest."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from advocacy.opportunities.models import OpportunityPreferences
from people.models import ExpertiseTopic, Profile

from .helpers import SpeakingOpportunityFactory, survivor_leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return (
        ExpertiseTopic.objects.create(name="Labour rights", slug="labour"),
        ExpertiseTopic.objects.create(name="Safe migration", slug="migration"),
    )


def preferences_for(user, **values):
    topics = values.pop("topics", [])
    preferences = OpportunityPreferences.objects.create(user=user, **values)
    preferences.topics.set(topics)
    return preferences


def test_preferences_form_saves_and_sets_the_digest(client, topics):
    leader = survivor_leader()
    client.force_login(leader)
    response = client.post(
        "/me/opportunities/preferences/",
        {
            "topics": [topics[0].pk],
            "regions": ["TH"],
            "languages": ["th"],
            "minimum_fee": "-1",
            "currency": "THB",
            "remote": "any",
            "weekly_digest": "on",
        },
    )
    assert "A fee cannot be negative" in response.content.decode()
    response = client.post(
        "/me/opportunities/preferences/",
        {
            "topics": [topics[0].pk],
            "regions": ["TH"],
            "languages": ["th"],
            "minimum_fee": "5000",
            "remote": "any",
            "weekly_digest": "on",
        },
    )
    assert "Choose the currency of your minimum fee." in response.content.decode()
    client.post(
        "/me/opportunities/preferences/",
        {
            "topics": [topics[0].pk],
            "regions": ["TH"],
            "languages": ["th"],
            "minimum_fee": "5000",
            "currency": "THB",
            "remote": "any",
            "weekly_digest": "on",
        },
    )
    preferences = OpportunityPreferences.objects.get(user=leader)
    assert preferences.minimum_fee == Decimal("5000")
    assert Profile.for_user(leader).notify_opportunity_digest


def test_opportunities_for_you_lists_only_matches(client, topics):
    leader = survivor_leader()
    labour, migration = topics
    preferences_for(
        leader,
        topics=[labour],
        regions=["TH"],
        languages=["th"],
        minimum_fee=Decimal("3000"),
        currency="THB",
        remote="any",
    )
    fits = SpeakingOpportunityFactory(
        title="Fits", honorarium_amount=Decimal("5000"), currency="THB", languages=["th", "en"]
    )
    fits.topics.add(labour)
    in_person_there = SpeakingOpportunityFactory(
        title="In Chiang Mai",
        is_remote=False,
        place="Chiang Mai",
        country="TH",
        honorarium_amount=Decimal("3000"),
        currency="THB",
        languages=["th"],
    )
    in_person_there.topics.add(labour)
    for title, overrides, topic in [
        ("Wrong topic", {}, migration),
        ("Too little", {"honorarium_amount": Decimal("1000")}, labour),
        ("Other currency", {"currency": "USD"}, labour),
        ("Elsewhere", {"is_remote": False, "place": "Lima", "country": "PE"}, labour),
        ("Other language", {"languages": ["es"]}, labour),
        ("Unpaid", {"is_unpaid": True, "unpaid_reason": "Community"}, labour),
    ]:
        values = {
            "honorarium_amount": Decimal("5000"),
            "currency": "THB",
            "languages": ["th"],
            **overrides,
        }
        SpeakingOpportunityFactory(title=title, **values).topics.add(topic)
    client.force_login(leader)
    response = client.get("/me/opportunities/")
    assert sorted(o.title for o in response.context["matches"]) == ["Fits", "In Chiang Mai"]


def test_remote_preference(topics):
    from advocacy.opportunities.matching import matching_opportunities

    leader = survivor_leader()
    preferences = preferences_for(leader, remote="in_person")
    SpeakingOpportunityFactory(title="Remote")
    SpeakingOpportunityFactory(title="Venue", is_remote=False, place="Accra")
    assert [o.title for o in matching_opportunities(preferences)] == ["Venue"]


def test_weekly_digest_goes_only_to_those_who_asked_and_only_once_per_match(topics):
    wants = survivor_leader(email="wants@example.org")
    does_not = survivor_leader(email="quiet@example.org")
    for user, flag in ((wants, True), (does_not, False)):
        profile = Profile.for_user(user)
        profile.notify_opportunity_digest = flag
        profile.save()
        preferences_for(user, topics=[topics[0]])
    SpeakingOpportunityFactory(title="Labour panel").topics.add(topics[0])
    SpeakingOpportunityFactory(title="Migration panel").topics.add(topics[1])
    call_command("send_opportunity_digest", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["wants@example.org"]]
    assert "Labour panel" in mail.outbox[0].body
    assert "Migration panel" not in mail.outbox[0].body
    call_command("send_opportunity_digest", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing new since last week


def test_the_digest_is_written_in_each_reader_s_language(topics):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="example.org", port=443)
    reader = survivor_leader(email="thai@example.org")
    profile = Profile.for_user(reader)
    profile.notify_opportunity_digest = True
    profile.preferred_language = "th"
    profile.save()
    preferences_for(reader, topics=[topics[0]])
    opportunity = SpeakingOpportunityFactory(title="Labour panel")
    opportunity.topics.add(topics[0])
    call_command("send_opportunity_digest", stdout=StringIO())
    assert f"https://example.org/th/opportunities/{opportunity.pk}/" in mail.outbox[0].body


def test_pages_need_sign_in(client):
    for path in ("/me/opportunities/", "/me/opportunities/preferences/", "/me/engagements/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
