"""Formatted text that people write (a bio, a part of their story) without
ever seeing HTML.

With JavaScript, site/static/js/rich-text.js turns the textarea into a small
editor (bold, italics, lists, a sub-heading, links) that posts HTML and marks
it so (`<name>__format=html`). Without JavaScript the textarea holds plain
text: an empty line starts a new paragraph and a line starting with "- " (or
"1. ") is a list item; the server turns that into the same simple HTML. Either
way what is stored passes through the one sanitiser (safety.sanitize) in the
form's clean method.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from django import forms
from django.utils.translation import gettext_lazy as _

from safety.sanitize import sanitize_html

FORMAT_SUFFIX = "__format"
_BLOCKS = {"p", "h3", "blockquote", "ul", "ol", "div"}
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+")


class _TextWriter(HTMLParser):
    """Sanitised HTML to the plain text a person would type for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list] = []  # [kind, counter] per open list
        self.href: str | None = None
        self.link_text: list[str] = []

    def _new_block(self):
        text = "".join(self.parts)
        if text and not text.endswith("\n\n"):
            self.parts.append("\n" if text.endswith("\n") else "\n\n")

    def handle_starttag(self, tag, attrs):
        if tag in {"ul", "ol"}:
            if not self.lists:
                self._new_block()
            self.lists.append([tag, 0])
        elif tag in _BLOCKS:
            self._new_block()
        elif tag == "li":
            text = "".join(self.parts)
            if text and not text.endswith("\n"):
                self.parts.append("\n")
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            indent = "  " * max(len(self.lists) - 1, 0)
            self.parts.append(f"{indent}{kind[1]}. " if kind[0] == "ol" else f"{indent}- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag):
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            if not self.lists:
                self._new_block()
        elif tag in _BLOCKS:
            self._new_block()
        elif tag == "a" and self.href:
            if "".join(self.link_text).strip() != self.href:
                self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        if not data.strip() and (not self.parts or self.parts[-1].endswith("\n")):
            return  # whitespace between block elements
        self.parts.append(data)
        if self.href is not None:
            self.link_text.append(data)


def html_to_plain_text(value: str) -> str:
    """The text of stored (sanitised) HTML, laid out as plain text:
    paragraphs separated by an empty line, list items as "- " or "1. "."""
    if not value:
        return ""
    writer = _TextWriter()
    writer.feed(value)
    writer.close()
    text = "".join(writer.parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_text_to_html(value: str) -> str:
    """Plain text as simple HTML: paragraphs, line breaks and lists. Everything
    the person typed is escaped first, so "<b>" stays visible text."""
    html_blocks = []
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
            if all(pattern.match(line) for line in lines):
                items = "".join(
                    f"<li>{escape(pattern.sub('', line, count=1).strip())}</li>" for line in lines
                )
                html_blocks.append(f"<{tag}>{items}</{tag}>")
                break
        else:
            html_blocks.append("<p>" + "<br>".join(escape(line.strip()) for line in lines) + "</p>")
    return "".join(html_blocks)


class RichTextarea(forms.Textarea):
    """A textarea that shows plain text, never HTML, and that rich-text.js
    turns into an editor. `data-rich-html` carries the formatted version for
    the editor; a hidden `<name>__format` field says which one came back."""

    template_name = "people/widgets/rich_textarea.html"

    def __init__(self, attrs=None):
        labels = {
            "data-rich-text": "",
            "data-label-toolbar": _("Formatting"),
            "data-label-bold": _("Bold"),
            "data-label-italic": _("Italic"),
            "data-label-heading": _("Sub-heading"),
            "data-label-bullets": _("Bulleted list"),
            "data-label-numbers": _("Numbered list"),
            "data-label-link": _("Link"),
            "data-label-unlink": _("Remove link"),
            "data-label-link-prompt": _("Web address (https://…)"),
        }
        super().__init__({**labels, **(attrs or {})})

    def format_value(self, value):
        return html_to_plain_text(value or "")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-rich-html"] = sanitize_html(value or "")
        context["widget"]["format_name"] = name + FORMAT_SUFFIX
        return context

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value is None:
            return None
        # "text" comes from the plain textarea; the editor and other clients send HTML.
        if data.get(name + FORMAT_SUFFIX) == "text":
            return plain_text_to_html(value)
        return value
