"""Pledging: validation, confirmation by email link, idempotence, rate limits,
the honeypot, the leads' CSV export and reaching the goal."""

import re

import pytest
from django.core import mail

from campaigns.factories import CampaignPageFactory, PledgeFactory
from campaigns.models import CampaignPage, Pledge
from campaigns.notices import GOAL_REACHED
from campaigns.pledges import RATE_LIMIT_PER_EMAIL, RATE_LIMIT_PER_IP
from notifications.models import Notice
from notifications.notices import show

pytestmark = pytest.mark.django_db

DISCREET_BODY = "You have a new notice. Sign in to read it.\n"
LINK = re.compile(r"https?://\S+/pledge/confirm/[\w-]+/")


def _pledge(client, campaign, follow=False, **data):
    payload = {"display_name": "Mai", "email": "mai@example.net", "organisation": ""}
    payload.update(data)
    return client.post(campaign.pledge_url, payload, follow=follow)


def _confirm_link(message) -> str:
    return LINK.search(message.body).group(0)


def test_a_pledge_counts_only_after_its_email_link_is_confirmed(client, campaign):
    response = _pledge(client, campaign, contact_consent="on")
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None and pledge.contact_consent
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 0
    assert "0 confirmed pledges of 10" in client.get(campaign.url).content.decode()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mai@example.net"]
    link = _confirm_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my pledge" in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 0, "opening the link (GET) must not confirm"

    assert client.post(link).status_code == 302
    assert client.post(link).status_code == 302  # twice: still counted once
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 1
    html = client.get(campaign.url).content.decode()
    assert "1 confirmed pledge of 10" in html
    assert "mai@example.net" not in html


