"""Who may do what with speaking opportunities, applications and engagements.

The one place these rules live: views, feeds and templates ask here.

- Only admins of *verified* organisations post and manage opportunities.
- An organisation's reviewers and admins see its applications (through the
  django-guardian grant on each application to the organisation's group) and
  of each application only what the applicant disclosed *for it*: the profile
  fields and story parts with an active consent whose context is that
  application, and that `people.policy` also lets them see.
- Access and support needs: only once accepted, only the named contact.
- Survivor leaders apply; the applicant alone withdraws, confirms payment and rates.
- Someone who withdrew may apply again (the same application is reopened);
  any other existing application means "already applied".
- An engagement not yet delivered may be cancelled by the speaker or by the
  organisation's reviewers; a cancelled one takes no place and can no longer
  be marked, flagged or rated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from advocacy.organisations.models import Organisation, OrganisationMembership
from people import roles
from people.models import ConsentRecord, Profile, StoryPart
from people.policy import visible_profile
from people.visibility import PROFILE_FIELDS

from .models import Engagement, OpportunityApplication, SpeakingOpportunity

REVIEW_PERMISSION = "opportunities.review_opportunityapplication"
Role = OrganisationMembership.Role


def postable_organisations(user):
    """Verified organisations `user` administers: where they may post."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        verified=True, memberships__user=user, memberships__role=Role.ADMIN
    ).distinct()


def can_post(user, organisation: Organisation) -> bool:
    return postable_organisations(user).filter(pk=organisation.pk).exists()


def can_manage_opportunity(user, opportunity: SpeakingOpportunity) -> bool:
    return can_post(user, opportunity.organisation)


def member_organisation_ids(user) -> frozenset[int]:
    """Organisations `user` acts for (one query, cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_advocacy_org_ids", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.filter(user=user).values_list(
                "organisation_id", flat=True
            )
        )
        user._advocacy_org_ids = cached
    return cached


def can_view_opportunity(user, opportunity: SpeakingOpportunity) -> bool:
    """Everyone sees posted opportunities; drafts only the organisation's people."""
    if opportunity.status != SpeakingOpportunity.Status.DRAFT and opportunity.organisation.verified:
        return True
    return opportunity.organisation_id in member_organisation_ids(user)


def can_apply(user, opportunity: SpeakingOpportunity) -> bool:
    return (
        user.is_authenticated
        and roles.has_role(user, roles.SURVIVOR_LEADERS)
        and opportunity.is_accepting
        and opportunity.organisation.verified
        and opportunity.organisation_id not in member_organisation_ids(user)
    )


def can_reopen(application: OpportunityApplication | None) -> bool:
    """Only a withdrawn application may be reopened, and not one whose work
    was already delivered (that engagement is history, not a new start)."""
    if application is None or application.status != OpportunityApplication.Status.WITHDRAWN:
        return False
    return not _delivered(application)


def can_apply_again(user, application: OpportunityApplication) -> bool:
    return application.applicant_id == user.pk and (
        can_reopen(application) and can_apply(user, application.opportunity)
    )


def places_taken(opportunity: SpeakingOpportunity) -> int:
    """Accepted applications whose engagement still stands."""
    return (
        opportunity.applications.filter(status=OpportunityApplication.Status.ACCEPTED)
        .exclude(engagement__cancelled_at__isnull=False)
        .count()
    )


def reviewable_applications(user):
    """Applications `user` may review: the guardian grant to their
    organisation's group, never a global permission, never superuser status."""
    if not user.is_authenticated:
        return OpportunityApplication.objects.none()
    return get_objects_for_user(
        user,
        REVIEW_PERMISSION,
        klass=OpportunityApplication.objects.exclude(
            status=OpportunityApplication.Status.WITHDRAWN
        ).filter(opportunity__organisation__verified=True),
        accept_global_perms=False,
        with_superuser=False,
    )


def can_review(user, application: OpportunityApplication) -> bool:
    return reviewable_applications(user).filter(pk=application.pk).exists()


def is_named_contact(user, organisation_id: int) -> bool:
    return (
        user.is_authenticated
        and OrganisationMembership.objects.filter(
            organisation_id=organisation_id, user=user, is_contact=True
        ).exists()
    )


def can_see_access_needs(user, application: OpportunityApplication) -> bool:
    """Only after acceptance, only the organisation's named contact (and the applicant)."""
    if user.is_authenticated and application.applicant_id == user.pk:
        return True
    engagement = getattr(application, "engagement", None)
    return (
        application.status == OpportunityApplication.Status.ACCEPTED
        # Once the engagement is cancelled they no longer need to know.
        and (engagement is None or engagement.cancelled_at is None)
        and is_named_contact(user, application.opportunity.organisation_id)
        and can_review(user, application)
    )


