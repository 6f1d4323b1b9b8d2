"""Light pages, kept light: every public page type within its byte budget on a
low-cost phone, as production delivers it (tests/page_weight.py).

At most 100 KB transferred on a first visit (HTML, CSS, JavaScript, fonts and
images, compressed, headers included) and at most 30 KB on a repeat visit.
The figures, with first paint on a throttled connection, are in
docs/benchmarks.md (`make bench`).
"""

import threading

import pytest
from django.core.asgi import get_asgi_application

from tests.browser.conftest import serve_asgi
from tests.page_weight import (
    FIRST_VISIT_BUDGET,
    KB,
    REPEAT_VISIT_BUDGET,
    MediaAsTheProxyServesIt,
    first_and_repeat,
    give_a_campaign_an_image,
    page_addresses,
    production_static,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with production_static(root):
        return root


@pytest.fixture
def production_site(live_site, collected_static):
    """The demo site, with a campaign image, served with production's static
    files and a proxy's media."""
    give_a_campaign_an_image()
    with production_static(collected_static, collect=False):
        # A new handler, so WhiteNoise reads the collected folder.
        application = MediaAsTheProxyServesIt(get_asgi_application())
        with serve_asgi(application) as base_url:
            yield base_url


def test_every_page_type_is_within_budget_on_first_and_repeat_visits(production_site, browser):
    addresses = page_addresses()
    assert {label for label, _path in addresses} >= {
        "home page",
        "campaign index",
        "campaign page",
        "proposal page",
        "remedy page",
    }
    report, over = [], []
    for label, path in addresses:
        first, repeat = first_and_repeat(browser, production_site, path)
        assert not first.failed and not repeat.failed, (label, first.failed, repeat.failed)
        report.append(f"{label}: {first.total / KB:.1f} KB, again {repeat.total / KB:.1f} KB")
        if first.total > FIRST_VISIT_BUDGET or repeat.total > REPEAT_VISIT_BUDGET:
            over.append(f"{label} ({path}): first {first.by_type}, repeat {repeat.by_type}")
    assert not over, "Over budget:\n" + "\n".join(over) + "\n\nAll:\n" + "\n".join(report)


def test_the_campaign_image_comes_as_webp_sized_for_the_phone(production_site, browser):
    path = dict(page_addresses())["campaign page"]
    context = browser.new_context(base_url=production_site, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        images = []
        lock = threading.Lock()

        def seen(response):
            if response.request.resource_type == "image" and "/media/" in response.url:
                with lock:
                    images.append(response)

        page.on("response", seen)
        page.goto(path)
        hero = page.locator(".campaign-hero picture img")
        hero.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=hero.element_handle()
        )
        assert hero.get_attribute("width") and hero.get_attribute("height")
        chosen = page.evaluate("img => img.currentSrc", hero.element_handle())
        # A 360-pixel screen at density 1 gets the smallest size, as WebP.
        assert chosen.endswith(".webp") and "480x200" in chosen, chosen
        assert any(response.url == chosen for response in images)
    finally:
        context.close()
