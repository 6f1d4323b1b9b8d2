from django.core.management.base import BaseCommand

from people.consent import expire_consents


class Command(BaseCommand):
    help = "Log expired consents and remove the grants behind them (run hourly)."

    def handle(self, *args, **options):
        count = expire_consents()
        self.stdout.write(f"{count} consent(s) expired.")
