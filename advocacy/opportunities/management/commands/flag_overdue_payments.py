"""Flag engagements unpaid 30 days after delivery and tell the site admins.

The worker runs this every day (advocacy.opportunities.jobs); the command runs
it now."""

from django.core.management.base import BaseCommand

from advocacy.opportunities.jobs import flag_overdue_payments


class Command(BaseCommand):
    help = "Flag engagements unpaid 30 days after delivery and email site admins."

    def handle(self, *args, **options):
        flagged = flag_overdue_payments()
        if flagged:
            self.stdout.write(f"Flagged {flagged} overdue payment(s).")
        else:
            self.stdout.write("No newly overdue payments.")
