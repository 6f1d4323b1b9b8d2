"""Every response carries the security headers; the strict CSP is on every
public and member page, and the admin's looser policy stays on admin paths."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/know-your-rights/",
    "/safety/",
    "/es/about/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]
ADMIN_PATHS = ["/admin/", "/admin/login/"]


def header_values(response):
    return {name.lower(): value for name, value in response.headers.items()}


@pytest.mark.parametrize("path", PUBLIC_PATHS + ADMIN_PATHS)
def test_every_response_has_the_security_headers(client, demo_site, path):
    response = client.get(path, secure=True)
    headers = header_values(response)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert "camera=()" in headers["permissions-policy"]
    assert "geolocation=()" in headers["permissions-policy"]
    assert "content-security-policy" in headers
    expected_frame_option = "SAMEORIGIN" if path.startswith("/admin/") else "DENY"
    assert headers["x-frame-options"] == expected_frame_option


def test_static_files_carry_the_basic_headers(client):
    response = client.get("/static/js/quick-exit.js", secure=True)
    assert response.status_code == 200
    headers = header_values(response)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def parse_csp(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonces_of(response) -> tuple[set[str], set[str]]:
    """The nonces in the policy header and those in the page's HTML."""
    csp = parse_csp(response.headers["Content-Security-Policy"])
    in_header = {s[len("'nonce-") : -1] for s in csp["script-src"] if s.startswith("'nonce-")}
    in_body = set(re.findall(r'nonce="([^"]*)"', response.content.decode()))
    return in_header, in_body


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_get_the_strict_policy(client, demo_site, path):
    """Scripts only from the site's own files: no inline code, no eval. The
    site's pages need no nonce (every script is a file 'self' allows), so
    pages kept for visitors hold none that could be given twice."""
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = parse_csp(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert nonces_of(response) == (set(), set())


def test_pages_have_no_inline_scripts_or_styles(client, demo_site):
    for path in PUBLIC_PATHS:
        html = client.get(path).content.decode()
        assert "<style" not in html, path
        assert " style=" not in html, path
        assert " onclick=" not in html.lower(), path
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert " src=" in opening or 'type="application/json"' in opening, (path, opening)


def test_only_admin_paths_get_the_admin_policy(client, demo_site, user_factory):
    admin = user_factory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin)
    admin_page = client.get("/admin/")
    assert admin_page.status_code == 200
    admin_csp = parse_csp(admin_page.headers["Content-Security-Policy"])
    # Scripts: a nonce that only Wagtail's own initialisers get, no 'unsafe-inline'.
    assert "'unsafe-inline'" not in admin_csp["script-src"]
    assert any(source.startswith("'nonce-") for source in admin_csp["script-src"])
    assert "'unsafe-inline'" in admin_csp["style-src"]
    assert admin_csp["frame-ancestors"] == ["'self'"]

    # The same signed-in admin on public pages gets the strict policy.
    for path in ["/", "/about/", "/accounts/email/", "/adminx/", "/no-such-page/"]:
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy, path
        assert parse_csp(policy)["frame-ancestors"] == ["'none'"], path


def test_session_and_csrf_cookies_are_http_only(client, demo_site):
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"]
    assert response.cookies["csrftoken"]["samesite"] == "Lax"
