"""Periodic job about remedy pages (background.schedule): once a week, tell
the people who may edit a remedy page that its council review or a deadline
on it is more than twelve months old. Safe to run twice: each notice is keyed
by page, editor and ISO week (notifications.notices dedupe keys)."""

from __future__ import annotations

import datetime

from wagtail.permission_policies.pages import PagePermissionPolicy

from background.schedule import weekly
from background.work import background_task
from notifications.notices import notify
from people.roles import site_admin_accounts

from .freshness import today
from .notices import NEEDS_CHECKING
from .staleness import pages_needing_checks


def editors_of(page) -> list:
    """The active accounts that may change `page`: site admins, and the
    members of any group given edit or publish rights over it."""
    policy = PagePermissionPolicy()
    editors = {
        user.pk: user
        for user in policy.users_with_any_permission_for_instance(["change", "publish"], page)
        if user.is_active
    }
    editors.update({user.pk: user for user in site_admin_accounts()})
    return list(editors.values())


def flag_pages_needing_checks(on: datetime.date | None = None) -> int:
    """Notify each editor once a week about each page out of date. Returns
    how many notices it made."""
    on = on or today()
    year, week, _ = on.isocalendar()
    made = 0
    for item in pages_needing_checks(on=on):
        for editor in editors_of(item.page):
            key = f"{NEEDS_CHECKING}:{item.page.pk}:{year}-W{week:02d}:{editor.pk}"
            if notify(editor, NEEDS_CHECKING, {"page": item.page.pk}, dedupe_key=key):
                made += 1
    return made


@background_task()
def flag_pages_needing_checks_task() -> int:
    return flag_pages_needing_checks()


weekly(on="monday", at="05:30", name="pathways.needs_checking", job=flag_pages_needing_checks_task)
