"""Limits on what people write, held by the database as well as the forms.

Every text a person writes has a limit in its form, in the socket's schema
where one carries it, and in the database. A CharField's limit is its column
type (varchar(n) on PostgreSQL). A TextField's `max_length` only reaches its
form, so each such field also gets a check constraint from `length_limit()`.
`tests/test_text_limits.py` walks every model to hold this.

Fields stored as sanitised HTML (a story, a bio, minutes, descriptions) are
limited to `max_length` characters as typed; escaping can make the stored
HTML up to HTML_ESCAPE_FACTOR times as long ("&" is stored as "&amp;"), so
their database limit leaves that room and a save never fails on it.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

__all__ = [
    "HTML_ESCAPE_FACTOR",
    "LimitedTextField",
    "html_length_limit",
    "length_limit",
    "too_long",
]

HTML_ESCAPE_FACTOR = 5


def _name(field: str) -> str:
    return f"%(app_label)s_%(class)s_{field}_length"


def length_limit(field: str, limit: int) -> models.CheckConstraint:
    """At most `limit` characters in `field`, held by the database."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit), name=_name(field)
    )


def html_length_limit(field: str, typed_limit: int) -> models.CheckConstraint:
    """The database limit of a field stored as sanitised HTML whose form
    takes at most `typed_limit` characters."""
    return length_limit(field, typed_limit * HTML_ESCAPE_FACTOR)


def too_long(message: str, limit: int, length: int) -> str:
    """`message` (translated, with %(limit)s and %(length)s) filled in with
    both numbers, grouped as the reader's language writes them."""
    from django.utils.formats import number_format

    return message % {
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }


class LimitedTextField(forms.CharField):
    """A text a person writes, at most `limit` characters, refused with a
    sentence that names the limit and the length ("Minutes can be up to
    50,000 characters; yours has 50,312."). No `maxlength` on the widget: a
    browser cuts a longer paste without a word, and the person would not
    know what was lost; `data-max-chars` lets a script say so early."""

    def __init__(self, *, limit: int, too_long_message: str, **kwargs):
        self.limit = limit
        self.too_long_message = too_long_message
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["data-max-chars"] = str(self.limit)
        return attrs

    def validate(self, value):
        super().validate(value)
        if value and len(value) > self.limit:
            raise forms.ValidationError(
                too_long(str(self.too_long_message), self.limit, len(value)), code="max_length"
            )
