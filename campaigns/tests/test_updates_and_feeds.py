"""Updates at their own address, feeds, update emails, the leads' chart,
content warnings and the personal-data registries."""

import pytest
from django.core import mail

from campaigns.factories import CampaignPageFactory, CampaignUpdatePageFactory, PledgeFactory
from campaigns.updates import send_update_emails
from people.data_export import registered_exporters
from people.erasure import registered_erasers
from people.models import ContentWarningTopic

pytestmark = pytest.mark.django_db


def _publish_update(campaign, owner, **kwargs):
    update = CampaignUpdatePageFactory(parent=campaign, owner=owner, live=False, **kwargs)
    update.save_revision(user=owner).publish()
    update.refresh_from_db()
    return update


def test_updates_have_their_own_address_and_appear_in_feeds(client, campaign, index, leader_a):
    update = _publish_update(campaign, leader_a, title="We reached the bus stations")
    page = client.get(update.url)
    assert page.status_code == 200
    assert "We reached the bus stations" in page.content.decode()
    assert "We reached the bus stations" in client.get(campaign.url).content.decode()

    rss = client.get(campaign.rss_url)
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert b"We reached the bus stations" in rss.content
    atom = client.get(campaign.atom_url)
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"We reached the bus stations" in atom.content

    everything = client.get(index.rss_url)
    assert b"We reached the bus stations" in everything.content
    assert campaign.title.encode() in everything.content
    assert b"We reached the bus stations" in client.get(index.atom_url).content


def test_draft_updates_stay_out_of_feeds(client, campaign, index, leader_a):
    CampaignUpdatePageFactory(parent=campaign, owner=leader_a, title="Not yet", live=False)
    assert b"Not yet" not in client.get(campaign.rss_url).content
    assert b"Not yet" not in client.get(index.rss_url).content


def test_publishing_an_update_emails_opted_in_pledgers_once(client, campaign, leader_a):
    PledgeFactory(campaign=campaign, email="yes@example.net", contact_consent=True, confirmed=True)
    PledgeFactory(campaign=campaign, email="no@example.net", contact_consent=False, confirmed=True)
    PledgeFactory(campaign=campaign, email="unconfirmed@example.net", contact_consent=True)
    mail.outbox.clear()
    update = _publish_update(campaign, leader_a, title="Month one")
    assert [message.to for message in mail.outbox] == [["yes@example.net"]]
    body = mail.outbox[0].body
    assert "Month one" in body and "/updates/stop/" in body

    update.save_revision(user=leader_a).publish()  # republishing sends nothing
    assert send_update_emails(update) is False
    assert len(mail.outbox) == 1

    # The unsubscribe link works (GET asks, POST does it) and sticks.
    unsubscribe = body.split("To stop them: ")[1].split()[0]
    assert client.get(unsubscribe).status_code == 200
    assert client.post(unsubscribe).status_code == 302
    mail.outbox.clear()
    _publish_update(campaign, leader_a, title="Month two")
    assert mail.outbox == []


def test_update_emails_are_queued_and_delivered_in_batches(campaign, leader_a, monkeypatch):
    from notifications import delivery, outbox
    from notifications.models import Mailing, OutboxEmail

    monkeypatch.setattr(outbox, "CHUNK", 2)
    monkeypatch.setattr(delivery, "BATCH", 2)
    for _number in range(5):
        PledgeFactory(campaign=campaign, contact_consent=True, confirmed=True)
    mail.outbox.clear()
    update = CampaignUpdatePageFactory(parent=campaign, owner=leader_a)
    assert send_update_emails(update) is True
    assert len(mail.outbox) == 5
    assert len({message.to[0] for message in mail.outbox}) == 5
    mailing = Mailing.objects.get(key=update.mailing_key())
    assert mailing.prepared_at is not None
    assert OutboxEmail.objects.filter(mailing=mailing).progress() == {
        "total": 5,
        "sent": 5,
        "failing": 0,
        "failed": 0,
        "cancelled": 0,
        "waiting": 0,
    }
    # What was written, and to whom, is not kept once sent.
    assert not OutboxEmail.objects.filter(mailing=mailing).exclude(address="").exists()


