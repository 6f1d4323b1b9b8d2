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

import threading
from collections.abc import Callable
from typing import Any

from core import page_cache

_held: dict[tuple, tuple[tuple[str, ...], Any]] = {}
_lock = threading.Lock()


def remember(key: tuple, make: Callable[[], Any], tags: tuple[str, ...] = ()) -> Any:
    """`make()`, made once per process while the site tag and `tags` hold.

    What `make` returns is shared by every request of the process: plain,
    read-only data (tuples, frozensets, dataclasses nobody changes)."""
    tags = (page_cache.SITE, *tags)
    current = page_cache.current_tag_values(tags)
    if current is None:
        return make()
    values = tuple(current[tag] for tag in tags)
    held = _held.get(key)
    if held is not None and held[0] == values:
        return held[1]
    made = make()
    with _lock:
        _held[key] = (values, made)
    return made
