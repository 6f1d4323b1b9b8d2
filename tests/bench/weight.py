"""Light pages: what each public page type costs a reader on a low-cost phone.

Bytes transferred on a first and a repeat visit (Chromium's network events:
compressed bodies and headers), and first contentful paint on a connection
that Chromium throttles to 400 kbit/s with a 400 ms round trip, for the demo
site served by one uvicorn process with the page cache on, production's static
files (minified, hashed, Brotli) and uploaded images as the proxy serves them
(tests/page_weight.py). The budgets are the same as the browser test's
(tests/browser/test_page_weight.py).
"""

from __future__ import annotations

from tests.bench.report import Section, Table, Target, fmt
from tests.bench.seeding import seed_site
from tests.bench.servers import serve
from tests.chromium import ARGS, chromium_path
from tests.page_weight import (
    FIRST_VISIT_BUDGET,
    KB,
    PHONE,
    REPEAT_VISIT_BUDGET,
    SLOW_NETWORK,
    first_and_repeat,
    give_a_campaign_an_image,
    page_addresses,
)

SERVER = "uvicorn"
# Resource types as Chromium names them, in the order the table shows them.
KINDS = ["Document", "Stylesheet", "Script", "Font", "Image"]


def _kb(value: float | None) -> str:
    return fmt(None if value is None else value / KB, 1)


def _ms(value: float | None) -> str:
    return fmt(value, 0)


def run(ctx) -> Section:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.")
    seed_site(None)
    give_a_campaign_an_image()
    addresses = page_addresses()
    if ctx.quick:
        addresses = addresses[:2]
    bytes_table = Table(
        f"Bytes transferred (KB, compressed, headers included) on a {PHONE['viewport']['width']}"
        f"-pixel phone at density {PHONE['device_scale_factor']}; budgets "
        f"{FIRST_VISIT_BUDGET // KB} KB first, {REPEAT_VISIT_BUDGET // KB} KB repeat",
        ["Page", "First visit", *[f"of which {kind.lower()}" for kind in KINDS], "Requests",
         "Repeat visit", "Repeat requests"],
    )  # fmt: skip
    paint_table = Table(
        "First contentful paint at 400 kbit/s and a 400 ms round trip (ms)",
        ["Page", "First visit", "Repeat visit", "Fast network, first visit"],
    )
    targets = []
    with (
        serve(SERVER, {**ctx.env, "PAGE_CACHE": "on"}, ctx.tmpdir / "weight.log") as running,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        try:
            base_url = running.url("")
            for label, path in addresses:
                # Once unmeasured, so the page cache and the image renditions exist.
                first_and_repeat(browser, base_url, path)
                first, repeat = first_and_repeat(browser, base_url, path)
                slow_first, slow_repeat = first_and_repeat(browser, base_url, path, SLOW_NETWORK)
                failed = first.failed + repeat.failed + slow_first.failed + slow_repeat.failed
                if failed:
                    raise RuntimeError(f"{label} ({path}): {failed}")
                bytes_table.rows.append(
                    [label, _kb(first.total), *[_kb(first.by_type.get(kind, 0)) for kind in KINDS],
                     str(first.requests), _kb(repeat.total), str(repeat.requests)]
                )  # fmt: skip
                paint_table.rows.append(
                    [label, _ms(slow_first.first_contentful_paint_ms),
                     _ms(slow_repeat.first_contentful_paint_ms),
                     _ms(first.first_contentful_paint_ms)]
                )  # fmt: skip
                targets.append(
                    Target(
                        f"{label}: first visit ≤ {FIRST_VISIT_BUDGET // KB} KB (measured in KB)",
                        first.total / KB,
                        first.total <= FIRST_VISIT_BUDGET,
                    )
                )
                targets.append(
                    Target(
                        f"{label}: repeat visit ≤ {REPEAT_VISIT_BUDGET // KB} KB (measured in KB)",
                        repeat.total / KB,
                        repeat.total <= REPEAT_VISIT_BUDGET,
                    )
                )
        finally:
            browser.close()
    return Section(
        key="weight",
        title="Light pages: bytes and first paint per page type",
        method=(
            "The demo site (`load_demo_data`), its first featured campaign given a "
            "1600 by 900 illustration as its image, on one uvicorn process with the page cache on, "
            "static files collected by production's storage and uploaded images served as "
            "the proxy serves them. Headless Chromium as a low-cost phone; each page is "
            "loaded once unmeasured (so the page cache and image sizes exist), then in a "
            "fresh browser (first visit) and again in the same browser (repeat visit). "
            "Bytes are Chromium's `encodedDataLength`; images below the fold are not "
            "loaded (they are lazy), as on a phone. First contentful paint is read from "
            "the browser's Paint Timing with Chromium's own network throttling."
        ),
        tables=[bytes_table, paint_table],
        targets=targets,
    )
