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

Every string a language takes from the catalogues comes from one of its
translation objects (`trans_real.DjangoTranslation`, undocumented): its
`gettext` or `ngettext`, asked for "context" + CONTEXT_SEPARATOR + "message"
by `pgettext` and `npgettext`. The emails test wraps both to mark what English
takes from the catalogues (tests/test_emails_in_every_language.py).

`CsrfViewMiddleware` skips its check for a request whose
`csrf_processing_done` is set (undocumented; its own `_accept` sets it).
core/cross_origin.py sets it for a token-less POST the browser says this site
sent, so Django's middleware stays in MIDDLEWARE, with every deploy check
that looks for it.
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


CONTEXT_SEPARATOR = "\x04"


def translation_class() -> type:
    """The class of Django's per-language translation objects."""
    from django.utils.translation import trans_real

    return trans_real.DjangoTranslation


CSRF_DONE = "csrf_processing_done"


def mark_csrf_checked(request) -> None:
    """Tell Django's CSRF middleware this request was checked already."""
    setattr(request, CSRF_DONE, True)
