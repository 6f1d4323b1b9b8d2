"""Finding a request's site and page cheaply (docs/caching.md, "The fixed
cost of a request").

Wagtail finds the site with a query per request, then walks the page tree
one level at a time: for /campaigns/clean-supply/ it reads the site's root
page, its translation for the reader's locale, the child `campaigns`, that
page's own row, the child `clean-supply` and its own row. Here:

- **Sites** are read once per process (`core.site_wide`, forgotten when a
  site, a locale or a site's root page changes) and matched to the request's
  host and port exactly as Wagtail matches them.
- **Pages** along the address are found by their `url_path` in one query.
  Every address is its source page's (content/translations.py), so only the
  source tree, the site root's own locale, is searched: `url_path` is unique
  within a locale. Only the page reached is read as its own type.

The decisions stay the pages' own. A routable page on the way answers the
rest of the address if one of its routes matches it (its routes come before
its children, as in `RoutablePageMixin.route`); the page reached routes what
is left itself (`TranslatedPage.route`: the reader's language, live or not).
A page type that routes in some other way, or a site whose root is not a
source page, is routed by Wagtail as before.

The results go where Wagtail keeps them for the request
(core/upstream/wagtail.py), so Wagtail's serve view, settings and `pageurl`
ask no more.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core import page_cache, site_wide
from core.page_cache import page_tag
from core.upstream import wagtail as wagtail_fence

from .caching import children_tag
from .translations import TranslatedPage, default_locale

# Bumped by every change to pages that is not a draft's (content/caching.py).
ROUTES = "routes"
page_cache.read_with_the_first(ROUTES)

# Wagtail's match order (wagtail.models.sites.get_site_for_hostname).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = 0, 1, 2, 3


SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


@dataclass(frozen=True)
class SiteRecord:
    values: tuple  # The site's SITE_FIELDS.
    root_url_path: str
    root_locale_id: int
    root_content_type_id: int

    @property
    def pk(self) -> int:
        return self.values[0]

    @property
    def hostname(self) -> str:
        return self.values[1]

    @property
    def port(self) -> int:
        return self.values[2]

    @property
    def root_page_id(self) -> int:
        return self.values[4]

    @property
    def is_default_site(self) -> bool:
        return self.values[5]

    def as_site(self) -> Site:
        """A `Site` for one request (never shared: Wagtail keeps things on it)."""
        return Site.from_db("default", SITE_FIELDS, self.values)


def _read_sites() -> tuple[SiteRecord, ...]:
    return tuple(
        SiteRecord(
            values=tuple(getattr(site, name) for name in SITE_FIELDS),
            root_url_path=site.root_page.url_path,
            root_locale_id=site.root_page.locale_id,
            root_content_type_id=site.root_page.content_type_id,
        )
        for site in Site.objects.select_related("root_page").order_by("pk")
    )


def site_records() -> tuple[SiteRecord, ...]:
    return site_wide.remember(("sites",), _read_sites)


def _match(records: tuple[SiteRecord, ...], hostname: str, port: int) -> SiteRecord | None:
    """Wagtail's choice of site for a host and port, over records in memory."""

    def rank(record: SiteRecord) -> int | None:
        if record.hostname == hostname and record.port == port:
            return _HOSTNAME_PORT
        if record.hostname == hostname and record.is_default_site:
            return _HOSTNAME_DEFAULT
        if record.is_default_site:
            return _DEFAULT
        if record.hostname == hostname:
            return _HOSTNAME
        return None

    ranked = sorted(
        ((rank(record), record) for record in records if rank(record) is not None),
        key=lambda pair: pair[0],
    )
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (_HOSTNAME_PORT, _HOSTNAME_DEFAULT):
        return ranked[0][1]
    # The default site, unless exactly one site has the hostname.
    return ranked[1][1] if len(ranked) == 2 else ranked[0][1]


def site_record_for_request(request) -> SiteRecord | None:
    # The host was checked against ALLOWED_HOSTS by CommonMiddleware already.
    hostname = split_domain_port(request.get_host())[0]
    return _match(site_records(), hostname, int(request.get_port()))


def find_site(request, record: SiteRecord | None = None) -> Site | None:
    """`Site.find_for_request`, from the records in memory (or `record`, the
    request's, when the caller matched it already); Wagtail gets the answer
    too, for the rest of the request."""
    if wagtail_fence.knows_site(request):
        return Site.find_for_request(request)
    record = record or site_record_for_request(request)
    site = record.as_site() if record is not None else None
    wagtail_fence.remember_site(request, site)
    return site


# --- Pages --------------------------------------------------------------------

_ROUTERS_UNDERSTOOD = (Page.route, TranslatedPage.route, RoutablePageMixin.route)


@functools.cache
def _routes_as_understood(model) -> bool:
    """True when every `route` in the model's classes is one whose
    decisions `route()` below reproduces."""
    for klass in model.__mro__:
        own = klass.__dict__.get("route")
        if own is not None and own not in _ROUTERS_UNDERSTOOD:
            return False
    return True


