from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ReformProposalAdminForm(WagtailAdminPageForm):
    """The proposal's edit form in the Wagtail admin. Submitting for council
    review needs a reviewing council, or nobody could ever approve it; the
    error is shown on the field and everything typed is kept."""

    def clean(self):
        cleaned_data = super().clean()
        if "action-submit" in self.data and not cleaned_data.get("council"):
            self.add_error(
                "council",
                _("Choose the advisory council that reviews this proposal before submitting it."),
            )
        return cleaned_data
