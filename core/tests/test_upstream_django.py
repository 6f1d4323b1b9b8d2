"""Django's private names that core/upstream/django.py relies on: each test
fails loudly when an upgrade removes one or changes its use. Re-check the
fence against the new version, then update CHECKED_AGAINST there."""

import inspect

import django
import django.db.backends.base.creation
import django.test.testcases
import pytest

from core.upstream import django as fence


def test_the_fence_names_the_installed_version_or_says_what_to_check():
    assert django.get_version() == fence.CHECKED_AGAINST, (
        f"Django {django.get_version()} is installed; core/upstream/django.py was "
        f"checked against {fence.CHECKED_AGAINST}. Check where Django keeps a test "
        "database's serialized contents and update the fence."
    )


def test_django_still_keeps_and_restores_serialized_contents_on_the_connection():
    creation = inspect.getsource(django.db.backends.base.creation.BaseDatabaseCreation)
    assert f"self.connection.{fence.SERIALIZED_CONTENTS} =" in creation
    restore = inspect.getsource(django.test.testcases.TransactionTestCase._fixture_setup)
    assert fence.SERIALIZED_CONTENTS in restore


def test_contents_round_trip_through_the_fence():
    class Connection:
        pass

    connection = Connection()
    assert fence.serialized_test_contents(connection) is None
    fence.set_serialized_test_contents(connection, "[]")
    assert fence.serialized_test_contents(connection) == "[]"


def test_the_local_memory_cache_still_keeps_its_entries_in_a_dict():
    from django.core.cache.backends.locmem import LocMemCache

    cache = LocMemCache("fence-check", {})
    cache.set("guide-check", "x")
    entries = fence.local_memory_cache_entries(cache)
    assert isinstance(entries, dict)
    assert any(key.endswith("guide-check") for key in entries)
    assert fence.local_memory_cache_entries(object()) is None


def test_every_string_from_the_catalogues_comes_from_a_translation_object(monkeypatch):
    from django.utils import translation
    from django.utils.translation import trans_real

    assert trans_real.CONTEXT_SEPARATOR == fence.CONTEXT_SEPARATOR
    kind = fence.translation_class()
    gettext, ngettext = kind.gettext, kind.ngettext
    asked = []

    def asked_gettext(self, message):
        asked.append((self.language(), message))
        return gettext(self, message)

    def asked_ngettext(self, singular, plural, number):
        asked.append((self.language(), singular, plural, number))
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(kind, "gettext", asked_gettext)
    monkeypatch.setattr(kind, "ngettext", asked_ngettext)
    with translation.override("th"):
        assert translation.gettext("Save") != "Save"
        translation.pgettext("month name", "May")
        translation.ngettext("%d notice", "%d notices", 2)
        translation.npgettext("unit", "%d day", "%d days", 2)
    # (A string a catalogue lacks is asked of the next language too.)
    assert ("th", "Save") in asked
    assert ("th", f"month name{fence.CONTEXT_SEPARATOR}May") in asked
    assert ("th", "%d notice", "%d notices", 2) in asked
    separator = fence.CONTEXT_SEPARATOR
    assert ("th", f"unit{separator}%d day", f"unit{separator}%d days", 2) in asked


@pytest.mark.django_db  # The refusal renders the site's own explanation page.
def test_the_csrf_middleware_still_honours_a_request_marked_as_checked():
    from django.middleware.csrf import CsrfViewMiddleware
    from django.test import RequestFactory

    request = RequestFactory().post("/anywhere/", {"a": "b"})
    request.COOKIES = {}
    middleware = CsrfViewMiddleware(lambda r: None)
    middleware.process_request(request)

    def view(request):
        return None

    assert middleware.process_view(request, view, (), {}) is not None  # refused
    fence.mark_csrf_checked(request)
    assert middleware.process_view(request, view, (), {}) is None
