"""The notices about reform proposals (notifications.notices): an amendment
answered, to the person who suggested it; a proposal open for a long time
without a change, to its authors. Each says what it is about only while the
reader may still see it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.notices import Shown, register_notice

from .models import ProposalAmendment, ReformProposalPage
from .policy import is_author

AMENDMENT_ANSWERED = "proposals.amendment_answered"
STALE = "proposals.stale"


def show_amendment_answered(params, reader) -> Shown | None:
    amendment = (
        ProposalAmendment.objects.filter(pk=params["amendment"], proposer_id=reader.pk)
        .exclude(status=ProposalAmendment.Status.PENDING)
        .first()
    )
    if amendment is None:
        return None
    proposal = ReformProposalPage.objects.live().filter(pk=amendment.proposal_id).first()
    if proposal is None:
        return None
    values = {
        "title": proposal.title,
        "section": amendment.get_section_display(),
        "reason": amendment.decision_reason,
    }
    if amendment.status == ProposalAmendment.Status.ACCEPTED:
        text = _("The authors of “%(title)s” accepted your change to “%(section)s”.") % values
    else:
        text = (
            _(
                "The authors of “%(title)s” decided not to use your change to “%(section)s”. "
                "Their reason: %(reason)s"
            )
            % values
        )
    return Shown(text, proposal.url)


def show_stale(params, reader) -> Shown | None:
    proposal = ReformProposalPage.objects.filter(pk=params["page"]).first()
    if proposal is None or not is_author(reader, proposal):
        return None
    return Shown(
        _("“%(title)s” has not changed for 6 months: is it still right?")
        % {"title": proposal.title},
        reverse("wagtailadmin_pages:edit", args=[proposal.pk]),
    )


def register() -> None:
    register_notice(
        AMENDMENT_ANSWERED,
        label=gettext_lazy("A change you suggested to a proposal is answered"),
        show=show_amendment_answered,
    )
    register_notice(
        STALE,
        label=gettext_lazy("A proposal you lead has not changed for 6 months"),
        show=show_stale,
    )
