"""Pages: requests per second and p99 for the site's main pages, against a minimal view.

Each target is a small entry (name, seeding function, how to find its URL, expected
status). A target whose feature is not in this build yet is listed as "not available
yet". Query counts are measured in-process once per page (after one warm-up request)
with ``CaptureQueriesContext``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.bench.report import NOT_AVAILABLE, Section, Table, fmt, ratio
from tests.bench.seeding import (
    NotAvailable,
    Sizes,
    directory_viewer,
    find_model,
    seed_campaigns,
    seed_directory,
    seed_opportunities,
    seed_proposals,
    seed_site,
    session_cookie,
)
from tests.bench.servers import available, run_loadgen, serve

BASELINE_PATH = "/bench/baseline/"


@dataclass(frozen=True)
class PageTarget:
    """One page to measure."""

    name: str
    seed: Callable[[Sizes], None] | None
    path: Callable[[], str]
    expected_status: int = 200
    # Who reads the page (None: an anonymous visitor); signed in with a real session.
    viewer: Callable[[], object] | None = None


def _reverse_first(*names: str) -> Callable[[], str]:
    def resolve() -> str:
        from django.urls import NoReverseMatch, reverse

        for name in names:
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
        raise NotAvailable(f"no URL named {' or '.join(names)}")

    return resolve


def _page_url(label: str) -> Callable[[], str]:
    """The URL of the first live Wagtail page of ``label`` (the feature's pages are
    found through their page objects, not URL names)."""

    def resolve() -> str:
        model = find_model(label)
        page = model.objects.live().order_by("pk").first()
        if page is None:
            raise NotAvailable(f"no live {model.__name__} seeded")
        url = page.get_url()
        if not url:
            raise NotAvailable(f"{model.__name__} has no public URL")
        return url

    return resolve


TARGETS = [
    PageTarget("baseline view", None, lambda: BASELINE_PATH),
    PageTarget("home page", seed_site, lambda: "/"),
    PageTarget(
        "changemaker directory (organisation member)",
        seed_directory,
        _reverse_first("people:directory"),
        viewer=directory_viewer,
    ),
    PageTarget("campaign index", seed_campaigns, _page_url("campaigns.CampaignIndexPage")),
    PageTarget("campaign page", seed_campaigns, _page_url("campaigns.CampaignPage")),
    PageTarget("proposal index", seed_proposals, _page_url("proposals.ProposalIndexPage")),
    PageTarget(
        "opportunity index", seed_opportunities, _page_url("opportunities.OpportunityIndexPage")
    ),
]


@dataclass
class Prepared:
    target: PageTarget
    path: str | None = None
    queries: int | None = None
    reason: str = ""
    cookie: str | None = None


def prepare(targets: list[PageTarget], sizes: Sizes) -> list[Prepared]:
    """Seed every target's data, find its URL, and count its queries in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    seeded: dict[Callable, str] = {}
    prepared = []
    client = Client(HTTP_HOST="127.0.0.1")
    for target in targets:
        entry = Prepared(target)
        prepared.append(entry)
        try:
            if target.seed is not None:
                if target.seed not in seeded:
                    try:
                        target.seed(sizes)
                        seeded[target.seed] = ""
                    except NotAvailable as missing:
                        seeded[target.seed] = str(missing)
                if seeded[target.seed]:
                    raise NotAvailable(seeded[target.seed])
            path = target.path()
            client.logout()
            if target.viewer is not None:
                viewer = target.viewer()
                client.force_login(viewer)
                entry.cookie = session_cookie(viewer)
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != target.expected_status:
                raise NotAvailable(f"{path} answers {response.status_code}")
        except NotAvailable as missing:
            entry.reason = str(missing)
            continue
        entry.path = path
        entry.queries = len(queries)
    return prepared


