"""Form widgets that cost less to draw.

Django draws each `<option>` of a select through two template includes. A
select of every language (about 200) or every time zone (about 400) then
took most of a page's rendering time. `QuickSelect` writes the same HTML in
Python: the same attributes in the same order, escaped the same way, with
the same optgroups (core/tests/test_widgets.py compares it with Django's
own output).
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> SafeString:
    """What Django's django/forms/widgets/attrs.html writes."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is format_html's


class QuickSelect(QuickSelectMixin, forms.Select):
    """`forms.Select`, drawn in Python."""


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    """`forms.SelectMultiple`, drawn in Python."""