def test_the_same_email_again_is_idempotent_with_the_same_clear_message(client, campaign):
    first = _pledge(client, campaign, follow=True)
    second = client.post(
        campaign.pledge_url, {"email": "  MAI@Example.NET ", "display_name": "Other"}, follow=True
    )
    assert Pledge.objects.count() == 1
    assert Pledge.objects.get().display_name == "Mai"
    for response in (first, second):
        assert "pledging again changes nothing" in response.content.decode()
    # Confirmed, then pledged again: an email says it already counts.
    client.post(_confirm_link(mail.outbox[0]))
    _pledge(client, campaign)
    assert "already counted" in mail.outbox[-1].subject
    assert Pledge.objects.count() == 1
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"display_name": "x" * 81}, "display_name", "at most 80 characters"),
        ({"organisation": "o" * 121}, "organisation", "at most 120 characters"),
        ({"display_name": "<script>alert(1)</script>"}, "display_name", "plain text"),
        ({"organisation": '<img src=x onerror="alert(1)">'}, "organisation", "plain text"),
    ],
)
def test_invalid_pledges_get_clear_errors_and_keep_what_was_typed(
    client, campaign, data, field, message
):
    response = _pledge(client, campaign, **data)
    assert response.status_code == 400
    form = response.context["pledge_form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    if data.get("display_name", "").startswith("<script"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # kept, escaped
    assert not Pledge.objects.exists()
    assert not mail.outbox


def test_the_honeypot_quietly_drops_bots(client, campaign):
    response = _pledge(client, campaign, website="http://spam.example")
    assert response.status_code == 302
    assert not Pledge.objects.exists()
    assert not mail.outbox


def test_pledges_are_rate_limited_per_email(client, campaign):
    attempts, _window = RATE_LIMIT_PER_EMAIL
    for _attempt in range(attempts):
        assert _pledge(client, campaign).status_code == 302
    response = _pledge(client, campaign)
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert 'value="Mai"' in response.content.decode()


def test_pledges_are_rate_limited_per_ip(client, campaign):
    attempts, _window = RATE_LIMIT_PER_IP
    for number in range(attempts):
        assert _pledge(client, campaign, email=f"p{number}@example.net").status_code == 302
    assert _pledge(client, campaign, email="late@example.net").status_code == 429
    assert Pledge.objects.count() == attempts


def test_forged_or_foreign_confirmation_links_are_refused(client, campaign, index, leader_a):
    _pledge(client, campaign)
    link = _confirm_link(mail.outbox[0])
    assert client.post(link[:-3] + "xx/").status_code == 400
    other = CampaignPageFactory(parent=index, owner=leader_a)
    foreign = link.replace(f"/{campaign.slug}/", f"/{other.slug}/")
    assert client.post(foreign).status_code == 400
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 0


def test_closed_campaigns_take_no_pledges(client, index, leader_a):
    closed = CampaignPageFactory(parent=index, owner=leader_a, status=CampaignPage.Status.CLOSED)
    response = _pledge(client, closed)
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_leads_export_confirmed_pledges_with_only_consenting_emails(
    client, campaign, leader_a, leader_b
):
    PledgeFactory(campaign=campaign, email="yes@example.net", contact_consent=True, confirmed=True)
    PledgeFactory(campaign=campaign, email="no@example.net", contact_consent=False, confirmed=True)
    PledgeFactory(campaign=campaign, email="unconfirmed@example.net", contact_consent=True)
    PledgeFactory(
        campaign=campaign, email="f@example.net", display_name="=HYPERLINK(1)", confirmed=True
    )

    assert client.get(campaign.export_url).status_code == 403
    client.force_login(leader_b)
    assert client.get(campaign.export_url).status_code == 403
    client.force_login(leader_a)
    response = client.get(campaign.export_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "yes@example.net" in body
    assert "no@example.net" not in body
    assert "unconfirmed" not in body
    assert "'=HYPERLINK(1)" in body
    assert len(body.strip().splitlines()) == 4  # header and three confirmed pledges


def test_reaching_the_goal_switches_status_and_tells_the_leads_once(campaign, leader_a, leader_b):
    for _number in range(campaign.pledge_target):
        PledgeFactory(campaign=campaign, confirmed=True)
    campaign.refresh_from_db()
    assert campaign.status == CampaignPage.Status.GOAL_REACHED
    (notice,) = Notice.objects.filter(kind=GOAL_REACHED)
    assert notice.user == leader_a
    assert "has reached its goal" in show(notice, leader_a).text
    assert campaign.title not in show(notice, leader_b).text  # not a lead: nothing
    assert [m.to for m in mail.outbox if m.body == DISCREET_BODY] == [[leader_a.email]]
    PledgeFactory(campaign=campaign, confirmed=True)
    assert Notice.objects.filter(kind=GOAL_REACHED).count() == 1


def test_publishing_an_older_draft_never_rolls_back_the_count_or_status(campaign, leader_a):
    draft = campaign.save_revision(user=leader_a)  # saved while nothing was counted
    for _number in range(campaign.pledge_target):
        PledgeFactory(campaign=campaign, confirmed=True)
    draft.publish()
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == campaign.pledge_target
    assert campaign.status == CampaignPage.Status.GOAL_REACHED
    assert Notice.objects.filter(kind=GOAL_REACHED).count() == 1


def test_the_page_made_for_visitors_shows_each_count_and_the_goal_at_the_next_request(
    client, campaign, leader_a, page_cache_off
):
    """The campaign's row is kept per process for visitors (content/routing.py):
    counts and the status are written without a save, and still show."""
    draft = campaign.save_revision(user=leader_a)  # saved while nothing was counted
    assert "0 confirmed pledges of 10" in client.get(campaign.url).content.decode()
    PledgeFactory(campaign=campaign, confirmed=True)
    assert "1 confirmed pledge of 10" in client.get(campaign.url).content.decode()
    for _number in range(campaign.pledge_target - 1):
        PledgeFactory(campaign=campaign, confirmed=True)
    assert "Goal reached" in client.get(campaign.url).content.decode()
    draft.publish()  # Carries a count of 0 until it is counted again.
    html = client.get(campaign.url).content.decode()
    assert "10 confirmed pledges of 10" in html and "Goal reached" in html