def run(ctx) -> Section:
    """Measure every available page under every installed ASGI server."""
    sizes = Sizes.for_run(ctx.quick)
    prepared = prepare(TARGETS, sizes)
    duration, warmup, concurrency = (1.0, 0.3, 4) if ctx.quick else (3.0, 0.5, 8)
    measurable = [p for p in prepared if p.path is not None]
    baseline, pages = measurable[0], measurable[1:]
    table = Table(
        "Closed loop, keep-alive connections; ratios to the baseline view on the same server",
        [
            "Server",
            "Page",
            "Status",
            "Requests/s",
            "p50 (ms)",
            "p99 (ms)",
            "Throughput ÷ baseline",
            "p99 ÷ baseline",
            "Queries",
        ],
    )
    notes = []
    servers = [s for s in ctx.servers if available(s)]
    missing_servers = [s for s in ctx.servers if not available(s)]
    if missing_servers:
        notes.append(f"Servers not installed, skipped: {', '.join(missing_servers)}.")

    def measure(running, entry):
        return run_loadgen(
            ctx.env,
            [
                "http",
                running.url(entry.path),
                "--concurrency",
                str(concurrency),
                "--duration",
                str(duration),
                "--warmup",
                str(warmup),
                *(["--cookie", entry.cookie] if entry.cookie else []),
            ],
            timeout=duration + warmup + 120,
        )

    for server in servers:
        with serve(server, ctx.env, ctx.tmpdir / f"{server}-pages.log") as running:
            # The baseline is measured before and after the pages, to even out drift.
            first = measure(running, baseline)
            results = [(entry, measure(running, entry)) for entry in pages]
            last = measure(running, baseline)
        base_rps = (first["requests"] / first["elapsed"] + last["requests"] / last["elapsed"]) / 2
        base_p99 = (first["p99"] + last["p99"]) / 2
        for entry, result in [(baseline, first), *results]:
            rps = result["requests"] / result["elapsed"]
            statuses = result["statuses"]
            status = max(statuses, key=statuses.get) if statuses else "-"
            table.rows.append(
                [
                    server,
                    entry.target.name,
                    str(status),
                    fmt(rps, 0),
                    fmt(result["p50"] * 1000, 1),
                    fmt(result["p99"] * 1000, 1),
                    fmt(ratio(rps, base_rps), 2),
                    fmt(ratio(result["p99"], base_p99), 1),
                    str(entry.queries),
                ]
            )
            other = sum(n for code, n in statuses.items() if str(code) != str(status))
            if other:
                notes.append(
                    f"{server}, {entry.target.name}: {other} responses with another status."
                )

    unavailable = Table(
        "Targets " + NOT_AVAILABLE,
        ["Page", "Why"],
        [[p.target.name, p.reason] for p in prepared if p.path is None],
    )
    return Section(
        key="pages",
        title="Pages",
        method=(
            f"Each page is requested for {duration:g} s (after {warmup:g} s of warm-up) by a "
            f"load generator in its own process, over {concurrency} keep-alive HTTP/1.1 "
            "connections in a closed loop, from the same machine. The server runs one process "
            "(`tests/bench/asgi.py`: the real site plus a minimal Django view, "
            f"`{BASELINE_PATH}`, which goes through the same middleware without a template "
            "or a query). The baseline is measured before and after the pages and averaged. "
            f"Data loaded: the demo site, and where the models exist {sizes.campaigns:,} "
            f"campaigns, {sizes.pledges:,} pledges, {sizes.proposals:,} proposals and "
            f"{sizes.opportunities:,} opportunities, plus {sizes.profiles:,} survivor leaders "
            "listed in the directory. Campaigns and proposals are Wagtail pages made with the "
            "features' factories (campaigns saved under the index in one transaction, "
            "proposals with `add_child` and a published revision); pledges (all confirmed) "
            "and opportunities "
            "are bulk-created. Each page's URL comes from its page object (the first live "
            "index or campaign page). Queries: one request in-process after one warm-up "
            "request, as the same viewer (anonymous unless the page says who)."
        ),
        tables=[table, *([unavailable] if unavailable.rows else [])],
        notes=notes,
    )
