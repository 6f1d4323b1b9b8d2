"""What happens to applications and engagements, each step in one transaction.

Disclosure goes through the people consent ledger: applying grants one
`ConsentRecord` per chosen profile field and story part (context: the
application, audience: the organisation); withdrawing revokes them all.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from people.consent import grant_consent, revoke_consent
from people.models import ConsentRecord, Profile
from people.visibility import Visibility

from .models import ConductRating, Engagement, OpportunityApplication, SpeakingOpportunity
from .opportunity_policy import REVIEW_PERMISSION, application_consents

Status = OpportunityApplication.Status


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
    """Create the application and one consent per chosen field and story part."""
    application = OpportunityApplication.objects.create(
        opportunity=opportunity,
        applicant=applicant,
        pseudonym=pseudonym,
        availability=availability,
        message=message,
        access_needs=access_needs,
    )
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
def withdraw_application(application: OpportunityApplication, *, actor) -> None:
    """Withdrawing revokes every disclosure at once and ends the review grant."""
    revoke_disclosures(application, actor=actor)
    remove_perm(REVIEW_PERMISSION, application.opportunity.organisation.audience.group, application)
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])


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
    if status != Status.ACCEPTED:
        return None
    opportunity = application.opportunity
    accepted = opportunity.applications.filter(status=Status.ACCEPTED).count()
    if accepted >= opportunity.places and opportunity.status == SpeakingOpportunity.Status.OPEN:
        # Every place is taken: stop listing it and taking applications.
        opportunity.status = SpeakingOpportunity.Status.FILLED
        opportunity.save(update_fields=["status", "updated_at"])
    engagement, _created = Engagement.objects.update_or_create(
        application=application,
        defaults={
            "fee_amount": None if opportunity.is_unpaid else fee_amount,
            "currency": "" if opportunity.is_unpaid else currency,
            "is_unpaid": opportunity.is_unpaid,
            "starts_at": starts_at,
            "time_zone": time_zone or opportunity.time_zone,
        },
    )
    return engagement


def mark_delivered(engagement: Engagement) -> None:
    engagement.delivered_at = timezone.now()
    engagement.save(update_fields=["delivered_at"])


def mark_paid(engagement: Engagement) -> None:
    engagement.paid_at = timezone.now()
    engagement.save(update_fields=["paid_at"])


def confirm_payment(engagement: Engagement) -> None:
    engagement.payment_confirmed_at = timezone.now()
    if engagement.paid_at is None:
        engagement.paid_at = engagement.payment_confirmed_at
    engagement.save(update_fields=["payment_confirmed_at", "paid_at"])


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
