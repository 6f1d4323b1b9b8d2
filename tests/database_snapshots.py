"""Emptying and refilling the test database quickly, for transactional tests.

A transactional test (browser, ASGI, multi-worker) commits its data, so the
database is emptied after it and refilled before the next one: Django's
flush, then its serialized rollback, which saves the rows that migrations
made one `save()` at a time (an UPDATE, then an INSERT, for each of ~800
rows). Browser tests then load the demo site again, committed. On
PostgreSQL, `TRUNCATE` of every table costs about two seconds however little
they hold, and loading the demo site ten.

- `quick_flush_sql`: on PostgreSQL, the flush deletes the rows of the tables
  that have any (one query finds them), in one transaction with the foreign
  keys' checks deferred, instead of truncating all of them.
- `restore`: each table the data holds rows of is emptied, and its rows go
  back in one bulk insert, in one transaction with the foreign keys checked
  at its end. Models that inherit another
  model's table cannot be bulk-inserted and are saved row by row, as Django
  does.
- `DemoSnapshot`: the demo site is loaded once per test process, serialized
  like the migrations' rows, and restored for each browser test after that.

What is restored is checked against what was serialized
(tests/test_database_snapshots.py).
"""

from __future__ import annotations

import contextlib
import itertools
from io import StringIO

from django.core import serializers
from django.core.management.color import no_style
from django.db import DatabaseError, connections, transaction


def restore(connection, data: str) -> None:
    """Put back the rows `data` (from `serialize_db_to_string`) holds."""
    alias = connection.alias
    objects = list(serializers.deserialize("json", StringIO(data), using=alias))
    table_names = set()
    with transaction.atomic(using=alias):
        with connection.constraint_checks_disabled():
            for model, group in itertools.groupby(objects, key=lambda found: type(found.object)):
                group = list(group)
                table_names.add(model._meta.db_table)
                _empty(model, alias)
                if model._meta.parents or not _inserted_in_bulk(model, group, alias):
                    for found in group:
                        found.save()
                _add_many_to_many(model, group, alias, table_names)
        connection.check_constraints(table_names=sorted(table_names))
        _sequences_past_the_rows(connection, {type(found.object) for found in objects})


def _sequences_past_the_rows(connection, models) -> None:
    """Rows went in with their own ids, which PostgreSQL's sequences do not
    count: each sequence is set past the largest id, as `loaddata` does (a
    flush that reset them would otherwise hand out ids already taken).
    SQLite counts inserted ids itself, so this is nothing there."""
    statements = connection.ops.sequence_reset_sql(no_style(), sorted(models, key=str))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _empty(model, alias) -> None:
    """The table loses every row before the data's rows go in (their own
    among them: the first transactional test of a run starts from a database
    that holds the migrations' rows). Foreign keys are checked at the end."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _inserted_in_bulk(model, group, alias) -> bool:
    """False when the table refuses a bulk insert (SQLite's full-text
    search tables are virtual tables): nothing was written."""
    try:
        with transaction.atomic(using=alias), _values_as_given(model):
            model._base_manager.using(alias).bulk_create([found.object for found in group])
    except DatabaseError:
        return False
    return True


@contextlib.contextmanager
def _values_as_given(model):
    """Bulk inserts fill `auto_now` and `auto_now_add` fields with the time
    of the insert; the rows keep the times they were serialized with."""
    switched = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _now_add in switched:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in switched:
            field.auto_now, field.auto_now_add = now, now_add


def _add_many_to_many(model, group, alias, table_names) -> None:
    for name in {name for found in group for name in (found.m2m_data or {})}:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        links = [
            through(**{source: found.object.pk, target: value})
            for found in group
            for value in (found.m2m_data or {}).get(name, ())
        ]
        if links:
            through._base_manager.using(alias).bulk_create(links, ignore_conflicts=True)
            table_names.add(through._meta.db_table)


def quick_flush_sql(connection, tables) -> list[str]:
    """SQL that empties `tables` on PostgreSQL: a DELETE for each table that
    holds rows, with foreign keys checked at the end of the transaction."""
    quote = connection.ops.quote_name
    if not tables:
        return []
    # Table names come from Django's introspection, quoted.
    probes = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probes, list(tables))
        holding = [row[0] for row in cursor.fetchall()]
    deletions = [f"DELETE FROM {quote(table)};" for table in holding]  # noqa: S608
    return ["SET CONSTRAINTS ALL DEFERRED;", *deletions]


@contextlib.contextmanager
def installed():
    """Django's serialized rollback restores with `restore`, and (on
    PostgreSQL) its flush deletes with `quick_flush_sql`, until the block ends."""
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.backends.postgresql.operations import DatabaseOperations

    original_restore = BaseDatabaseCreation.deserialize_db_from_string
    original_flush = DatabaseOperations.sql_flush

    def deserialize_db_from_string(creation, data):
        restore(creation.connection, data)

    def sql_flush(operations, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return original_flush(
                operations, style, tables, reset_sequences=True, allow_cascade=allow_cascade
            )
        return quick_flush_sql(operations.connection, tables)

    BaseDatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
    DatabaseOperations.sql_flush = sql_flush
    try:
        yield
    finally:
        BaseDatabaseCreation.deserialize_db_from_string = original_restore
        DatabaseOperations.sql_flush = original_flush


class DemoSnapshot:
    """The demo site as rows, made once per process from a real load."""

    def __init__(self):
        self.data: str | None = None

    def load(self, connection, load_demo) -> None:
        """The demo site in the (committed) test database: restored from the
        snapshot after the first time, loaded (and kept) the first time."""
        if self.data is None:
            load_demo()
            self.data = connection.creation.serialize_db_to_string()
            return
        _flush(connection)
        restore(connection, self.data)


def _flush(connection) -> None:
    from django.core.management import call_command

    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=connection.alias,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