def _model_of(content_type_id: int):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _answers_itself(model, live: bool, components: list[str]) -> bool:
    """Whether a routable page on the way has a route for the rest."""
    if not live or not issubclass(model, RoutablePageMixin):
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
    except Resolver404:
        return False
    return True


def route(request, path: str) -> RouteResult | None:
    """The page, view and arguments for `path` on the request's site, or
    None (no page there): what `Page.route_for_request` answers."""
    record = site_record_for_request(request)
    site = find_site(request, record)
    if site is None or record is None:
        return None
    components = [part for part in path.split("/") if part]
    root_model = _model_of(record.root_content_type_id)
    if record.root_locale_id != default_locale().pk or not _routes_as_understood(root_model):
        return _wagtail_route(request, site, components)
    chain = _chain(record, components)
    if not chain or chain[0]["pk"] != record.root_page_id:
        return None
    for depth, row in enumerate(chain):
        model = _model_of(row["content_type_id"])
        if model is None:
            return None
        if not _routes_as_understood(model):
            return _wagtail_route(request, site, components)
        rest = components[depth:]
        last = depth == len(chain) - 1
        if not last and not _answers_itself(model, row["live"], rest):
            continue
        if last and rest and not _answers_itself(model, row["live"], rest):
            return None  # No child with the next slug, and no route for it.
        try:
            page = _page(model, row["pk"], request)
            return page.route(request, rest)
        except (Http404, model.DoesNotExist):
            return None
    return None


def _read_chain(record: SiteRecord, components: list[str]) -> tuple[dict, ...]:
    url_paths = [record.root_url_path]
    for part in components:
        url_paths.append(f"{url_paths[-1]}{part}/")
    rows = {
        row["url_path"]: row
        for row in Page.objects.filter(
            url_path__in=url_paths, locale_id=record.root_locale_id
        ).values("pk", "url_path", "content_type_id", "live", "depth")
    }
    chain = []
    for url_path in url_paths:
        row = rows.get(url_path)
        if row is None:
            break
        chain.append(row)
    return tuple(chain)


def _chain(record: SiteRecord, components: list[str]) -> tuple[dict, ...]:
    """The pages along the address that exist, from the site root down (their
    pk, url_path, content type, live and depth), kept per process (only for
    addresses a page answers in full, so that no one can fill the memory with
    made-up addresses), while the `routes` tag holds (every save of a page
    that is not a draft's bumps it: a new slug, a page going live or not) and
    the site tag (moves and deletions). That tag is read with each request's
    first (`page_cache.read_with_the_first`): a held chain costs no round trip."""
    key = ("route", record.pk, *components)
    chain = site_wide.held(key, (ROUTES,))
    if chain is None:
        chain = _read_chain(record, components)
        if len(chain) == len(components) + 1:
            site_wide.remember(key, lambda: chain, tags=(ROUTES,))
    return chain


# Values every request may share as they are: a page's other fields (a
# StreamField's blocks, JSON) are kept as JSON and made anew for each request.
_IMMUTABLE = (str, int, float, bool, type(None), Decimal, datetime, date, time, timedelta, UUID)


def _frozen(page: Page) -> tuple:
    return tuple(
        json.dumps(field.get_prep_value(value), cls=DjangoJSONEncoder)
        if isinstance(field, StreamField)
        else _own_copy(value)
        for field, value in (
            (field, getattr(page, field.attname)) for field in type(page)._meta.concrete_fields
        )
    )


def _thawed(model, values: tuple) -> Page:
    made = [
        field.to_python(json.loads(value)) if isinstance(field, StreamField) else _own_copy(value)
        for field, value in zip(model._meta.concrete_fields, values, strict=True)
    ]
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(DEFAULT_DB_ALIAS, names, made)


def _own_copy(value):
    """`value` as it may be shared, or a copy of its own (JSON, lists)."""
    return value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)


def _page(model, pk: int, request) -> Page:
    """The page reached, as its own type. For visitors, its row is kept per
    process while the `routes` tag and the page's own tag hold (every save of
    a page that is not a draft's bumps both; a row written without a save, a
    confirmed pledge's count, bumps the page's tag, as the page cache needs)
    and each request gets its own copy of the page, made from it without a
    query. Anyone signed in reads the row as it is now
    (drafts' fields, such as `has_unpublished_changes`, are in it too)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return model.objects.get(pk=pk)
    key, tags = ("page", pk), (ROUTES, page_tag(pk))
    # Pages that list their children (a campaign's updates) ask for this
    # next: read in the same round trip.
    site_wide.read_ahead((page_tag(pk), children_tag(pk)))
    held = site_wide.held(key, tags)
    if held is not None and held[0] is model:
        return _thawed(model, held[1])
    page = model.objects.get(pk=pk)
    site_wide.remember(key, lambda: (model, _frozen(page)), tags=tags)
    return page


def _wagtail_route(request, site: Site, components: list[str]) -> RouteResult | None:
    try:
        return site.root_page.localized.specific.route(request, components)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's serve view, with the route found above."""
    wagtail_fence.remember_route(request, route(request, path))
    return wagtail_views.serve(request, path)
