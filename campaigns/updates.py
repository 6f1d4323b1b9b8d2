"""Emailing campaign updates to the pledgers who asked for them."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import CampaignPage, CampaignUpdatePage, Pledge
from .pledges import unsubscribe_token

BATCH_SIZE = 100


def update_recipients(campaign: CampaignPage):
    """Confirmed pledgers who said yes to updates and have not unsubscribed."""
    return (
        Pledge.objects.confirmed()
        .filter(campaign=campaign, contact_consent=True, unsubscribed_at__isnull=True)
        .order_by("pk")
    )


def send_update_emails(update: CampaignUpdatePage) -> int:
    """Email `update` to its campaign's opted-in pledgers, once, in batches
    over one connection. Returns how many emails were sent."""
    claimed = CampaignUpdatePage.objects.filter(pk=update.pk, emails_sent_at__isnull=True).update(
        emails_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    campaign = CampaignPage.objects.get(pk=update.get_parent().pk)
    subject = render_to_string(
        "campaigns/email/update_subject.txt", {"campaign": campaign, "update": update}
    ).strip()
    sent = 0
    recipients = update_recipients(campaign)
    with mail.get_connection() as connection:
        batch: list[mail.EmailMessage] = []
        for pledge in recipients.iterator(chunk_size=BATCH_SIZE):
            unsubscribe_path = campaign.reverse_subpage(
                "unsubscribe", args=[unsubscribe_token(pledge)]
            )
            body = render_to_string(
                "campaigns/email/update.txt",
                {
                    "campaign": campaign,
                    "update": update,
                    "update_url": update.full_url,
                    "unsubscribe_url": (campaign.full_url or "") + unsubscribe_path,
                },
            )
            batch.append(
                mail.EmailMessage(
                    subject,
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [pledge.email],
                    connection=connection,
                )
            )
            if len(batch) >= BATCH_SIZE:
                sent += connection.send_messages(batch) or 0
                batch = []
        if batch:
            sent += connection.send_messages(batch) or 0
    return sent


def email_update_on_publish(sender, instance, **kwargs):
    """Signal receiver: the first publication of an update emails it out."""
    send_update_emails(instance)
