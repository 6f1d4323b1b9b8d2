"""What every request needs, kept per process while its tags hold
(core/site_wide.py): made once, made again after any change that bumps one
of its tags (in this request or any other worker's), and read from the
database every time when the shared cache cannot be reached."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from core import page_cache, site_wide


class Maker:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return ("made", self.calls)


def test_made_once_while_the_tags_hold():
    make = Maker()
    for _ in range(3):
        assert site_wide.remember(("thing",), make, tags=("children:7",)) == ("made", 1)
    assert make.calls == 1


@pytest.mark.parametrize("bumped", [page_cache.SITE, "children:7"])
def test_made_again_after_a_bump_of_any_of_its_tags(bumped):
    make = Maker()
    site_wide.remember(("thing",), make, tags=("children:7",))
    page_cache.invalidate(bumped)
    assert site_wide.remember(("thing",), make, tags=("children:7",)) == ("made", 2)


def test_a_bump_of_another_tag_changes_nothing():
    make = Maker()
    site_wide.remember(("thing",), make, tags=("children:7",))
    page_cache.invalidate("children:8", "page:3")
    site_wide.remember(("thing",), make, tags=("children:7",))
    assert make.calls == 1


def test_a_worker_that_bumps_a_tag_forgets_what_it_read_of_it_in_this_request():
    make = Maker()
    seen = []

    def view(request):
        seen.append(site_wide.remember(("thing",), make))
        page_cache.invalidate(page_cache.SITE)  # This request changes a setting.
        seen.append(site_wide.remember(("thing",), make))
        return None

    page_cache.TagValuesMiddleware(view)(RequestFactory().get("/"))
    assert seen == [("made", 1), ("made", 2)]


@pytest.fixture
def reads(monkeypatch) -> list[list[str]]:
    """Each round trip to the shared cache for tags: the tags read, sorted.
    No tags are read ahead but those a test asks for."""
    found = []
    original = page_cache._read_tag_values

    def counted(tags):
        tags = sorted(tags)
        found.append(tags)
        return original(tags)

    monkeypatch.setattr(page_cache, "_read_tag_values", counted)
    monkeypatch.setattr(page_cache, "_read_first", set())
    monkeypatch.setattr(page_cache, "_read_last_time", {})
    return found


def test_one_request_reads_each_tag_once(reads):

    def view(request):
        for _ in range(3):
            site_wide.remember(("a",), Maker())
            site_wide.remember(("b",), Maker(), tags=("children:1",))
        return None

    page_cache.TagValuesMiddleware(view)(RequestFactory().get("/"))
    assert reads == [[page_cache.SITE], ["children:1"]]


def test_tags_nearly_every_request_reads_come_with_its_first_read(reads):
    page_cache.read_with_the_first("children:1")

    def view(request):
        site_wide.remember(("a",), Maker())
        site_wide.remember(("b",), Maker(), tags=("children:1",))
        site_wide.remember(("c",), Maker(), tags=("page:5",))
        return None

    page_cache.TagValuesMiddleware(view)(RequestFactory().get("/"))
    assert reads == [["children:1", page_cache.SITE], ["page:5"]]


def test_held_answers_without_making_and_keeps_nothing_itself():
    assert site_wide.held(("route", 1, "x"), ("routes",)) is None
    assert site_wide.held(("route", 1, "x"), ("routes",), default="none") == "none"
    site_wide.remember(("route", 1, "x"), lambda: ("chain",), tags=("routes",))
    assert site_wide.held(("route", 1, "x"), ("routes",)) == ("chain",)
    page_cache.invalidate("routes")
    assert site_wide.held(("route", 1, "x"), ("routes",)) is None


def test_without_the_shared_cache_everything_is_made_every_time(settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "down": {"BACKEND": "tests.test_page_cache.UnreachableCache"},
    }
    settings.PAGE_CACHE_ALIAS = "down"
    make = Maker()
    for _ in range(3):
        site_wide.remember(("thing",), make)
    assert make.calls == 3


def test_the_memory_held_is_bounded_the_oldest_let_go_first(monkeypatch):
    monkeypatch.setattr(site_wide, "_held", {})
    monkeypatch.setattr(site_wide, "MOST_HELD", 8)
    for number in range(9):
        site_wide.remember(("thing", number), lambda number=number: number)
    assert len(site_wide._held) == 6
    assert ("thing", 0) not in site_wide._held
    assert ("thing", 8) in site_wide._held
    make = Maker()
    site_wide.remember(("thing", 0), make)
    assert make.calls == 1


def test_an_address_read_before_reads_all_its_tags_in_one_round_trip(reads, monkeypatch):
    from django.http import HttpResponse, HttpResponseNotFound

    def view(request):
        site_wide.remember(("a",), Maker())
        site_wide.remember(("b",), Maker(), tags=("page:5",))
        site_wide.remember(("c",), Maker(), tags=("person:7",))
        return HttpResponse() if request.path != "/missing/" else HttpResponseNotFound()

    middleware = page_cache.TagValuesMiddleware(view)
    middleware(RequestFactory().get("/campaigns/one/"))
    assert len(reads) == 3
    reads.clear()
    middleware(RequestFactory().get("/campaigns/one/?page=2"))
    assert reads == [["page:5", "person:7", page_cache.SITE]]
    reads.clear()
    middleware(RequestFactory().get("/missing/"))
    middleware(RequestFactory().get("/missing/"))
    assert len(reads) == 6  # Not found: nothing remembered for it.
    monkeypatch.setattr(page_cache, "MOST_ADDRESSES_REMEMBERED", 1)
    middleware(RequestFactory().get("/another/"))
    assert set(page_cache._read_last_time) == {"/campaigns/one/"}
