"""Django's private names, in one place. Checked against Django 5.2.19.

A test database's contents, serialized when it is created, are restored after
a `serialized_rollback` test from `connection._test_serialized_contents`
(django.test.utils.setup_databases sets it, TransactionTestCase reads it).
The browser tests hand them to the second connection wrapper that asgiref's
Local makes while Playwright's event loop runs (tests/browser/conftest.py).
core/tests/test_upstream_django.py fails when Django stops reading or writing
the attribute.

The local-memory cache keeps its entries in a dict (`LocMemCache._cache`);
the private guide's tests read it to prove no answer reached the cache, since
the public API cannot list keys.
"""

from __future__ import annotations

CHECKED_AGAINST = "5.2.19"
SERIALIZED_CONTENTS = "_test_serialized_contents"


def serialized_test_contents(connection) -> str | None:
    """The test database's serialized contents this connection restores, if any."""
    return getattr(connection, SERIALIZED_CONTENTS, None)


def set_serialized_test_contents(connection, contents: str) -> None:
    setattr(connection, SERIALIZED_CONTENTS, contents)


LOCMEM_ENTRIES = "_cache"


def local_memory_cache_entries(cache) -> dict | None:
    """A copy of a local-memory cache's entries (key -> pickled value), or
    None for any other backend."""
    from django.core.cache.backends.locmem import LocMemCache

    if not isinstance(cache, LocMemCache):
        return None
    return dict(getattr(cache, LOCMEM_ENTRIES))
