"""What a page costs a reader on a cheap phone and a slow, metered connection.

For each public page type: the bytes transferred on a first visit (empty
browser cache) and on a repeat visit (the same page again), counted from
Chromium's own network events (`encodedDataLength`: compressed bodies and
headers, as they crossed the wire), and, with Chromium's network throttled to
400 kbit/s and a 400 ms round trip, when the first content was painted.

Pages are measured as production delivers them: static files collected by the
production storage (minified, hashed, Brotli; `production_static`), uploaded
images served as the proxy in front serves them (`MediaAsTheProxyServesIt`).

Used by the budget test (tests/browser/test_page_weight.py) and by
`make bench` (tests/bench/weight.py), which writes the figures into
docs/benchmarks.md.
"""

from __future__ import annotations

import contextlib
import io
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

KB = 1024
FIRST_VISIT_BUDGET = 100 * KB
REPEAT_VISIT_BUDGET = 30 * KB

# A low-cost phone: a 360-pixel-wide screen at twice the density.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# 400 kbit/s each way and a 400 ms round trip (Chromium's own throttling).
SLOW_NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}

# Page types and the model whose first live page stands for each ("" is the
# site's root). The campaign page is the one with a hero image, if any.
PAGE_TYPES = [
    ("home page", ""),
    ("home page (Thai)", "th"),
    ("standard page", "home.StandardPage"),
    ("campaign index", "campaigns.CampaignIndexPage"),
    ("campaign page", "campaigns.CampaignPage"),
    ("campaign update", "campaigns.CampaignUpdatePage"),
    ("proposal index", "proposals.ProposalIndexPage"),
    ("proposal page", "proposals.ReformProposalPage"),
    ("opportunity index", "opportunities.OpportunityIndexPage"),
    ("remedy index", "pathways.RemedyIndexPage"),
    ("remedy page", "pathways.RemedyPage"),
]


def page_addresses() -> list[tuple[str, str]]:
    """(page type, path) for every type in PAGE_TYPES the database has a live page of."""
    from django.apps import apps

    from content.visibility import public

    found = []
    for label, model_label in PAGE_TYPES:
        if model_label in ("", "th"):
            found.append((label, f"/{model_label}/" if model_label else "/"))
            continue
        model = apps.get_model(model_label)
        pages = public(model.objects.live()).order_by("pk")
        page = pages.first()
        if model_label == "campaigns.CampaignPage":
            page = pages.filter(hero_image__isnull=False).first() or page
        if page is not None and page.get_url():
            found.append((label, page.get_url()))
    return found


DAWN_TITLE = "Dawn over the hills (illustration)"
DAWN_ALT = "An illustration of the sun rising over green hills under an orange and blue sky"


