"""Every text a person writes has a limit in its form and in the database
(core.text_limits): walked over every model of the project's apps, so a
field added without one fails here."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from core.text_limits import HTML_ESCAPE_FACTOR, LimitedTextField

PROJECT_APPS = (
    "people",
    "campaigns",
    "organisations",
    "opportunities",
    "proposals",
    "councils",
    "home",
)


def _text_fields():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.local_concrete_fields:
                if isinstance(field, models.CharField | models.TextField):
                    yield model, field


def _limits_in(condition, column: str) -> list[int]:
    """The limits a constraint's condition puts on Length(column)."""
    found = []
    if isinstance(condition, LessThanOrEqual):
        lhs = condition.lhs
        if isinstance(lhs, Length) and lhs.source_expressions[0].name == column:
            found.append(condition.rhs)
    for child in getattr(condition, "children", []):
        if not isinstance(child, tuple):
            found += _limits_in(child, column)
    return found


def _database_limit(model, field) -> int | None:
    """The largest length the model's check constraints allow in `field`."""
    limits = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            limits += _limits_in(constraint.condition, field.name)
    return max(limits) if limits else None


TEXT_FIELDS = [
    pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
    for model, field in _text_fields()
    if isinstance(field, models.TextField)
]


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS)
def test_every_text_field_has_a_form_limit_and_a_database_limit(model, field):
    assert field.max_length, f"{model.__name__}.{field.name} has no max_length"
    assert field.formfield().max_length == field.max_length
    limit = _database_limit(model, field)
    assert limit is not None, f"{model.__name__}.{field.name} has no database limit"
    # As typed, or (sanitised HTML) with room for escaping; never less.
    assert limit in (field.max_length, field.max_length * HTML_ESCAPE_FACTOR)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS)
def test_the_database_holds_each_text_limit(model, field):
    """The migrations created every constraint the models declare."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    checks = {name for name, info in constraints.items() if info["check"]}
    declared = {
        c.name % {"app_label": model._meta.app_label, "class": model.__name__.lower()}
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint) and _limits_in(c.condition, field.name)
    }
    if connection.vendor == "sqlite":
        # SQLite reports table CHECK constraints without their names; the
        # table's SQL holds them.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s",
                [model._meta.db_table],
            )
            sql = cursor.fetchone()[0]
        assert all(name in sql for name in declared), declared
    else:
        assert declared <= checks, declared - checks


def test_every_char_field_has_a_limit():
    """CharFields are varchar(n) columns (PostgreSQL holds the limit)."""
    for model, field in _text_fields():
        if isinstance(field, models.CharField):
            assert field.max_length, f"{model.__name__}.{field.name} has no max_length"


@pytest.mark.django_db
def test_a_message_over_the_limit_cannot_be_stored_even_around_the_forms(user_factory):
    from councils.factories import CouncilFactory
    from councils.models import BodyFormat, Message
    from councils.services.memberships import add_member

    council = CouncilFactory()
    author = user_factory()
    add_member(council, author)
    room = council.rooms.get()
    Message.objects.create(room=room, seq=1, author=author, body="x" * 5000)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(room=room, seq=2, author=author, body="x" * 5001)
    # Sanitised HTML from before plain text may be longer than it was typed.
    Message.objects.create(
        room=room, seq=3, author=author, body="&amp;" * 1001, body_format=BodyFormat.HTML
    )


def test_limited_fields_say_both_numbers():
    field = LimitedTextField(limit=5, too_long_message="Up to %(limit)s; yours has %(length)s.")
    with pytest.raises(Exception) as refused:
        field.clean("x" * 5312)
    assert refused.value.messages == ["Up to 5; yours has 5,312."]
    assert field.widget_attrs(field.widget)["data-max-chars"] == "5"
    assert "maxlength" not in field.widget_attrs(field.widget)
