"""What every request needs and almost nothing changes, read once per process
(docs/caching.md, "The fixed cost of a request").

The site records, the redirects' addresses, the Safety setting, the pages
behind a view restriction, the menu: each page asked the database for them
again. They are kept in this process's memory, each under the values of the
page cache's tags it depends on (`core.page_cache`): always the `site` tag,
which every change to sites, settings, snippets, restrictions, redirects,
moves and deletions bumps, and any others it names (the menu: the site
root's children). The tags live in the shared cache, so a change made by any
worker is seen by every other at its next request.

One request reads each tag once (`page_cache.TagValuesMiddleware`): a request
that finds everything it needs here costs one cache round trip and no query. If the
shared cache cannot be reached, nothing is kept and everything is read from
the database, as before.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from core import page_cache

_held: dict[tuple, tuple[tuple[str, ...], Any]] = {}
# The most pieces one process holds: past it, the oldest quarter is let go
# (they are made again when next asked for), so that the memory stays bounded
# whatever addresses and filters visitors ask for.
MOST_HELD = 20_000
_lock = threading.Lock()


def remember(key: tuple, make: Callable[[], Any], tags: tuple[str, ...] = ()) -> Any:
    """`make()`, made once per process while the site tag and `tags` hold.

    What `make` returns is shared by every request of the process: plain,
    read-only data (tuples, frozensets, dataclasses nobody changes)."""
    return remember_each([(key, tags)], lambda _missing: [make()])[0]


_NOT_HELD = object()


def hold(key: tuple, value: Any, tags: tuple[str, ...] = ()) -> None:
    """Hold `value` for `key` (in place of what was held) while the site tag
    and `tags` hold: for callers whose value stops being true by itself (a
    deadline passing) and who check that on what `held` gives back."""
    remember_each([(key, tags)], lambda _missing: [value], replace=True)


def held(key: tuple, tags: tuple[str, ...] = (), default: Any = None) -> Any:
    """What is held for `key` while the site tag and `tags` hold, or
    `default`: for callers that decide after reading whether to keep what
    they read (`remember` it)."""
    found = remember_each([(key, tags)], lambda missing: [_NOT_HELD for _ in missing])[0]
    return default if found is _NOT_HELD else found


def read_ahead(tags: Iterable[str]) -> None:
    """Read `tags` (and the site tag) now, in one round trip, for what will
    ask for them one by one later in the request (routing reads a page's
    children tag with its own): each then finds its tag read already."""
    page_cache.current_tag_values({page_cache.SITE, *tags})


def remember_each(
    items: Sequence[tuple[tuple, tuple[str, ...]]],
    make: Callable[[list[int]], list[Any]],
    *,
    replace: bool = False,
) -> list[Any]:
    """For each `(key, tags)` of `items`, in order: what is held for `key` while
    the site tag and its `tags` hold. Whatever is not held is made by one call
    of `make(indexes)` (the positions of the items missing, in order), which
    returns their values in the same order; those are held in turn. The tags
    of all the items are read at once (one round trip to the shared cache).

    For pieces of pages that lists show many of (campaign cards): a list
    whose every piece is held costs no query for them. With `replace`, every
    item is made and held anew (`hold`)."""
    wanted = {page_cache.SITE}
    for _key, tags in items:
        wanted.update(tags)
    current = page_cache.current_tag_values(wanted)
    results: list[Any] = [None] * len(items)
    missing: list[int] = []
    stamps: dict[int, tuple[str, ...]] = {}
    for index, (key, tags) in enumerate(items):
        if current is None:
            missing.append(index)
            continue
        values = tuple(current[tag] for tag in (page_cache.SITE, *tags))
        held = None if replace else _held.get(key)
        if held is not None and held[0] == values:
            results[index] = held[1]
        else:
            missing.append(index)
            stamps[index] = values
    if missing:
        made = make(missing)
        with _lock:
            for index, value in zip(missing, made, strict=True):
                results[index] = value
                if index in stamps and value is not _NOT_HELD:
                    _held[items[index][0]] = (stamps[index], value)
            if len(_held) > MOST_HELD:
                for key in list(itertools.islice(_held, len(_held) - MOST_HELD * 3 // 4)):
                    del _held[key]
    return results
