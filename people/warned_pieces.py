"""Pieces of pages made once for every reader although they hold a content
warning (campaign cards, proposal rows): each is made twice, its warning
collapsed and open, and each reader gets the one their choices call for, as
`{% content_warning %}` would have chosen, its "Change what is collapsed"
link coming back to the reader's own address."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .content_warnings import hidden_topic_ids
from .templatetags.content_warnings import HIDDEN_TOPICS_GIVEN, NEXT_GIVEN

# Stands for the reader's address in the piece's "Change what is collapsed"
# link (letters only: the link's URL-encoding leaves it as it is).
COME_BACK = "warnedpiececomeback"


@dataclass(frozen=True)
class WarnedPiece:
    warning_topic_ids: frozenset[int]
    collapsed: str
    shown: str

    def for_reader(self, request) -> SafeString:
        hidden = hidden_topic_ids(request)
        html = self.collapsed if self.warning_topic_ids & hidden else self.shown
        # As the template's `{{ next|urlencode }}` would have written it.
        come_back = escape(quote(request.get_full_path(), safe="/"))
        return mark_safe(html.replace(COME_BACK, come_back))  # noqa: S308


def warned_piece(template_name: str, context: dict, topic_ids: Iterable[int]) -> WarnedPiece:
    """`template_name` drawn with `context` for readers who collapse the
    warning's topics and for those who do not."""
    topic_ids = frozenset(topic_ids)

    def render(hidden) -> str:
        given = {**context, HIDDEN_TOPICS_GIVEN: hidden, NEXT_GIVEN: COME_BACK}
        return str(render_to_string(template_name, given))

    shown = render(frozenset())
    return WarnedPiece(topic_ids, render(None) if topic_ids else shown, shown)
