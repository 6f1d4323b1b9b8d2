"""Two-step set-up as a site admin meets it at their first sign-in, in a real
browser: no second password prompt, the recovery codes once on the way, then
on to the admin they asked for."""

import re

import pytest
from playwright.sync_api import expect

from people.factories import totp_code

from .conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_site_admin_sets_up_an_authenticator_and_lands_in_the_admin(page, live_site):
    page.goto("/accounts/login/?next=/admin/")
    page.locator("input[name=login]").fill("admin@example.org")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{live_site}/accounts/2fa/?next=%2Fadmin%2F")

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Activate")).first.click()
    # Signed in moments ago: straight to the QR code, no password prompt.
    assert page.url == f"{live_site}/accounts/2fa/totp/activate/"
    expect(page.locator(".quick-exit")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    code = totp_code(secret)
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")

    assert page.url == f"{live_site}/accounts/2fa/recovery-codes/"
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10 and all(c.isdigit() for c in codes)
    with page.expect_navigation():
        page.get_by_role("link", name="Continue to where you were going").click()
    assert page.url == f"{live_site}/admin/"
    expect(page).to_have_title(re.compile("Survivor Leadership Platform"))
