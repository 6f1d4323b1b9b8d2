"""What happens to applications and engagements, each step in one transaction.

Disclosure goes through the people consent ledger: applying grants one
`ConsentRecord` per chosen profile field and story part (context: the
application, audience: the organisation); withdrawing revokes them all.
Applying again after withdrawing reopens the same application and grants
consents only for what is chosen then; the revoked ones stay in the ledger.

Cancelling an engagement (by either side, before delivery) frees its place
and gives the other side a notice (`notices`), as do decisions on an
application, marking an engagement paid and confirming the payment.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from people.consent import grant_consent, revoke_consent
from people.models import ConsentRecord, Profile
from people.visibility import Visibility

from . import notices
from .models import (
    ConductRating,
    Engagement,
    OpportunityApplication,
    SpeakingOpportunity,
)
from .policy import (
    REVIEW_PERMISSION,
    application_consents,
    can_reopen,
    is_cancellable,
    places_taken,
)

Status = OpportunityApplication.Status
CancelledBy = Engagement.CancelledBy


class AlreadyApplied(Exception):
    """There is an application that is not withdrawn (or cannot be reopened)."""


class CannotCancel(Exception):
    """The engagement was delivered or is already cancelled."""


def _purpose(opportunity: SpeakingOpportunity) -> str:
    return _("Application to “%(title)s” (%(organisation)s)") % {
        "title": opportunity.title,
        "organisation": opportunity.organisation.name,
    }


@transaction.atomic
def submit_application(
    applicant,
    opportunity: SpeakingOpportunity,
    *,
    pseudonym: str,
    availability: str = "",
    message: str = "",
    access_needs: str = "",
    fields=(),
    story_parts=(),
) -> OpportunityApplication:
    """Create the application (or reopen a withdrawn one) and one consent per
    chosen field and story part.

    Raises `AlreadyApplied` if there is an application that may not be
    reopened. The row is locked while it is reopened, so two submissions at
    once reopen it only once; two first submissions at once meet the unique
    constraint (IntegrityError).
    """
    existing = (
        OpportunityApplication.objects.select_for_update()
        .filter(opportunity=opportunity, applicant=applicant)
        .first()
    )
    if existing is None:
        application = OpportunityApplication.objects.create(
            opportunity=opportunity,
            applicant=applicant,
            pseudonym=pseudonym,
            availability=availability,
            message=message,
            access_needs=access_needs,
        )
    elif can_reopen(existing):
        application = existing
        # A fresh start: an earlier acceptance, decision or answer does not carry over.
        application.status = Status.SUBMITTED
        application.decision_message = ""
        application.decided_at = None
        application.created_at = timezone.now()
        application.pseudonym = pseudonym
        application.availability = availability
        application.message = message
        application.access_needs = access_needs
        application.save()
    else:
        raise AlreadyApplied
    audience = opportunity.organisation.audience
    assign_perm(REVIEW_PERMISSION, audience.group, application)
    purpose = _purpose(opportunity)
    if fields:
        profile = Profile.for_user(applicant)
        # A field kept to "only me" is opened to the "organisations I applied
        # to" circle, which reaches only organisations holding a consent.
        visibility = dict(profile.visibility or {})
        changed = False
        for name in fields:
            if profile.visibility_of(name) == Visibility.ONLY_ME:
                visibility[name] = Visibility.ORGANISATIONS.value
                changed = True
        if changed:
            profile.visibility = visibility
            profile.save(update_fields=["visibility", "updated_at"])
    for name in fields:
        grant_consent(
            applicant,
            kind=ConsentRecord.Kind.PROFILE_FIELD,
            field_name=name,
            audience=audience,
            context=application,
            purpose=purpose,
            actor=applicant,
        )
    for part in story_parts:
        grant_consent(
            applicant,
            kind=ConsentRecord.Kind.STORY_PART,
            story_part=part,
            audience=audience,
            context=application,
            purpose=purpose,
            actor=applicant,
        )
    return application


def revoke_disclosures(application: OpportunityApplication, *, actor) -> int:
    """Take back every disclosure made for this application; returns how many."""
    records = list(application_consents(application))
    for record in records:
        revoke_consent(record, actor=actor)
    return len(records)


@transaction.atomic
def take_back(application: OpportunityApplication, *, actor) -> int:
    """After delivered work: revoke every disclosure and forget the access and
    support needs, leaving the engagement and its payment as they are.
    Returns how many disclosures were still active."""
    taken = revoke_disclosures(application, actor=actor)
    if application.access_needs:
        application.access_needs = ""
        application.save(update_fields=["access_needs", "updated_at"])
        taken += 1
    return taken


@transaction.atomic
def withdraw_application(application: OpportunityApplication, *, actor) -> None:
    """Withdrawing revokes every disclosure at once and ends the review grant.
    An engagement not yet delivered is cancelled with it (by the speaker)."""
    engagement = Engagement.objects.select_for_update().filter(application=application).first()
    cancelled = engagement is not None and is_cancellable(engagement)
    if cancelled:
        _cancel(engagement, by=CancelledBy.SPEAKER, reason=_("Withdrawn by the speaker."))
    revoke_disclosures(application, actor=actor)
    remove_perm(REVIEW_PERMISSION, application.opportunity.organisation.audience.group, application)
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    if cancelled:
        _free_place(application.opportunity)


@transaction.atomic
def decide(
    application: OpportunityApplication,
    *,
    status: str,
    message: str = "",
    fee_amount=None,
    currency: str = "",
    starts_at=None,
    time_zone: str = "",
) -> Engagement | None:
    """Shortlist, accept or decline, with a message. Accepting creates the
    engagement with the agreed fee and date."""
    if status not in (Status.SHORTLISTED, Status.ACCEPTED, Status.DECLINED):
        raise ValueError(status)
    application.status = status
    application.decision_message = message
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_message", "decided_at", "updated_at"])
    notices.notify_decision(application)
    if status != Status.ACCEPTED:
        return None
    opportunity = application.opportunity
    engagement, _created = Engagement.objects.update_or_create(
        application=application,
        defaults={
            "fee_amount": None if opportunity.is_unpaid else fee_amount,
            "currency": "" if opportunity.is_unpaid else currency,
            "is_unpaid": opportunity.is_unpaid,
            "starts_at": starts_at,
            "time_zone": time_zone or opportunity.time_zone,
            # Accepting a reopened application starts a new engagement in
            # the row of the cancelled one.
            "delivered_at": None,
            "paid_at": None,
            "payment_confirmed_at": None,
            "overdue_flagged_at": None,
            "cancelled_at": None,
            "cancelled_by": "",
            "cancellation_reason": "",
        },
    )
    accepted = places_taken(opportunity)
    if accepted >= opportunity.places and opportunity.status == SpeakingOpportunity.Status.OPEN:
        # Every place is taken: stop listing it and taking applications.
        opportunity.status = SpeakingOpportunity.Status.FILLED
        opportunity.save(update_fields=["status", "updated_at"])
    return engagement


def _free_place(opportunity: SpeakingOpportunity) -> None:
    """A filled opportunity whose deadline has not passed takes applications
    again once a place is free."""
    opportunity = SpeakingOpportunity.objects.select_for_update().get(pk=opportunity.pk)
    if (
        opportunity.status == SpeakingOpportunity.Status.FILLED
        and opportunity.deadline > timezone.now()
        and places_taken(opportunity) < opportunity.places
    ):
        opportunity.status = SpeakingOpportunity.Status.OPEN
        opportunity.save(update_fields=["status", "updated_at"])


def _cancel(engagement: Engagement, *, by: str, reason: str) -> None:
    engagement.cancelled_at = timezone.now()
    engagement.cancelled_by = by
    engagement.cancellation_reason = reason
    engagement.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    notices.notify_cancelled(engagement)


@transaction.atomic
def cancel_engagement(engagement: Engagement, *, by: str, reason: str) -> Engagement:
    """Cancel an engagement not yet delivered, by the speaker or the
    organisation, with a reason; frees the place and tells the other side.
    Raises `CannotCancel` if it was delivered or is already cancelled."""
    if by not in CancelledBy.values:
        raise ValueError(by)
    locked = (
        Engagement.objects.select_for_update()
        .select_related("application__opportunity__organisation")
        .get(pk=engagement.pk)
    )
    if not is_cancellable(locked):
        raise CannotCancel
    _cancel(locked, by=by, reason=reason)
    _free_place(locked.application.opportunity)
    return locked


def _mark_once(engagement: Engagement, field: str) -> bool:
    """Set `field` to now unless it is set already or the engagement was
    cancelled meanwhile (one conditional update)."""
    now = timezone.now()
    done = Engagement.objects.filter(
        pk=engagement.pk, cancelled_at__isnull=True, **{f"{field}__isnull": True}
    ).update(**{field: now})
    if done:
        setattr(engagement, field, now)
    return bool(done)


def mark_delivered(engagement: Engagement) -> bool:
    return _mark_once(engagement, "delivered_at")


@transaction.atomic
def mark_paid(engagement: Engagement) -> bool:
    """The organisation says it paid; the speaker is asked to confirm."""
    marked = _mark_once(engagement, "paid_at")
    if marked:
        notices.notify_marked_paid(engagement)
    return marked


@transaction.atomic
def confirm_payment(engagement: Engagement) -> None:
    """The speaker confirms the payment reached them; the organisation's named
    contacts are told."""
    engagement.payment_confirmed_at = timezone.now()
    if engagement.paid_at is None:
        engagement.paid_at = engagement.payment_confirmed_at
    engagement.save(update_fields=["payment_confirmed_at", "paid_at"])
    notices.notify_payment_confirmed(engagement)


def rate_organisation(engagement: Engagement, **answers) -> ConductRating:
    return ConductRating.objects.create(
        engagement=engagement,
        organisation=engagement.application.opportunity.organisation,
        **answers,
    )


def rating_summary(organisation) -> dict | None:
    """Share of "yes" per question, or None below the minimum number of ratings."""
    from django.db.models import Count, Q

    from .models.conduct_rating import MINIMUM_RATINGS_SHOWN

    questions = ["paid_on_time", "respected_boundaries", "trauma_informed", "would_work_again"]
    totals = ConductRating.objects.filter(organisation=organisation).aggregate(
        count=Count("pk"), **{q: Count("pk", filter=Q(**{q: True})) for q in questions}
    )
    count = totals.pop("count")
    if count < MINIMUM_RATINGS_SHOWN:
        return None
    labels = {q: ConductRating._meta.get_field(q).verbose_name for q in questions}
    return {
        "count": count,
        "answers": [
            {"label": labels[q], "percent": round(100 * totals[q] / count)} for q in questions
        ],
    }
