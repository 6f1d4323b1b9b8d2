"""Django's private names that core/upstream/django.py relies on: each test
fails loudly when an upgrade removes one or changes its use. Re-check the
fence against the new version, then update CHECKED_AGAINST there."""

import inspect

import django
import django.db.backends.base.creation
import django.test.testcases

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