def test_the_pledge_chart_is_for_leads_only_and_has_no_scripts(client, campaign, leader_b):
    for _number in range(3):
        PledgeFactory(campaign=campaign, confirmed=True)
    assert client.get(campaign.progress_url).status_code == 403
    client.force_login(leader_b)
    assert client.get(campaign.progress_url).status_code == 403
    client.force_login(campaign.owner)
    response = client.get(campaign.progress_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<polyline" in html
    assert "Confirmed pledges over time: 3 of 10" in html
    assert "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert "style=" not in html


def test_warned_campaigns_are_collapsed_until_the_reader_chooses(client, campaign, index):
    topic = ContentWarningTopic.objects.create(name="Debt and threats", slug="debt-threats")
    campaign.content_warnings.add(topic)
    campaign.save()
    html = client.get(index.url).content.decode()
    assert '<details class="content-warning">' in html and "Debt and threats" in html
    page = client.get(campaign.url).content.decode()
    assert '<details class="content-warning">' in page
    # A visitor who chose to hide nothing sees a short note instead.
    client.cookies["content_warnings"] = "none"
    html = client.get(index.url).content.decode()
    assert '<details class="content-warning">' not in html
    assert "Content note:" in html


def test_warned_blocks_are_collapsed(client, index, leader_a):
    topic = ContentWarningTopic.objects.create(name="Violence", slug="violence")
    campaign = CampaignPageFactory(
        parent=index,
        owner=leader_a,
        body=[
            (
                "quote",
                {
                    "quote": "They kept our passports.",
                    "attribution": "",
                    "consent_confirmed": True,
                    "content_warnings": [topic],
                },
            ),
            (
                "fact",
                {
                    "fact": "Recruitment fees are a warning sign.",
                    "source_title": "ILO",
                    "source_url": "",
                    "content_warnings": [],
                },
            ),
        ],
    )
    html = client.get(campaign.url).content.decode()
    quote_at = html.index("They kept our passports.")
    assert html.rfind('<details class="content-warning">', 0, quote_at) != -1
    assert "Recruitment fees are a warning sign." in html


def test_pledges_and_leads_are_in_the_export_and_erased(campaign, leader_a, user_factory):
    from django.apps import apps

    from campaigns.personal_data import erase_campaign_data, export_campaign_data
    from people.erasure import erase_account

    # Other tests replace registrations; the app's start-up is what registers ours.
    apps.get_app_config("campaigns").ready()
    assert registered_exporters()["campaigns"] is export_campaign_data
    assert registered_erasers()["campaigns"] is erase_campaign_data
    member = user_factory(email="member@example.org")
    PledgeFactory(campaign=campaign, email="member@example.org", confirmed=True)
    section = registered_exporters()["campaigns"](member)
    assert [row["campaign"] for row in section["pledges"]] == [campaign.title]
    assert registered_exporters()["campaigns"](leader_a)["campaigns_owned"] == [campaign.title]

    erase_account(member, public_contributions="delete")
    campaign.refresh_from_db()
    assert campaign.confirmed_pledge_count == 0
    assert not campaign.pledges.exists()


def test_publishing_an_older_draft_of_an_update_sends_nothing_again(campaign, leader_a):
    PledgeFactory(campaign=campaign, contact_consent=True, confirmed=True)
    update = CampaignUpdatePageFactory(parent=campaign, owner=leader_a, live=False)
    old_draft = update.save_revision(user=leader_a)
    update.save_revision(user=leader_a).publish()
    mail.outbox.clear()
    old_draft.publish()
    update.refresh_from_db()
    assert update.emails_sent_at is not None
    assert mail.outbox == []


def test_the_update_shows_its_leads_how_its_emails_are_going(client, campaign, leader_a):
    from notifications.models import OutboxEmail

    for _number in range(3):
        PledgeFactory(campaign=campaign, contact_consent=True, confirmed=True)
    update = CampaignUpdatePageFactory(parent=campaign, owner=leader_a, live=False)
    client.force_login(leader_a)
    edit = f"/admin/pages/{update.pk}/edit/"
    assert "Nothing has been sent yet." in client.get(edit).content.decode()

    update.save_revision(user=leader_a).publish()
    rows = OutboxEmail.objects.filter(mailing__key=update.mailing_key()).order_by("pk")
    # One email is waiting for another try after an error.
    OutboxEmail.objects.filter(pk=rows[0].pk).update(
        state=OutboxEmail.State.PENDING, attempts=1, last_error="SMTPDataError 451"
    )
    html = client.get(edit).content.decode()
    assert "Sent 2 of 3, 1 failing." in html


@pytest.mark.usefixtures("page_cache_off")
def test_kept_update_lists_and_links_follow_updates_and_the_campaign(client, campaign, leader_a):
    """The campaign page's updates and an update's link to its campaign are
    kept per process (campaigns/views.py, the update page's {% kept %})."""
    assert 'id="updates-heading"' not in client.get(campaign.url).content.decode()
    update = _publish_update(campaign, leader_a, title="The first week")
    assert "The first week" in client.get(campaign.url).content.decode()
    update.title = "Our first week"
    update.save_revision().publish()
    assert "Our first week" in client.get(campaign.url).content.decode()
    assert campaign.title in client.get(update.url).content.decode()
    campaign.title = "Spot a fake job offer abroad"
    campaign.save_revision().publish()
    assert "Spot a fake job offer abroad" in client.get(update.url).content.decode()
    update.unpublish()
    assert "Our first week" not in client.get(campaign.url).content.decode()
