"""The per-role link crawler: every link a person is shown leads somewhere
they can go (tests/test_link_crawl.py), every page a role reaches fits a
phone's screen (tests/browser/test_role_crawl_layout.py), and every page is in
the language asked for (tests/test_every_language.py).

For each role, the crawler signs in as the demo account, starts from the home
page and the role's own start pages, and follows every same-site link shown
(`a[href]`, and the action of every GET form) breadth-first. Each page must
answer without a 4xx or 5xx, without a redirect loop, and without bouncing a
signed-in person to the sign-in page or the admin dashboard. Once in Thai, no
link may drop the /th/ prefix: the chosen language sticks.

What is not followed, and why:
- other sites, `mailto:`, `tel:`, `javascript:` and same-page `#` links: not ours
  to check (the quick exit and helplines are such links);
- `/static/` and `/media/` files: assets, not pages;
- signing out: it is a POST form, and the crawl would end its own session;
- feed and calendar downloads (RSS, Atom, iCalendar, Markdown, data export):
  fetched and checked for their status, but not read for links;
- only GET forms are followed (with their fields empty); POST forms change
  things and are covered by each feature's tests;
- the admin's bulk-action buttons (`data-bulk-action-button`): its JavaScript
  adds the pages or images chosen in the listing; without a choice they have
  nothing to act on.
Admin pages (/admin/...) are followed for the roles that can use the admin;
for a site admin (who may open every page of a kind) one address of each
shape, e.g. /admin/pages/<id>/edit/, stands for the others.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

from people.factories import enable_mfa
from people.mfa import mfa_requirement_met

# Enough to reach every kind of page of the demo site from each start page;
# listings with many filter and sort links are cut by QUERY_VARIANTS_PER_PATH.
MAX_PAGES = 500
QUERY_VARIANTS_PER_PATH = 2
MAX_REDIRECTS = 8
SIGN_IN_PATH = re.compile(r"^(/[a-z]{2,3})?/accounts/login/$")
MFA_PATH = re.compile(r"^(/[a-z]{2,3})?/accounts/2fa/")
ADMIN_DASHBOARD = "/admin/"
NOT_PAGES = ("/static/", "/media/")
# Language-neutral addresses outside the language prefix (config/urls.py): the
# admin (in each person's own admin language) and document downloads.
UNPREFIXED = ("/admin/", "/documents/", "/static/", "/media/")
DOWNLOAD_TYPES = ("text/calendar", "application/rss+xml", "application/atom+xml", "text/markdown")


class _Links(HTMLParser):
    """The links a page shows: `a[href]` and the action of each GET form
    (not the admin's bulk-action buttons, see the module doc)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            if "data-bulk-action-button" not in attributes:
                self.links.append(attributes["href"])
        elif tag == "form" and (attributes.get("method") or "get").lower() == "get":
            # A form without an action submits to the page itself.
            self.links.append(attributes.get("action") or "")


def links_on(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@dataclass
class CrawlResult:
    visited: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # The HTML documents read for links, in the order reached, each by the
    # address that answered (after redirects). Not fragments: the admin's
    # listings fetch their rows (".../results/") into the page with JavaScript.
    pages: list[str] = field(default_factory=list)

    def report(self) -> str:
        return "\n".join(self.problems)


def same_site_path(base: str, href: str) -> str | None:
    """The path (with its query) that `href` on page `base` points to on this
    site, or None for links the crawl does not follow (see the module doc)."""
    href = href.strip()
    if href.startswith("#"):
        return None
    url, _fragment = urldefrag(urljoin("http://testserver" + base, href))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(NOT_PAGES):
        return None
    return path


def admin_shape(path: str) -> str:
    """/admin/pages/12/edit/?next=x -> /admin/pages/N/edit/ (one per kind of admin page)."""
    return re.sub(r"/\d+(?=/)", "/N", path.split("?", 1)[0])


def page_shape(path: str) -> str:
    """What kind of page `path` is, so that one address can stand for the others.

    Ids and queries never make a kind: /admin/pages/12/edit/?next=x is
    /admin/pages/N/edit/. Outside the admin, an address is its view
    (/th/councils/<slug>/ is "th people-councils:workspace"), and a Wagtail page
    is its page type plus what is left of the address after the page (a
    routable page's sub-page), so each campaign is a "CampaignPage".
    """
    from django.conf import settings
    from django.urls import Resolver404, resolve
    from django.utils import translation

    bare = path.split("?", 1)[0]
    if bare.startswith(ADMIN_DASHBOARD):
        return _admin_page_shape(bare)
    if bare.startswith(UNPREFIXED):
        return admin_shape(bare)
    language = settings.LANGUAGE_CODE
    first = bare.strip("/").split("/", 1)[0]
    if first in dict(settings.LANGUAGES) and first != settings.LANGUAGE_CODE:
        language = first
    with translation.override(language):
        try:
            match = resolve(bare)
        except Resolver404:
            return f"{language} {admin_shape(bare)}"
    if match.url_name != "wagtail_serve":
        return f"{language} {match.view_name}"
    return f"{language} {_wagtail_page_shape(match.args[0] if match.args else '')}"


def _admin_page_shape(path: str) -> str:
    """An admin view by its name; a form to add a page, by the type of page too
    (each type has its own fields)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return admin_shape(path)
    model = match.kwargs.get("content_type_model_name", "")
    if model and "add" in (match.url_name or ""):
        return f"{match.view_name} {model}"
    return match.view_name


def _wagtail_page_shape(path: str) -> str:
    from wagtail.models import Site

    page = Site.objects.get(is_default_site=True).root_page
    components = [part for part in path.split("/") if part]
    while components:
        child = page.get_children().filter(slug=components[0]).first()
        if child is None:
            break
        page = child
        components.pop(0)
    rest = "/".join(re.sub(r"^\d+$", "N", part) for part in components)
    return f"{type(page.specific).__name__}/{rest}"


def crawl(
    client: Client,
    starts: list[str],
    *,
    signed_in: bool,
    language: str = "",
    admin_shapes_only: bool = False,
    one_per_shape: bool = False,
    follow_admin: bool = True,
    check_page: Callable[[str, str], list[str]] | None = None,
    seen_shapes: set[str] | None = None,
) -> CrawlResult:
    """Breadth-first over every link shown, from `starts`.

    `language`: when set (e.g. "th"), every link shown must keep its prefix.
    `admin_shapes_only`: follow one admin address of each shape (site admins).
    `one_per_shape`: follow one address of each kind of page (`page_shape`).
    `follow_admin`: False leaves the admin out.
    `check_page(path, html)`: what is wrong with each HTML page reached.
    `seen_shapes`: kinds of page already checked, shared between crawls: a
    page of such a kind is not checked again, but it is still followed for
    the links it shows this person (a member's dashboard is linked from a
    public page that the visitor's crawl has already checked).
    """
    result = CrawlResult()
    queue: deque[tuple[str, str]] = deque((start, "(start)") for start in starts)
    queued = set(starts)
    query_variants: dict[str, int] = {}
    prefix = f"/{language}/" if language else ""
    dropped: set[str] = set()  # Each link that drops the prefix is reported once.
    admin_shapes: set[str] = set()
    shapes: set[str] = set()  # The kinds of page this crawl follows.

    while queue and len(result.visited) < MAX_PAGES:
        path, found_on = queue.popleft()
        response, final_path, problem = _fetch(client, path, signed_in=signed_in, prefix=prefix)
        result.visited[path] = response.status_code
        if problem:
            result.problems.append(f"{path} (linked from {found_on}): {problem}")
            continue
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("text/html") or getattr(response, "streaming", False):
            continue
        html = response.content.decode()
        if final_path not in result.pages and "<html" in html[:1000].lower():
            result.pages.append(final_path)
            if check_page is not None and _first_of_its_kind(final_path, seen_shapes):
                result.problems += [f"{final_path}: {found}" for found in check_page(path, html)]
        for href in links_on(html):
            target = same_site_path(final_path, href)
            if target is None:
                continue
            if prefix and not target.startswith((prefix, *UNPREFIXED)):
                if target not in dropped:
                    dropped.add(target)
                    result.problems.append(f"{final_path}: link {href!r} drops the {prefix} prefix")
                continue
            if target in queued:
                continue
            if not follow_admin and target.startswith(ADMIN_DASHBOARD):
                continue
            if one_per_shape and not target.startswith(ADMIN_DASHBOARD):
                shape = page_shape(target)
                if shape in shapes:
                    continue
                shapes.add(shape)
            if admin_shapes_only and target.startswith(ADMIN_DASHBOARD):
                if admin_shape(target) in admin_shapes:
                    continue
                admin_shapes.add(admin_shape(target))
            bare = target.split("?", 1)[0]
            if "?" in target:
                query_variants[bare] = query_variants.get(bare, 0) + 1
                if query_variants[bare] > QUERY_VARIANTS_PER_PATH:
                    continue
            queued.add(target)
            queue.append((target, final_path))
    return result


def _first_of_its_kind(path: str, seen_shapes: set[str] | None) -> bool:
    """Whether `path` is the first page of its kind that the crawls sharing
    `seen_shapes` check (always, when they share none); it now has been."""
    if seen_shapes is None:
        return True
    shape = page_shape(path)
    if shape in seen_shapes:
        return False
    seen_shapes.add(shape)
    return True


def _fetch(client: Client, path: str, *, signed_in: bool, prefix: str):
    """GET `path`, following redirects by hand; returns the last response, the
    path it came from, and what is wrong (None when nothing is)."""
    chain = [path]
    current = path
    for _hop in range(MAX_REDIRECTS):
        response = client.get(current)
        if response.status_code >= 400:
            via = f" (via {' -> '.join(chain)})" if len(chain) > 1 else ""
            return response, current, f"answered {response.status_code}{via}"
        if response.status_code not in (301, 302, 303, 307, 308):
            return response, current, None
        location = same_site_path(current, response.headers["Location"])
        if location is None:
            return response, current, None  # Leaves the site on purpose (e.g. a download host).
        target = location.split("?", 1)[0]
        if location in chain:
            return response, current, "redirect loop: " + " -> ".join([*chain, location])
        if prefix and not location.startswith((prefix, *UNPREFIXED)):
            return response, current, f"redirect to {location} drops the {prefix} prefix"
        if signed_in and path.split("?", 1)[0] != target:
            if SIGN_IN_PATH.match(target):
                return response, current, f"bounced to sign-in ({' -> '.join([*chain, location])})"
            if MFA_PATH.match(target) and not MFA_PATH.match(path):
                return response, current, f"bounced to two-step set-up ({location})"
            if target == ADMIN_DASHBOARD:
                return response, current, f"bounced to the admin dashboard from {current}"
        chain.append(location)
        current = location
    return response, current, "too many redirects: " + " -> ".join(chain)


def signed_in_client(email: str) -> Client:
    """A client signed in as the demo account `email`, past the two-step gate
    the way a person who set it up would be (as the other tests do)."""
    user = get_user_model().objects.get(email=email)
    if not mfa_requirement_met(user):
        enable_mfa(user)
    client = Client()
    client.force_login(user)
    return client


def council_member_only() -> str:
    """A registered person whose only role is being a member of a council."""
    from councils.models import Council
    from councils.services.memberships import add_member
    from people.factories import UserFactory

    user = UserFactory(email="council-member@example.org", display_name="Lin (council member)")
    for council in Council.objects.all():
        add_member(council, user)
    return user.email


ACCOUNT_STARTS = ["/", "/me/", "/councils/"]
# role: (demo account, start pages, uses the admin)
ROLES = {
    "survivor leader": ("leader@example.org", [*ACCOUNT_STARTS, ADMIN_DASHBOARD], True),
    "organisation member": ("org-member@example.org", ACCOUNT_STARTS, False),
    "organisation admin": ("org-admin@example.org", ACCOUNT_STARTS, False),
    "council member": (None, ACCOUNT_STARTS, False),
    "facilitator": ("facilitator@example.org", [*ACCOUNT_STARTS, ADMIN_DASHBOARD], True),
    "site admin": ("admin@example.org", [*ACCOUNT_STARTS, ADMIN_DASHBOARD], True),
}
