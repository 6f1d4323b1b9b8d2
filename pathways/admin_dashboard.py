"""The admin dashboard panel for editors of remedy pages: pages not reviewed
by their survivor advisory council for twelve months, and pages with
deadlines not checked against their source for twelve months. Only pages the
viewer may edit; a fixed number of queries however many there are."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .policy import remedies_editable_by
from .staleness import pages_needing_checks

LIST_LIMIT = 20


class RemediesNeedingChecksPanel(Component):
    name = "remedies_needing_checks"
    template_name = "pathways/dashboard/needs_checking.html"
    order = 120

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        found = pages_needing_checks(remedies_editable_by(request.user))
        return {
            "items": [
                {
                    "title": item.page.draft_title or item.page.title,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[item.page.pk]),
                    "reviewed_on": item.page.reviewed_on,
                    "review_overdue": item.review_overdue,
                    "stale_deadlines": item.stale_deadlines,
                    "oldest_check": item.oldest_check,
                }
                for item in found[:LIST_LIMIT]
            ],
            "total": len(found),
            "request": request,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["items"]:
            return ""
        return render_to_string(self.template_name, context)
