"""Data for the benchmarks, one seeding function per target, at the issue's sizes.

Feature apps arrive one by one: a seeding function whose models or factories do not
exist yet raises :class:`NotAvailable`, and the harness reports the target as "not
available yet" instead of failing. Factories are looked up by name
(``<app>.factories.<Model>Factory``), so a new app is benchmarked as soon as it ships
its factories.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.management import call_command

from content.translations import in_source_language

BENCH_EMAIL = "bench-member@example.org"


class NotAvailable(Exception):
    """The feature this target measures is not in this build yet."""


@dataclass(frozen=True)
class Sizes:
    """How much data to load (the issue's sizes, or a hundredth with --quick)."""

    campaigns: int = 1000
    pledges: int = 10_000
    proposals: int = 200
    opportunities: int = 500
    profiles: int = 1000

    @classmethod
    def for_run(cls, quick: bool) -> Sizes:
        return cls(10, 100, 2, 5, 10) if quick else cls()


def find_model(*labels: str):
    """The first of ``labels`` ("app.Model") that exists in this build."""
    for label in labels:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError):
            continue
    raise NotAvailable(f"no model {' or '.join(labels)}")


def factory_for(model):
    """``<app>.factories.<Model>Factory``, or NotAvailable."""
    name = f"{model._meta.app_label}.factories"
    try:
        module = import_module(name)
    except ImportError:
        raise NotAvailable(f"no {name} module") from None
    factory = getattr(module, f"{model.__name__}Factory", None)
    if factory is None:
        raise NotAvailable(f"no {name}.{model.__name__}Factory")
    return factory


def ensure_rows(model, count: int, **kwargs) -> list:
    """At least ``count`` rows of ``model`` (made by its factory); returns them."""
    existing = model._default_manager.count()
    if existing < count:
        factory_for(model).create_batch(count - existing, **kwargs)
    return list(model._default_manager.all()[:count])


def seed_site(sizes: Sizes) -> None:
    """The demo site (home page, standard pages, demo accounts)."""
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_data", "--force", stdout=quiet)


