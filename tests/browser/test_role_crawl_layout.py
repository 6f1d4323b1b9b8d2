"""Every page a role can reach fits a phone's screen (390 x 844).

For each role of the link crawl (tests/test_link_crawl.py: a visitor, the
survivor leader, an organisation member and admin, a council member, the
facilitator, the site admin) and once in Thai (a visitor and the survivor
leader), the crawler of tests/link_crawl.py follows every link the role is
shown. One address of each kind of page it reached (`page_shape`: ids, slugs
and queries collapsed, so every campaign counts once, and so does every
/admin/pages/<id>/edit/) is then opened in Chromium at 390 x 844, signed in as
that role with the crawl's own session, and the document may not be wider than
the window (1 px of rounding allowed). All overflowing addresses of a role are
reported together, each with its width and the outermost elements that stick
out past the screen.

To keep the browser's work bounded (at most about 60 page loads a role), the
crawl here follows one address of each admin shape for every role, as the link
crawl does for the site admin; the link crawl itself still follows them all.

The Wagtail admin (/admin/...) is checked for the roles that use it, under the
same rule, with one precise exception: the admin's listing "results" addresses
(e.g. /admin/pages/<id>/results/) are not pages but fragments that the
listing's JavaScript swaps into the page. Opened on their own they have no
layout, so their tables run wide; inside their page, which is checked, the
table scrolls in its own box and the page fits.
"""

import pytest
from django.conf import settings
from django.test import Client

from tests.link_crawl import ROLES, council_member_only, crawl, page_shape, signed_in_client

from .conftest import DEFAULT_TIMEOUT_MS, watch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
ROUNDING_PX = 1
LEADER = ROLES["survivor leader"][0]
# role: (demo account or None for a visitor, start pages, language prefix)
ROLE_CRAWLS = {
    "visitor": (None, ["/"], ""),
    **{role: (email, starts, "") for role, (email, starts, _admin) in ROLES.items()},
    "visitor in Thai": (None, ["/th/"], "th"),
    "survivor leader in Thai": (LEADER, ["/th/", "/th/me/", "/th/councils/"], "th"),
}
# Fewer kinds of page than this means the crawl went wrong, not that all is well.
MINIMUM_SHAPES = 12

# The overflow, and when there is some, the outermost elements sticking out past
# the window's right edge while their parent does not (elements inside a box
# that scrolls or clips sideways are that box's business, not the page's).
MEASURE = """(rounding) => {
  const width = window.innerWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const culprits = [];
  if (overflow > rounding) {
    const clipped = (element) => {
      for (let node = element.parentElement; node && node !== document.body;
           node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticksOut = (element) =>
      element && element.getBoundingClientRect().right > width + rounding;
    for (const element of document.body.querySelectorAll("*")) {
      if (culprits.length >= 3) break;
      if (!sticksOut(element) || sticksOut(element.parentElement) || clipped(element)) continue;
      const classes = [...element.classList].slice(0, 3).map((name) => "." + name).join("");
      const id = element.id ? "#" + element.id : "";
      const right = Math.round(element.getBoundingClientRect().right);
      culprits.push(`${element.tagName.toLowerCase()}${id}${classes} (right edge ${right} px)`);
    }
  }
  return {overflow, culprits};
}"""


def one_per_shape(pages: list[str]) -> list[str]:
    """The first address reached of each kind of page, in crawl order."""
    chosen: dict[str, str] = {}
    for path in pages:
        chosen.setdefault(page_shape(path), path)
    return list(chosen.values())


def role_client(role: str) -> tuple[Client, str]:
    email, _starts, _language = ROLE_CRAWLS[role]
    if role == "council member":
        email = council_member_only()
    return (signed_in_client(email) if email else Client()), email


def check_on_phone(context, base_url: str, addresses: list[str]) -> tuple[list[str], list[str]]:
    """Open each address; returns (addresses that overflow, addresses that did not open)."""
    too_wide, not_opened = [], []
    page = context.new_page()
    for path in addresses:
        response = page.goto(path, wait_until="load")
        landed = page.url.removeprefix(base_url)
        if response is None or response.status >= 400 or landed.split("#")[0] != path:
            status = response.status if response else "no response"
            not_opened.append(f"{path}: {status}, ended at {landed}")
            continue
        found = page.evaluate(MEASURE, ROUNDING_PX)
        if found["overflow"] > ROUNDING_PX:
            width = PHONE["width"] + found["overflow"]
            culprits = "; ".join(found["culprits"]) or "no single element found"
            too_wide.append(f"{path}: {width} px wide ({culprits})")
    return too_wide, not_opened


@pytest.mark.parametrize("role", list(ROLE_CRAWLS))
def test_every_page_a_role_reaches_fits_a_phone(browser, live_site, browser_log, role):
    _email, starts, language = ROLE_CRAWLS[role]
    client, email = role_client(role)
    result = crawl(
        client,
        starts,
        signed_in=email is not None,
        language=language,
        # Bounded as the link crawl bounds the site admin's (see the module doc).
        admin_shapes_only=True,
    )
    addresses = one_per_shape(result.pages)
    assert len(addresses) >= MINIMUM_SHAPES, result.pages

    context = browser.new_context(base_url=live_site, viewport=PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    watch(context, browser_log)
    if email is not None:
        # The browser carries the crawl's own session: the same person, past
        # the two-step gate the same way.
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_site}]
        )
    try:
        too_wide, not_opened = check_on_phone(context, live_site, addresses)
    finally:
        context.close()

    assert not_opened == [], f"{role}: pages the crawl reached did not open:\n" + "\n".join(
        not_opened
    )
    assert too_wide == [], (
        f"{role}: {len(too_wide)} of {len(addresses)} kinds of page are wider than the "
        f"{PHONE['width']} px screen:\n" + "\n".join(too_wide)
    )
    if role != "visitor" and "Thai" not in role:
        uses_admin = ROLES[role][2]
        assert any(path.startswith("/admin/") for path in addresses) == uses_admin, addresses
