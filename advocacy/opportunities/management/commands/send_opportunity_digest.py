"""The weekly email of matching opportunities, for survivor leaders who asked
for it (Profile.notify_opportunity_digest). Sent through Django's email
backend in batches over one connection; each person gets only new matches."""

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.opportunities.matching import matching_opportunities
from advocacy.opportunities.models import OpportunityPreferences, SpeakingOpportunity
from people import roles
from people.languages import in_language_of

BATCH_SIZE = 100


class Command(BaseCommand):
    help = "Email each survivor leader who asked for it the new opportunities that match."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="e.g. https://example.org")

    def handle(self, *args, base_url="", **options):
        now = timezone.now()
        preferences = (
            OpportunityPreferences.objects.filter(
                user__is_active=True,
                user__profile__notify_opportunity_digest=True,
                user__groups__name=roles.SURVIVOR_LEADERS,
            )
            .select_related("user")
            .prefetch_related("topics")
        )
        listed = list(SpeakingOpportunity.objects.listed())
        messages, touched = [], []
        for preference in preferences:
            since = preference.last_digest_at
            fresh = [o for o in listed if since is None or o.created_at > since]
            matches = matching_opportunities(preference, fresh)
            touched.append(preference.pk)
            if not matches:
                continue
            # Written in the recipient's language, links included (/th/...).
            with in_language_of(preference.user):
                lines = [
                    f"- {o.title} ({o.organisation.name}) · {o.fee_display} · "
                    f"{base_url}{reverse('opportunities:detail', args=[o.pk])}"
                    for o in matches
                ]
                messages.append(
                    mail.EmailMessage(
                        subject=_("New speaking opportunities for you"),
                        body=_("Opportunities that match what you asked for:")
                        + "\n\n"
                        + "\n".join(lines)
                        + "\n\n"
                        + _("Change or stop these emails in your preferences."),
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[preference.user.email],
                    )
                )
        sent = 0
        with mail.get_connection() as connection:
            for start in range(0, len(messages), BATCH_SIZE):
                sent += connection.send_messages(messages[start : start + BATCH_SIZE]) or 0
        OpportunityPreferences.objects.filter(pk__in=touched).update(last_digest_at=now)
        self.stdout.write(f"Sent {sent} digest email(s).")
