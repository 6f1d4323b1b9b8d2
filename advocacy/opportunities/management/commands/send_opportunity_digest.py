"""The weekly email of matching opportunities, for survivor leaders who asked
for it (Profile.notify_opportunity_digest). The worker runs it every Monday
(advocacy.opportunities.jobs); the command runs it now. Links use the default
site's address (Wagtail's Sites settings)."""

from django.core.management.base import BaseCommand

from advocacy.opportunities.jobs import send_opportunity_digests


class Command(BaseCommand):
    help = "Email each survivor leader who asked for it the new opportunities that match."

    def handle(self, *args, **options):
        queued = send_opportunity_digests()
        self.stdout.write(f"Queued {queued} digest email(s).")
