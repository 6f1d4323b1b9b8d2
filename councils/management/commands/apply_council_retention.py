"""Delete council messages older than each council's retention period.

Run daily (cron or a scheduler): `python manage.py apply_council_retention`."""

from django.core.management.base import BaseCommand

from councils.services.retention import apply_retention


class Command(BaseCommand):
    help = "Delete council messages older than each council's retention period."

    def handle(self, *args, **options):
        deleted = apply_retention()
        self.stdout.write(f"Deleted {deleted} council message(s) past their retention period.")
