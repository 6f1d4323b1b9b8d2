"""The Wagtail page permission tester for campaigns and their updates.

Survivor leaders hold only "add" permission under the campaign index (a data
migration grants it) and never "publish": Wagtail lets them create campaigns,
this tester narrows editing and adding updates to each campaign's leads, and
publishing goes through the survivor review workflow.
"""

from people.admin.links import SitePagePermissionTester

from .policy import is_lead_of


class CampaignPermissionTester(SitePagePermissionTester):
    """Edit and add updates: the campaign's leads (or editors with "change")."""

    def _is_editor(self) -> bool:
        return self.user.is_superuser or "change" in getattr(self, "permissions", ())

    def can_edit(self):
        if not self.user.is_active:
            return False
        if self._is_editor():
            return True
        return "add" in getattr(self, "permissions", ()) and is_lead_of(self.user, self.page)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        return self._is_editor() or is_lead_of(self.user, self.page)

    def can_delete(self, ignore_bulk=False):
        if not self._is_editor() and not is_lead_of(self.user, self.page):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return self._is_editor()

    def can_lock(self):
        return self._is_editor()

    def can_view_revisions(self):
        return self.can_edit()
