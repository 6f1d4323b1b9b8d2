"""Form widgets that cost less to draw.

Django draws each `<option>` of a select through two template includes. A
select of every language (about 200) or every time zone (about 400) then
took most of a page's rendering time. `QuickSelect` writes the same HTML in
Python: the same attributes in the same order, escaped the same way, with
the same optgroups (core/tests/test_widgets.py compares it with Django's
own output).
"""

from __future__ import annotations

import html

from django import forms
from django.utils.safestring import mark_safe


def _escaped(value) -> str:
    """What `conditional_escape` gives (Django's `escape` is `html.escape`),
    without its lazy-string wrapper, which cost most of the time here."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _formatted(value) -> str:
    """What `{{ value|stringformat:'s' }}` gives: escaped unless it was safe
    (the filter keeps a safe string safe)."""
    text = "%s" % (value,)  # noqa: UP031 - as the template filter formats it
    return text if hasattr(value, "__html__") else html.escape(text)


def _attrs(attrs: dict) -> str:
    """What Django's django/forms/widgets/attrs.html writes."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_escaped(group_name)}">')
            parts.extend(
                f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_escaped(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


class QuickSelect(QuickSelectMixin, forms.Select):
    """`forms.Select`, drawn in Python."""


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    """`forms.SelectMultiple`, drawn in Python."""
