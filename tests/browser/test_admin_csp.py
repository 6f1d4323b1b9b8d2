"""The Wagtail admin runs under its narrowed content security policy (scripts:
'self' and a nonce that only Wagtail's own widget initialisers get; see
config/admin_scripts.py) without a single violation.

The views are found, not listed: starting at the dashboard, a site admin's
browser follows every admin link it finds (one URL per shape, so `/pages/3/`
and `/pages/4/` count once), and opens the edit and create forms of every page
type of the project. Violations are counted from the `securitypolicyviolation`
events and from Chromium's console, as in test_csp.py.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest

from people.factories import enable_mfa, totp_code

from .conftest import DEMO_PASSWORD
from .test_csp import WATCH_VIOLATIONS, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADMIN_EMAIL = "admin@example.org"
# Links a crawl must not follow: signing out, and downloads (not pages).
SKIP = re.compile(r"/logout/|/accounts/|\.(csv|xlsx|ics|pdf|docx?)$|export=|/documents/\d+/[^/]+$")
MAX_VIEWS = 160


def _shape(path: str) -> str:
    return re.sub(r"/\d+/", "/N/", path)


def _sign_in_with_totp(page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    code = totp_code(user)
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")


def _summary(found: dict) -> dict:
    """Each distinct violation once, with the first path it was seen on."""
    summary = {}
    for path, problems in found.items():
        for problem in problems:
            if isinstance(problem, dict):
                key = f"{problem['directive']} {problem['blocked']} {problem['sample'][:80]}"
            else:
                key = problem[:160]
            summary.setdefault(key, path)
    return summary


def _page_form_paths() -> list[str]:
    """The edit form of one page of each type of the project, and a create form
    under it or its parent."""
    from wagtail.models import Page, get_page_models

    paths = []
    for model in get_page_models():
        if model._meta.app_label not in {"home", "campaigns", "opportunities", "proposals"}:
            continue
        page = model.objects.order_by("path").first()
        if page is None:
            continue
        paths.append(f"/admin/pages/{page.pk}/edit/")
        parent = page.get_parent()
        paths.append(
            f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
        )
    assert Page.objects.exists()
    return paths


def test_every_admin_view_runs_without_csp_violations(page, browser_log, live_site):
    from people.models import User

    admin = enable_mfa(User.objects.get(email=ADMIN_EMAIL))

    page.add_init_script(WATCH_VIOLATIONS)
    _sign_in_with_totp(page, admin)

    # Every page type's forms are visited, although their URLs share shapes.
    forms = _page_form_paths()
    queue = deque(["/admin/", *forms])
    seen_shapes: set[str] = set()
    visited, found, nonced_scripts = [], {}, 0
    while queue and len(visited) < MAX_VIEWS:
        path = queue.popleft()
        shape = _shape(path)
        if (shape in seen_shapes and path not in forms) or SKIP.search(path):
            continue
        seen_shapes.add(shape)
        browser_log.console.clear()
        response = page.goto(path)
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            continue
        visited.append((path, response.status))
        policy = response.headers.get("content-security-policy", "")
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, path
        assert "'unsafe-eval'" not in policy, path
        nonced_scripts += page.locator("script[nonce]").count()
        if problems := violations(page, browser_log):
            found[path] = problems
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc == urlparse(live_site).netloc and url.path.startswith("/admin/"):
                link = url.path + (f"?{url.query}" if url.query else "")
                if _shape(link) not in seen_shapes:
                    queue.append(link)

    assert _summary(found) == {}
    assert browser_log.errors == []
    shapes = {_shape(path) for path, _status in visited}
    # The crawl reached the parts of the admin a site admin works in.
    for expected in [
        "/admin/",
        "/admin/pages/N/",
        "/admin/pages/N/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/reports/site-history/",
    ]:
        assert expected in shapes, f"the crawl never reached {expected}"
    assert any(shape.startswith("/admin/snippets/") for shape in shapes)
    assert any(shape.startswith("/admin/settings/") for shape in shapes)
    # Wagtail's inline initialisers (date pickers, choosers, inline panels) ran
    # with the nonce: without it they would have been reported above.
    assert nonced_scripts > 0
    assert all(status < 500 for _path, status in visited), visited