def give_a_campaign_an_image() -> None:
    """The demo has no uploaded images; campaigns usually have one. The first
    featured campaign gets an illustration drawn here (1600 by 900, no
    photograph, no people), published, so that the card, the hero and their
    renditions are measured as a real upload would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.live().filter(featured=True).order_by("pk").first()
    if campaign is None or campaign.hero_image_id:
        return
    width, height = 1600, 900
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # the sky, from deep blue to warm orange
        share = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(40 + 215 * share), int(70 + 120 * share), int(140 - 60 * share)),
        )
    draw.ellipse([1000, 430, 1280, 710], fill=(255, 204, 128))
    draw.polygon(
        [(0, 700), (420, 560), (820, 690), (1220, 600), (1600, 720), (1600, 900), (0, 900)],
        fill=(72, 110, 80),
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    upload = SimpleUploadedFile("dawn-over-the-hills.jpg", buffer.getvalue(), "image/jpeg")
    campaign.hero_image = get_image_model().objects.create(title=DAWN_TITLE, file=upload)
    campaign.hero_alt_text = DAWN_ALT
    campaign.save_revision().publish()


@dataclass
class Visit:
    """One page load: bytes by resource type, requests made, first paint."""

    by_type: dict[str, int] = field(default_factory=dict)
    requests: int = 0  # asked of the network (not answered from the browser's cache)
    failed: list[str] = field(default_factory=list)
    first_contentful_paint_ms: float | None = None

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


class NetworkLog:
    """Chromium's network events for one page, summed per navigation."""

    def __init__(self, context, page) -> None:
        self.session = context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.types: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.visit = Visit()
        self.session.on("Network.requestWillBeSent", self._sent)
        self.session.on("Network.requestServedFromCache", self._from_cache)
        self.session.on("Network.responseReceived", self._received)
        self.session.on("Network.loadingFinished", self._finished)
        self.session.on("Network.loadingFailed", self._failed)

    def throttle(self, conditions: dict) -> None:
        self.session.send("Network.emulateNetworkConditions", conditions)

    def start(self) -> None:
        self.visit = Visit()

    def _sent(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.visit.requests += 1

    def _from_cache(self, event) -> None:
        self.visit.requests -= 1

    def _received(self, event) -> None:
        self.types[event["requestId"]] = event["type"]
        if event["response"]["status"] >= 400:
            self.visit.failed.append(f"{event['response']['status']} {event['response']['url']}")

    def _finished(self, event) -> None:
        kind = self.types.get(event["requestId"], "Other")
        self.visit.by_type[kind] = self.visit.by_type.get(kind, 0) + int(event["encodedDataLength"])

    def _failed(self, event) -> None:
        if not event.get("canceled"):
            url = self.urls.get(event["requestId"], "?")
            self.visit.failed.append(f"{event.get('errorText')} {url}")


FIRST_PAINT = """() => {
    const entry = performance.getEntriesByName("first-contentful-paint")[0];
    return entry ? entry.startTime : null;
}"""


def load(page, log: NetworkLog, url: str) -> Visit:
    """Go to `url` and wait until the network is quiet; the visit's figures."""
    log.start()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    log.visit.first_contentful_paint_ms = page.evaluate(FIRST_PAINT)
    return log.visit


def first_and_repeat(browser, base_url: str, path: str, network: dict | None = None):
    """A first visit in a fresh browser, then the same page again in it."""
    context = browser.new_context(base_url=base_url, **PHONE)
    try:
        page = context.new_page()
        log = NetworkLog(context, page)
        if network:
            log.throttle(network)
        first = load(page, log, path)
        repeat = load(page, log, path)
        return first, repeat
    finally:
        context.close()


def production_static_settings(static_root: Path) -> dict:
    """Settings that collect and serve static files as production does."""
    return {
        "STATIC_ROOT": str(static_root),
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "core.static_storage.MinifiedStaticFilesStorage"},
        },
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }


@contextlib.contextmanager
def production_static(static_root: Path, collect: bool = True) -> Iterator[None]:
    """Use the static files in `static_root` as production does, collecting
    them there first unless `collect` is false (about 6 s on 2 cores)."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(**production_static_settings(static_root)):
        if collect:
            call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        yield


class MediaAsTheProxyServesIt:
    """Serves uploaded files from MEDIA_ROOT in front of an ASGI application, the
    way the reverse proxy does in production (README: media are the proxy's):
    with their type, length and a long cache lifetime (renditions never change
    under their name). Every other request goes to the application."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        from django.conf import settings

        if scope["type"] != "http" or not scope["path"].startswith(settings.MEDIA_URL):
            return await self.app(scope, receive, send)
        root = Path(settings.MEDIA_ROOT).resolve()
        target = (root / scope["path"][len(settings.MEDIA_URL) :]).resolve()
        if root not in target.parents or not target.is_file():
            await send({"type": "http.response.start", "status": 404, "headers": []})
            return await send({"type": "http.response.body", "body": b""})
        body = target.read_bytes()
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = [
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"public, max-age=31536000, immutable"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
