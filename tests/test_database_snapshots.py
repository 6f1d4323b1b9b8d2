"""The quick reset of the test database (tests/database_snapshots.py) gives
back exactly the rows that were serialized, over an empty database or one
that still holds them, and its PostgreSQL flush leaves no row anywhere."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from tests.database_snapshots import DemoSnapshot, quick_flush_sql, restore

pytestmark = pytest.mark.django_db(transaction=True)


def rows(data: str) -> dict:
    """{(model, pk): fields}, with many-to-many lists in a fixed order, and
    times as JSON keeps them (to the millisecond: a time with microseconds
    below one comes back as a whole second, "…:50Z" for "…:50.000Z")."""
    found = {}
    for entry in json.loads(data):
        fields = {name: _comparable(value) for name, value in entry["fields"].items()}
        found[(entry["model"], entry["pk"])] = fields
    return found


def _comparable(value):
    if isinstance(value, list) and all(isinstance(item, (int, str)) for item in value):
        return sorted(value)
    if isinstance(value, str) and value.endswith(".000Z"):
        return value[: -len(".000Z")] + "Z"
    return value


def current() -> dict:
    return rows(connection.creation.serialize_db_to_string())


def differences(now: dict, before: dict) -> dict:
    """{(model, pk): {field: (now, before)}} for every row that differs."""
    found = {}
    for key in set(now) | set(before):
        a, b = now.get(key, {}), before.get(key, {})
        changed = {
            name: (a.get(name), b.get(name))
            for name in set(a) | set(b)
            if a.get(name) != b.get(name)
        }
        if changed:
            found[key] = changed
    return found


def flush() -> None:
    # As transactional tests flush: the sequences keep counting.
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
    )


def test_the_rows_of_the_demo_site_come_back_exactly():
    snapshot = DemoSnapshot()
    snapshot.load(
        connection, lambda: call_command("load_demo_data", "--force", stdout=io.StringIO())
    )
    loaded = current()
    assert len(loaded) > 2000
    flush()
    assert len(current()) == 0
    snapshot.load(connection, lambda: pytest.fail("the demo is loaded only once"))
    assert differences(current(), loaded) == {}


def test_restoring_over_rows_that_are_still_there_changes_nothing():
    before = connection.creation.serialize_db_to_string()
    restore(connection, before)
    assert differences(current(), rows(before)) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's flush only")
def test_the_postgresql_flush_leaves_no_row_in_any_table():
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = quick_flush_sql(connection, tables)
    assert any(statement.startswith("DELETE FROM") for statement in statements)
    connection.ops.execute_sql_flush(statements)
    with connection.cursor() as cursor:
        holding = []
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                holding.append(table)
    assert holding == []


def test_ids_handed_out_after_a_restore_are_new_even_after_sequences_were_reset():
    from django.contrib.auth.models import Group

    data = connection.creation.serialize_db_to_string()
    taken = set(Group.objects.values_list("pk", flat=True))
    assert taken
    # A flush that resets the sequences (the command's default).
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    restore(connection, data)
    assert Group.objects.create(name="made after the restore").pk not in taken
