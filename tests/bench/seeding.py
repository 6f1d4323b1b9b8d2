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


def seed_campaigns(sizes: Sizes) -> None:
    """1,000 campaigns and 10,000 pledges spread over them."""
    campaign = find_model("campaigns.Campaign")
    campaigns = ensure_rows(campaign, sizes.campaigns)
    pledge = find_model("campaigns.Pledge")
    existing = pledge._default_manager.count()
    factory = factory_for(pledge)
    chooser = random.Random(9)
    for _ in range(max(0, sizes.pledges - existing)):
        factory.create(campaign=chooser.choice(campaigns))


def seed_proposals(sizes: Sizes) -> None:
    """200 proposals."""
    ensure_rows(find_model("campaigns.Proposal", "advocacy.Proposal"), sizes.proposals)


def seed_opportunities(sizes: Sizes) -> None:
    """500 opportunities."""
    ensure_rows(find_model("advocacy.Opportunity", "campaigns.Opportunity"), sizes.opportunities)


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
    from advocacy.factories import OrganisationFactory
    from advocacy.organisations import add_member

    viewer = bench_member()
    if not viewer.organisation_memberships.exists():
        add_member(OrganisationFactory(verified=True), viewer)
    return viewer
