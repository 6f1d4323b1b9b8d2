"""Tell site admins about engagements still unpaid 30 days after delivery.

Run daily. Each engagement is flagged once (`overdue_flagged_at`); the speaker
sees the flag on their engagements page. The email names the organisation and
the opportunity, never the speaker. Cancelled engagements are never flagged.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from advocacy.opportunities.models import Engagement
from advocacy.opportunities.models.engagement import OVERDUE_AFTER
from people import roles


def overdue_engagements(now=None):
    now = now or timezone.now()
    return Engagement.objects.filter(
        is_unpaid=False,
        cancelled_at__isnull=True,
        delivered_at__lte=now - OVERDUE_AFTER,
        payment_confirmed_at__isnull=True,
    ).select_related("application__opportunity__organisation")


def site_admin_emails() -> list[str]:
    users = roles.site_admin_accounts()
    return sorted({email for email in users.values_list("email", flat=True) if email})


class Command(BaseCommand):
    help = "Flag engagements unpaid 30 days after delivery and email site admins."

    def handle(self, *args, **options):
        now = timezone.now()
        newly = list(overdue_engagements(now).filter(overdue_flagged_at__isnull=True))
        if not newly:
            self.stdout.write("No newly overdue payments.")
            return
        lines = [
            f"- {e.application.opportunity.organisation.name}: "
            f"“{e.application.opportunity.title}”, {e.fee_display}, "
            f"delivered {e.delivered_at:%Y-%m-%d} (engagement {e.pk})"
            for e in newly
        ]
        recipients = site_admin_emails()
        if recipients:
            send_mail(
                subject=f"{len(newly)} speaker payment(s) overdue by more than 30 days",
                message="These engagements were delivered more than 30 days ago and the speaker "
                "has not confirmed payment:\n\n" + "\n".join(lines),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
        Engagement.objects.filter(pk__in=[e.pk for e in newly]).update(overdue_flagged_at=now)
        self.stdout.write(f"Flagged {len(newly)} overdue payment(s).")
