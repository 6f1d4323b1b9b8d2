"""Emailing campaign updates to the pledgers who asked for them.

Publishing an update only plans a mailing (one row, one queued task), so the
editor's request returns at once whatever the number of pledgers; a background
task queues one outbox email per pledger, and delivery workers send them
(notifications.outbox). Editors follow it on the update ("sent N of M")."""

from __future__ import annotations

from django.utils import timezone

from background.work import background_task
from content.translations import for_source_pages
from notifications.models import Mailing, OutboxEmail
from notifications.outbox import in_pages, queue_mailing_emails, start_mailing

from .emails import UPDATE
from .models import CampaignPage, CampaignUpdatePage, Pledge


def update_recipients(campaign: CampaignPage):
    """Confirmed pledgers who said yes to updates and have not unsubscribed."""
    return (
        Pledge.objects.confirmed()
        .filter(campaign=campaign, contact_consent=True, unsubscribed_at__isnull=True)
        .order_by("pk")
    )


def send_update_emails(update: CampaignUpdatePage) -> bool:
    """Plan the emails of `update`, once: True if this call planned them."""
    claimed = CampaignUpdatePage.objects.filter(pk=update.pk, emails_sent_at__isnull=True).update(
        emails_sent_at=timezone.now()
    )
    if not claimed:
        return False
    start_mailing(update.mailing_key(), queue_update_emails, update.pk)
    return True


@background_task()
def queue_update_emails(update_id: int) -> int:
    """Queue one email per opted-in pledger (again after an interruption,
    without doubling any). Returns how many the mailing has."""
    mailing = Mailing.objects.get(key=CampaignUpdatePage(pk=update_id).mailing_key())
    update = CampaignUpdatePage.objects.filter(pk=update_id).first()
    if update is None:
        return queue_mailing_emails(mailing, [])
    campaign = CampaignPage.objects.get(pk=update.get_parent().pk)
    pledges = update_recipients(campaign).values_list("pk", "email", "language")
    return queue_mailing_emails(
        mailing,
        (
            OutboxEmail(
                kind=UPDATE,
                address=email,
                language=language,
                params={"update": update_id, "pledge": pledge_id},
                dedupe_key=f"{mailing.key}:{pledge_id}",
            )
            for pledge_id, email, language in in_pages(pledges)
        ),
    )


@for_source_pages
def email_update_on_publish(sender, instance, **kwargs):
    """Signal receiver: the first publication of an update emails it out."""
    send_update_emails(instance)
