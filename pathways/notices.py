"""The notice about remedy pages (notifications.notices): a page not
reviewed by its survivor advisory council for twelve months, or with
deadlines not checked for twelve months, to the people who may edit it. It
says what it is about only while the reader may still edit the page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from notifications.notices import Shown, register_notice

from .policy import remedies_editable_by
from .staleness import pages_needing_checks

NEEDS_CHECKING = "pathways.needs_checking"


def show_needs_checking(params, reader) -> Shown | None:
    pages = remedies_editable_by(reader).filter(pk=params["page"])
    found = pages_needing_checks(pages)
    if not found:
        # Reviewed or checked since, or no longer theirs to edit.
        return None
    item = found[0]
    title = item.page.draft_title or item.page.title
    parts = []
    if item.review_overdue:
        parts.append(
            _("“%(title)s” has not been reviewed by a survivor advisory council for 12 months.")
            % {"title": title}
        )
    if item.stale_deadlines:
        parts.append(
            ngettext(
                "“%(title)s” has %(count)d deadline not checked against its source for 12 months.",
                "“%(title)s” has %(count)d deadlines not checked against their source "
                "for 12 months.",
                item.stale_deadlines,
            )
            % {"title": title, "count": item.stale_deadlines}
        )
    return Shown(" ".join(parts), reverse("wagtailadmin_pages:edit", args=[item.page.pk]))


def register() -> None:
    register_notice(
        NEEDS_CHECKING,
        label=gettext_lazy("A remedy page you edit needs its review or deadlines checked"),
        show=show_needs_checking,
    )
