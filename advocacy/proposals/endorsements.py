"""Endorsing a proposal, and taking an endorsement back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import page_cache
from people.consent import grant_consent, revoke_consent
from people.models import ConsentRecord

from .models import ProposalEndorsement, ReformProposalPage
from .names import PURPOSE_ENDORSEMENT
from .policy import can_endorse_as_person, can_endorse_for


def endorse_as_person(
    proposal: ReformProposalPage, user, *, public_name: str = ""
) -> ProposalEndorsement:
    """`user` supports `proposal`; with `public_name`, they consent to be shown by it."""
    if not can_endorse_as_person(user, proposal):
        raise PermissionDenied(
            _("Only members with a confirmed email address can endorse open proposals.")
        )
    try:
        with transaction.atomic():
            endorsement = ProposalEndorsement.objects.create(
                proposal=proposal, user=user, endorsed_by=user
            )
            if public_name.strip():
                grant_consent(
                    user,
                    kind=ConsentRecord.Kind.NAME,
                    purpose=PURPOSE_ENDORSEMENT,
                    text=public_name.strip()[:120],
                    context=endorsement,
                    actor=user,
                )
                endorsement.show_name = True
                endorsement.save(update_fields=["show_name"])
    except IntegrityError:
        raise ValidationError(_("You already endorse this proposal.")) from None
    return endorsement


def endorse_for_organisation(
    proposal: ReformProposalPage, organisation, user, *, show_name: bool = False
) -> ProposalEndorsement:
    """An organisation admin endorses `proposal` on the organisation's behalf."""
    if not can_endorse_for(user, organisation, proposal):
        raise PermissionDenied(_("Only an admin of a verified organisation can endorse for it."))
    try:
        with transaction.atomic():
            return ProposalEndorsement.objects.create(
                proposal=proposal, organisation=organisation, endorsed_by=user, show_name=show_name
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s already endorses this proposal.") % {"name": organisation.name}
        ) from None


@transaction.atomic
def withdraw_endorsement(endorsement: ProposalEndorsement, *, by) -> None:
    """Take an endorsement back; any consent to show a name goes with it."""
    from advocacy.organisations.membership import is_admin

    allowed = (
        endorsement.user_id == by.pk
        if endorsement.organisation_id is None
        else is_admin(by, endorsement.organisation)
    )
    if not allowed:
        raise PermissionDenied(_("You cannot withdraw this endorsement."))
    for record in endorsement_consents(endorsement):
        revoke_consent(record, actor=by)
    endorsement.delete()


def endorsement_consents(endorsement: ProposalEndorsement):
    from django.contrib.contenttypes.models import ContentType

    return ConsentRecord.objects.active().filter(
        kind=ConsentRecord.Kind.NAME,
        context_type=ContentType.objects.get_for_model(ProposalEndorsement),
        context_id=endorsement.pk,
    )


def connect_page_cache_signals() -> None:
    """What shows on a proposal's page and card besides its revisions:
    endorsement counts and names, milestones, credited amendments, and the
    status (a transition changes it without a revision, and may move the
    proposal into or out of a filtered list)."""
    from content.caching import tags_for_page

    from .models import (
        ProposalAmendment,
        ProposalMilestone,
        ProposalTransition,
        ReformProposalUserObjectPermission,
    )

    for model in (ProposalEndorsement, ProposalMilestone, ProposalAmendment):
        page_cache.forget_when_changed(model, lambda row: [page_cache.page_tag(row.proposal_id)])
    page_cache.forget_when_changed(
        ProposalTransition, lambda transition: tags_for_page(transition.proposal)
    )
    # Co-authors are named on the page (by consent).
    page_cache.forget_when_changed(
        ReformProposalUserObjectPermission,
        lambda grant: [page_cache.page_tag(grant.content_object_id)],
    )
