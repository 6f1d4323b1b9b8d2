"""Pages: requests per second and p99 for the site's main pages, against a minimal view.

Each target is a small entry (name, seeding function, how to find its URL, expected
status). A target whose feature is not in this build yet is listed as "not available
yet". Query counts are measured in-process once per page (after one warm-up request)
with ``CaptureQueriesContext``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.bench.profile import profile_pages
from tests.bench.report import NOT_AVAILABLE, Section, Table, Target, fmt, ratio
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
    PageTarget("missing page (404)", None, lambda: "/no-such-page/", expected_status=404),
    PageTarget("home page", seed_site, lambda: "/"),
    PageTarget("standard page", seed_site, _page_url("home.StandardPage")),
    PageTarget("campaign index", seed_campaigns, _page_url("campaigns.CampaignIndexPage")),
    PageTarget("campaign page", seed_campaigns, _page_url("campaigns.CampaignPage")),
    PageTarget("campaign update", seed_site, _page_url("campaigns.CampaignUpdatePage")),
    PageTarget("proposal index", seed_proposals, _page_url("proposals.ProposalIndexPage")),
    PageTarget("proposal page", seed_proposals, _page_url("proposals.ReformProposalPage")),
    PageTarget(
        "opportunity index", seed_opportunities, _page_url("opportunities.OpportunityIndexPage")
    ),
    PageTarget("remedy index", seed_site, _page_url("pathways.RemedyIndexPage")),
    PageTarget("remedy page", seed_site, _page_url("pathways.RemedyPage")),
    PageTarget(
        "changemaker directory (organisation member)",
        seed_directory,
        _reverse_first("people:directory"),
        viewer=directory_viewer,
    ),
]

# Pages the throughput targets apply to: public pages of each type,
# read by visitors (the 404 and a member's page are measured, not targeted).
PUBLIC_PAGE_TYPES = {
    "home page",
    "standard page",
    "campaign index",
    "campaign page",
    "campaign update",
    "proposal index",
    "proposal page",
    "opportunity index",
    "remedy index",
    "remedy page",
}


@dataclass
class Prepared:
    target: PageTarget
    path: str | None = None
    queries: int | None = None
    # Queries with the demo site only, before the bench data is seeded.
    demo_queries: int | None = None
    reason: str = ""
    cookie: str | None = None


def _count_queries(client, entry: Prepared) -> int:
    """Queries of one request for the entry's page (after one warm-up request),
    with visitors' pages made every time: the cost of making the page."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(PAGE_CACHE_ENABLED=False):
        client.logout()
        if entry.target.viewer is not None:
            client.force_login(entry.target.viewer())
        client.get(entry.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(entry.path)
    if response.status_code != entry.target.expected_status:
        raise NotAvailable(f"{entry.path} answers {response.status_code}")
    return len(queries)


def prepare(targets: list[PageTarget], sizes: Sizes) -> list[Prepared]:
    """Seed every target's data, find its URL, and count its queries
    in-process: once on the demo site alone, once with all the data."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    prepared = [Prepared(target) for target in targets]
    seed_site(sizes)
    for entry in prepared:
        try:
            entry.path = entry.target.path()
            entry.demo_queries = _count_queries(client, entry)
        except NotAvailable:
            entry.path = None  # Its data is seeded below.
    seeded: dict[Callable, str] = {seed_site: ""}
    for entry in prepared:
        target = entry.target
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
            entry.path = target.path()
            if target.viewer is not None:
                entry.cookie = session_cookie(target.viewer())
            entry.queries = _count_queries(client, entry)
        except NotAvailable as missing:
            entry.path = None
            entry.reason = str(missing)
    return prepared


def _load(ctx, running, entry: Prepared, duration, warmup, concurrency, rate=0.0) -> dict:
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
            "--rate",
            f"{rate:.3f}",
            *(["--cookie", entry.cookie] if entry.cookie else []),
        ],
        timeout=duration + warmup + 120,
    )


def _rate(result: dict) -> float:
    return result["requests"] / result["elapsed"]


def _status(result: dict) -> str:
    statuses = result["statuses"]
    return str(max(statuses, key=statuses.get)) if statuses else "-"


def _cache_env(ctx, cached: bool) -> tuple[dict[str, str], str]:
    """The server's environment: the page cache on or off, in Redis as in
    production when it answers (process memory otherwise)."""
    from tests.bench.fanout import redis_reachable

    env = {**ctx.env, "PAGE_CACHE": "on" if cached else "off"}
    if redis_reachable(ctx.redis_url):
        env.update({"BENCH_REDIS_URL": ctx.redis_url, "BENCH_REDIS_PREFIX": f"pages-{ctx.run_id}"})
        return env, "Redis"
    return env, "process memory"


def run(ctx) -> Section:
    """Measure every available page under every installed ASGI server, with the
    page cache on and off, then at a fixed load."""
    sizes = Sizes.for_run(ctx.quick)
    prepared = prepare(TARGETS, sizes)
    profiled = profile_pages(prepared, ctx.quick)
    duration, warmup, concurrency = (0.5, 0.1, 4) if ctx.quick else (3.0, 0.5, 8)
    measurable = [p for p in prepared if p.path is not None]
    baseline, pages = measurable[0], measurable[1:]
    headers = [
        "Server",
        "Page",
        "Status",
        "Requests/s",
        "p50 (ms)",
        "p99 (ms)",
        "Throughput ÷ baseline",
        "p99 ÷ baseline",
        "Queries (demo)",
        f"Queries ({sizes.campaigns:,} campaigns)",
    ]
    tables = {
        True: Table(
            "Page cache on (visitors' pages kept): closed loop, keep-alive connections; "
            "ratios to the baseline view on the same server",
            headers,
        ),
        False: Table(
            "Page cache off (`PAGE_CACHE=off`: every page made): closed loop; ratios to "
            "the baseline view on the same server",
            headers,
        ),
    }
    fixed = Table(
        "Fixed load, page cache on: each page at 40% of the baseline's throughput "
        "(80% of it, halved), sent on a schedule over 4 connections",
        ["Server", "Page", "Offered (req/s)", "Served (req/s)", "p99 (ms)", "p99 ÷ baseline"],
    )
    notes, targets = [], []
    servers = [s for s in ctx.servers if available(s)]
    missing_servers = [s for s in ctx.servers if not available(s)]
    if missing_servers:
        notes.append(f"Servers not installed, skipped: {', '.join(missing_servers)}.")
    where = "process memory"
    for server in servers:
        for cached in (True, False):
            env, where = _cache_env(ctx, cached)
            mode = "on" if cached else "off"
            log = ctx.tmpdir / f"{server}-pages-cache-{mode}.log"
            with serve(server, env, log) as running:

                def measure(entry, rate=0.0, load=concurrency):
                    return _load(ctx, running, entry, duration, warmup, load, rate)

                # The baseline before and after the pages, to even out drift.
                first = measure(baseline)
                results = [(entry, measure(entry)) for entry in pages]
                last = measure(baseline)
                base_rps = (_rate(first) + _rate(last)) / 2
                base_p99 = (first["p99"] + last["p99"]) / 2
                for entry, result in [(baseline, first), *results]:
                    rps = _rate(result)
                    tables[cached].rows.append(
                        [
                            server,
                            entry.target.name,
                            _status(result),
                            fmt(rps, 0),
                            fmt(result["p50"] * 1000, 1),
                            fmt(result["p99"] * 1000, 1),
                            fmt(ratio(rps, base_rps), 2),
                            fmt(ratio(result["p99"], base_p99), 1),
                            "-" if entry.demo_queries is None else str(entry.demo_queries),
                            str(entry.queries),
                        ]
                    )
                    other = sum(
                        n for code, n in result["statuses"].items() if str(code) != _status(result)
                    )
                    if other:
                        notes.append(
                            f"{server}, cache {mode}, {entry.target.name}: {other} responses "
                            "with another status."
                        )
                    if entry.target.name in PUBLIC_PAGE_TYPES:
                        floor = 0.5 if cached else 0.25
                        measured = ratio(rps, base_rps)
                        targets.append(
                            Target(
                                f"{server}: {entry.target.name}, cache {mode}, "
                                f"throughput ≥ {floor}x baseline",
                                measured,
                                None if measured is None else measured >= floor,
                            )
                        )
                if cached:
                    _fixed_load(server, measure, baseline, results, base_rps, fixed, targets)
    if where == "Redis":
        from tests.bench.fanout import flush_prefix

        flush_prefix(ctx.redis_url, f"pages-{ctx.run_id}")
    return Section(
        key="pages",
        title="Pages",
        method=(
            f"Each page is requested for {duration:g} s (after {warmup:g} s of warm-up) by a "
            f"load generator in its own process, over {concurrency} keep-alive HTTP/1.1 "
            "connections in a closed loop, from the same machine, as a visitor (no cookie) "
            "unless the page says who. The server runs one process "
            "(`tests/bench/asgi.py`: the real site plus a minimal Django view, "
            f"`{BASELINE_PATH}`, which goes through the same middleware without a template "
            "or a query), first with the page cache on, then with it off (`PAGE_CACHE=off`); "
            f"the cache is in {where}. The baseline is measured before and after the pages "
            "and averaged. At the fixed load, each page is offered 40% of the baseline's "
            "closed-loop throughput on a schedule (4 connections, each starting a request every "
            "4 ÷ rate seconds whatever the last one's latency), and its "
            "p99 is compared with the baseline's at the same offered load. "
            f"Data loaded: the demo site, and where the models exist {sizes.campaigns:,} "
            f"campaigns, {sizes.pledges:,} pledges, {sizes.proposals:,} proposals and "
            f"{sizes.opportunities:,} opportunities, plus {sizes.profiles:,} survivor leaders "
            "listed in the directory (the demo has a handful of each: the seeded data is more "
            "than ten times it). Campaigns and proposals are Wagtail pages made with the "
            "features' factories (campaigns saved under the index in one transaction, "
            "proposals with `add_child` and a published revision); pledges (all confirmed) "
            "and opportunities are bulk-created. Each page's URL comes from its page object "
            "(the first live page of its type). Queries: one request in-process with the "
            "page cache off, after one warm-up request, as the same viewer; first with the "
            "demo site alone, then with all the data. Profile: with all the data, each page "
            "is made in-process (Django's test client, no server, page cache off) and timed; "
            "the slowest visitor page is made again under cProfile, and its top entries "
            "follow the tables (`tests/bench/profile.py`)."
        ),
        tables=[
            tables[True],
            tables[False],
            fixed,
            *profiled,
            *(
                [
                    Table(
                        "Targets " + NOT_AVAILABLE,
                        ["Page", "Why"],
                        [[p.target.name, p.reason] for p in prepared if p.path is None],
                    )
                ]
                if any(p.path is None for p in prepared)
                else []
            ),
        ],
        targets=targets,
        notes=notes,
    )


FIXED_CONNECTIONS = 4


def _fixed_load(server, measure, baseline, results, base_rps, table, targets) -> None:
    """p99 of each visitor page at 40% of the baseline's throughput, against the
    baseline's own p99 at the same offered load."""
    offered = 0.4 * base_rps
    base_result = None
    rows = []
    for entry, _closed in [(baseline, None), *results]:
        if entry is not baseline and entry.target.name not in PUBLIC_PAGE_TYPES:
            continue
        result = measure(entry, rate=offered, load=FIXED_CONNECTIONS)
        if entry is baseline:
            base_result = result
        rows.append((entry, result))
    base_p99 = base_result["p99"]
    for entry, result in rows:
        measured = ratio(result["p99"], base_p99)
        table.rows.append(
            [
                server,
                entry.target.name,
                fmt(offered, 0),
                fmt(_rate(result), 0),
                fmt(result["p99"] * 1000, 1),
                fmt(measured, 1),
            ]
        )
        if entry is not baseline:
            targets.append(
                Target(
                    f"{server}: {entry.target.name}, p99 at a fixed load ≤ 3x baseline's",
                    measured,
                    None if measured is None else measured <= 3,
                )
            )