def application_consents(application: OpportunityApplication):
    """Active consents given for this application (and nothing else)."""
    return ConsentRecord.objects.active().filter(
        subject_id=application.applicant_id,
        context_type=ContentType.objects.get_for_model(OpportunityApplication),
        context_id=application.pk,
    )


@dataclass
class DisclosedApplication:
    """What one reviewer may see of one application."""

    application: OpportunityApplication
    fields: dict[str, Any] = field(default_factory=dict)
    field_labels: dict[str, str] = field(default_factory=dict)
    story_parts: list[StoryPart] = field(default_factory=list)
    access_needs: str | None = None


def disclosed_application(user, application: OpportunityApplication) -> DisclosedApplication:
    """The disclosed view of `application` for `user`; callers check `can_review` first.

    A field appears only if (1) the applicant consented to it for this very
    application and (2) `people.policy` lets this viewer see it, so a consent
    revoked a moment ago hides it on the next request.
    """
    consents = list(application_consents(application).select_related("story_part"))
    consented_fields = {
        c.field_name for c in consents if c.kind == ConsentRecord.Kind.PROFILE_FIELD
    }
    shown = DisclosedApplication(application)
    profile = (
        Profile.objects.filter(user_id=application.applicant_id)
        .select_related("user")
        .prefetch_related("topics")
        .first()
    )
    if profile is not None and consented_fields:
        visible = visible_profile(user, profile)
        for name in PROFILE_FIELDS:
            if name in consented_fields and name in visible:
                shown.fields[name] = visible.fields[name]
                shown.field_labels[name] = str(PROFILE_FIELDS[name])
    shown.story_parts = [
        c.story_part
        for c in consents
        if c.kind == ConsentRecord.Kind.STORY_PART and not c.story_part.never_share
    ]
    if can_see_access_needs(user, application):
        shown.access_needs = application.access_needs
    return shown


def can_withdraw(user, application: OpportunityApplication) -> bool:
    """Open or accepted applications, until the work is delivered: after that
    the engagement and its payment go on, and the speaker can still take back
    what they shared (`can_take_back`)."""
    return (
        application.applicant_id == user.pk
        and application.status
        in (
            OpportunityApplication.Status.SUBMITTED,
            OpportunityApplication.Status.SHORTLISTED,
            OpportunityApplication.Status.ACCEPTED,
        )
        and not _delivered(application)
    )


def can_take_back(user, application: OpportunityApplication) -> bool:
    """Delivered work: the speaker may still revoke every disclosure made for
    it, leaving the engagement (and the organisation's duty to pay) in place."""
    return (
        application.applicant_id == user.pk
        and application.status == OpportunityApplication.Status.ACCEPTED
        and _delivered(application)
    )


def _delivered(application: OpportunityApplication) -> bool:
    # A reverse one-to-one that is missing raises an AttributeError subclass.
    engagement = getattr(application, "engagement", None)
    return engagement is not None and engagement.delivered_at is not None


def manageable_engagements(user):
    """Engagements the organisation side may mark delivered and paid."""
    return Engagement.objects.filter(
        cancelled_at__isnull=True,
        application__in=reviewable_applications(user).filter(
            opportunity__organisation__in=postable_organisations(user)
        ),
    )


def can_mark_delivered(user, engagement: Engagement) -> bool:
    return (
        engagement.delivered_at is None
        and engagement.starts_at <= timezone.now()
        and manageable_engagements(user).filter(pk=engagement.pk).exists()
    )


def can_mark_paid(user, engagement: Engagement) -> bool:
    return (
        engagement.delivered_at is not None
        and engagement.paid_at is None
        and not engagement.is_unpaid
        and manageable_engagements(user).filter(pk=engagement.pk).exists()
    )


def is_speaker(user, engagement: Engagement) -> bool:
    return user.is_authenticated and engagement.application.applicant_id == user.pk


def can_rate(user, engagement: Engagement) -> bool:
    return (
        is_speaker(user, engagement)
        and engagement.cancelled_at is None
        and engagement.delivered_at is not None
        and not hasattr(engagement, "conduct_rating")
    )


def can_confirm_payment(user, engagement: Engagement) -> bool:
    return (
        is_speaker(user, engagement)
        and engagement.cancelled_at is None
        and not engagement.is_unpaid
        and engagement.payment_confirmed_at is None
    )


def is_cancellable(engagement: Engagement) -> bool:
    """Not yet delivered, not already cancelled."""
    return engagement.cancelled_at is None and engagement.delivered_at is None


def can_cancel_as_speaker(user, engagement: Engagement) -> bool:
    return (
        is_speaker(user, engagement)
        and engagement.application.status == OpportunityApplication.Status.ACCEPTED
        and is_cancellable(engagement)
    )


def can_cancel_as_organisation(user, engagement: Engagement) -> bool:
    """The organisation's reviewers and admins, through their review grant."""
    return is_cancellable(engagement) and can_review(user, engagement.application)
