"""Build the demo site: pages, safety settings and one demo account per role.

Idempotent: running it again brings the demo back to the same state without
duplicating anything. It refuses to run when DEBUG is off unless --force is
given, because it creates accounts with a published password.
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Page, Site

from advocacy.opportunities.demo import build_opportunities_demo
from advocacy.proposals.demo import build_proposals_demo
from campaigns.demo import build_campaigns_demo
from content.demo import build_translated_pages
from content.translations import in_source_language
from councils.demo import build_councils_demo
from home import demo_content
from home.models import HomePage, SafetySettings, StandardPage
from notifications.notices import without_emails
from pathways.demo import build_pathways_demo
from people import roles
from people.demo import build_people_demo

DEMO_PASSWORD = "demo-survivor-platform"  # noqa: S105 - published on purpose, demo only

DEMO_USERS = [
    # (email, display name, role groups, is staff/superuser)
    ("leader@example.org", "Amara (demo survivor leader)", [roles.SURVIVOR_LEADERS], False),
    (
        "facilitator@example.org",
        "Noi (demo council facilitator)",
        [roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS],
        False,
    ),
    ("org-admin@example.org", "Dana (demo organisation admin)", [roles.ORGANISATION_ADMINS], False),
    (
        "org-member@example.org",
        "Sam (demo organisation member)",
        [roles.ORGANISATION_MEMBERS],
        False,
    ),
    ("admin@example.org", "Site admin (demo)", [roles.SITE_ADMINS], True),
]

STANDARD_PAGES = [
    # slug, title, intro, body, show in menus
    ("know-your-rights", "Know your rights", "KNOW_YOUR_RIGHTS", True),
    ("safety", "Safety", "SAFETY", True),
    ("about", "About", "ABOUT", True),
]


def as_stream(blocks) -> list[dict]:
    """(block type, raw value) pairs as StreamField's raw JSON form."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


class Command(BaseCommand):
    help = "Create or refresh the demo site and demo accounts (one per role)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a real site: the password is public).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo_data creates accounts with a published password, so it only runs "
                "with DEBUG on. Use --force if this really is a demo installation."
            )
        # The demo is built as if it had already happened: nobody is emailed
        # about the workflow steps, pledges or updates it creates.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            without_emails(),
            transaction.atomic(),
        ):
            home = self.build_pages()
            self.build_safety_settings(home)
            users = self.build_users()
            build_people_demo({user.email: user for user in users})
            build_councils_demo({user.email: user for user in users}, home)
            build_opportunities_demo({user.email: user for user in users}, home)
            build_proposals_demo({user.email: user for user in users}, home)
            build_campaigns_demo({user.email: user for user in users}, home)
            # Last: remedies link to the council, proposals and campaigns above.
            build_pathways_demo(home, {user.email: user for user in users})
            # Last of all: translations copy the finished pages.
            build_translated_pages(home)
        self.print_logins(users)

    def build_pages(self) -> HomePage:
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        home = in_source_language(HomePage.objects).first()
        if home is None:
            # Not "home": Wagtail's placeholder page holds that slug until it is removed below.
            home = HomePage(title="Survivors leading the work against trafficking", slug="welcome")
            root.add_child(instance=home)
        home.intro = demo_content.HOME_INTRO
        home.body = as_stream(demo_content.HOME_BODY)
        home.save_revision().publish()

        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        old_root_id = site.root_page_id if site.pk else None
        site.root_page = home
        site.site_name = "Survivor Leadership Platform"
        site.save()
        # Wagtail's placeholder "Welcome" page is replaced by the real home page.
        if old_root_id and old_root_id != home.pk:
            Page.objects.filter(pk=old_root_id).exclude(pk=home.pk).delete()

        for slug, title, key, in_menus in STANDARD_PAGES:
            page = StandardPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = StandardPage(title=title, slug=slug)
                home.add_child(instance=page)
            page.title = title
            page.intro = getattr(demo_content, f"{key}_INTRO")
            page.body = as_stream(getattr(demo_content, f"{key}_BODY"))
            page.show_in_menus = in_menus
            page.last_reviewed = date(2026, 11, 1)
            page.save_revision().publish()
        return home

    def build_safety_settings(self, home: HomePage) -> None:
        site = home.get_site()
        safety = SafetySettings.for_site(site)
        safety.helplines = as_stream(("helpline", line) for line in demo_content.HELPLINES)
        safety.save()

    def build_users(self):
        User = get_user_model()
        users = []
        for email, name, group_names, is_admin in DEMO_USERS:
            user, _ = User.objects.get_or_create(email=email)
            user.display_name = name
            user.is_staff = is_admin
            user.is_superuser = is_admin
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set(Group.objects.filter(name__in=group_names))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users.append(user)
        return users

    def print_logins(self, users) -> None:
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for user in users:
            note = ""
            if roles.mfa_required_for(user):
                note = "  (asked to set up two-step verification at first sign-in)"
            self.stdout.write(f"  {user.email:<26} {user.display_name}{note}")