def bench_member():
    """A real, verified member account used by the socket load generators."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(email=BENCH_EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(email=BENCH_EMAIL, password=os.urandom(16).hex())
        EmailAddress.objects.create(user=user, email=BENCH_EMAIL, verified=True, primary=True)
    return user


def session_cookie(user) -> str:
    """A ``Cookie`` header value carrying a real session for ``user``."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _lead():
    """The demo survivor leader (from load_demo_data), or the bench member."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email="leader@example.org").first() or bench_member()


def _index_of(label: str):
    """The one index page of ``label`` (made by load_demo_data), or NotAvailable."""
    index = find_model(label).objects.first()
    if index is None:
        raise NotAvailable(f"no {label} page (load_demo_data did not make one)")
    return index


def add_pages_under(parent, pages: list) -> None:
    """Append ``pages`` (unsaved, of one specific page type) as children of ``parent`` in
    one transaction.

    Their treebeard paths are numbered here, after the parent's last child, instead of
    one ``add_child`` each (a transaction, a lock and a parent refresh per page); the
    parent's ``numchild`` is raised once at the end. Wagtail's own ``save`` still runs
    for each page (URL path, search index).
    """
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page

    from core.upstream.treebeard import child_path, last_position

    depth = parent.depth + 1
    with transaction.atomic():
        last = parent.get_last_child()
        position = last_position(last) if last else 0
        for page in pages:
            position += 1
            page.path = child_path(Page, parent.path, depth, position)
            page.depth = depth
            page.numchild = 0
            page.save(clean=False)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db(fields=["numchild"])


def seed_campaigns(sizes: Sizes) -> None:
    """1,000 published campaigns under the demo campaign index, and 10,000 confirmed
    pledges spread over them.

    Campaigns are Wagtail pages (multi-table inheritance, so no ``bulk_create``): they
    are built by the campaigns factory and saved under the index in one transaction
    (:func:`add_pages_under`). Pledges are plain rows: bulk-created, then every
    campaign's denormalised ``confirmed_pledge_count`` is set in one UPDATE.
    """
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignPage, Pledge

    index = _index_of("campaigns.CampaignIndexPage")
    owner = _lead()
    missing = sizes.campaigns - in_source_language(CampaignPage.objects).count()
    if missing > 0:
        now = timezone.now()
        run = os.urandom(3).hex()
        add_pages_under(
            index,
            [
                CampaignPageFactory.build(
                    owner=owner,
                    slug=f"bench-{run}-{n}",
                    first_published_at=now,
                    last_published_at=now,
                )
                for n in range(missing)
            ],
        )
    campaign_ids = list(
        in_source_language(CampaignPage.objects).live().values_list("pk", flat=True)
    )
    missing = sizes.pledges - Pledge.objects.count()
    if missing > 0:
        chooser = random.Random(9)
        now = timezone.now()
        run = os.urandom(3).hex()
        Pledge.objects.bulk_create(
            [
                Pledge(
                    campaign_id=chooser.choice(campaign_ids),
                    email=f"bench-{run}-{n}@example.net",
                    display_name="" if n % 3 else f"Supporter {n}",
                    contact_consent=n % 2 == 0,
                    confirmed_at=now,
                )
                for n in range(missing)
            ],
            batch_size=1000,
        )
    confirmed = (
        Pledge.objects.filter(campaign=OuterRef("pk"), confirmed_at__isnull=False)
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    CampaignPage.objects.update(confirmed_pledge_count=Coalesce(Subquery(confirmed), 0))


def seed_proposals(sizes: Sizes) -> None:
    """200 reform proposals open for endorsement under the demo proposals index, made
    with the proposals factory (``add_child``, a revision, published)."""
    from advocacy.proposals.factories import make_proposal
    from advocacy.proposals.models import ProposalStatus, ReformProposalPage

    index = _index_of("proposals.ProposalIndexPage")
    owner = _lead()
    run = os.urandom(3).hex()
    missing = sizes.proposals - in_source_language(ReformProposalPage.objects).count()
    for n in range(max(0, missing)):
        make_proposal(
            index,
            owner=owner,
            status=ProposalStatus.OPEN,
            title=f"Bench proposal {n}",
            slug=f"bench-proposal-{run}-{n}",
        )


def seed_opportunities(sizes: Sizes) -> None:
    """500 open speaking opportunities from verified organisations, bulk-created (they
    are plain rows, listed by the demo opportunity index page)."""
    from advocacy.opportunities.factories import SpeakingOpportunityFactory
    from advocacy.opportunities.models import SpeakingOpportunity
    from advocacy.organisations.factories import OrganisationFactory

    _index_of("opportunities.OpportunityIndexPage")
    missing = sizes.opportunities - SpeakingOpportunity.objects.count()
    if missing > 0:
        organisations = OrganisationFactory.create_batch(5, verified=True)
        SpeakingOpportunity.objects.bulk_create(
            [
                SpeakingOpportunityFactory.build(organisation=organisations[n % 5])
                for n in range(missing)
            ],
            batch_size=500,
        )


def seed_directory(sizes: Sizes) -> None:
    """Survivor leaders listed in the changemaker directory, most fields shown to members."""
    from people import roles
    from people.factories import UserFactory
    from people.models import ExpertiseTopic, Profile
    from people.visibility import PROFILE_FIELDS, Visibility

    topics = [
        ExpertiseTopic.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Bench {n}"})[0]
        for n in ("labour-rights", "training", "policy")
    ]
    listed = Profile.objects.filter(in_directory=True).count()
    for n in range(max(0, sizes.profiles - listed)):
        user = UserFactory(roles=[roles.SURVIVOR_LEADERS])
        profile = Profile.for_user(user)
        profile.in_directory = True
        profile.bio = "<p>Peer mentor and trainer.</p>"
        profile.country = "TH"
        profile.languages = ["th", "en"]
        profile.public_pseudonym = f"Leader {n}"
        profile.visibility = dict.fromkeys(PROFILE_FIELDS, Visibility.MEMBERS.value)
        profile.save()
        profile.topics.add(*topics[: 1 + n % len(topics)])


def directory_viewer():
    """A member of a verified organisation: the people the directory is for."""
    from advocacy.organisations.factories import OrganisationFactory
    from advocacy.organisations.membership import add_member

    viewer = bench_member()
    if not viewer.organisation_memberships.exists():
        add_member(OrganisationFactory(verified=True), viewer)
    return viewer
