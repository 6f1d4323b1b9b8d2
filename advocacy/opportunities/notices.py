"""The notices about applications and engagements (notifications.notices):
what each says is worked out when it is read, and only for someone who may
still see the application or engagement: the speaker who applied, or a named
contact of the organisation. The speaker is never named to the organisation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.organisations.models import OrganisationMembership
from core.locales import date_and_time
from notifications.notices import Shown, notify, register_notice

from .models import Engagement, OpportunityApplication
from .policy import can_review, is_named_contact

SHORTLISTED = "opportunities.shortlisted"
ACCEPTED = "opportunities.accepted"
DECLINED = "opportunities.declined"
CANCELLED = "opportunities.engagement_cancelled"
MARKED_PAID = "opportunities.marked_paid"
PAYMENT_CONFIRMED = "opportunities.payment_confirmed"

Status = OpportunityApplication.Status
DECISIONS = {Status.SHORTLISTED: SHORTLISTED, Status.ACCEPTED: ACCEPTED, Status.DECLINED: DECLINED}


def _own_application(params, reader) -> OpportunityApplication | None:
    return (
        OpportunityApplication.objects.select_related("opportunity")
        .filter(pk=params["application"], applicant_id=reader.pk)
        .first()
    )


def _engagement(params) -> Engagement | None:
    return (
        Engagement.objects.select_related("application__opportunity__organisation")
        .filter(pk=params["engagement"])
        .first()
    )


def _my_applications() -> str:
    return reverse("opportunities:my_applications")


def show_shortlisted(params, reader) -> Shown | None:
    application = _own_application(params, reader)
    if application is None:
        return None
    return Shown(
        _("Your application to “%(title)s” is on the shortlist.")
        % {"title": application.opportunity.title},
        _my_applications(),
    )


def show_accepted(params, reader) -> Shown | None:
    application = _own_application(params, reader)
    if application is None:
        return None
    return Shown(
        _("Your application to “%(title)s” was accepted.")
        % {"title": application.opportunity.title},
        reverse("opportunities:my_engagements"),
    )


def show_declined(params, reader) -> Shown | None:
    application = _own_application(params, reader)
    if application is None:
        return None
    return Shown(
        _("The organisation decided not to go ahead with your application to “%(title)s”.")
        % {"title": application.opportunity.title},
        _my_applications(),
    )


def _for_the_organisation(engagement, reader) -> str | None:
    """The review page's address for a named contact of the organisation
    ("" if they may no longer open it), or None if the reader is not one."""
    application = engagement.application
    if not is_named_contact(reader, application.opportunity.organisation_id):
        return None
    if can_review(reader, application):
        return reverse("opportunities:review", args=[application.pk])
    return ""


def _for_the_speaker(engagement, reader) -> str | None:
    if engagement.application.applicant_id != reader.pk:
        return None
    return reverse("opportunities:my_engagements")


def show_cancelled(params, reader) -> Shown | None:
    engagement = _engagement(params)
    if engagement is None:
        return None
    if engagement.cancelled_by == Engagement.CancelledBy.SPEAKER:
        url = _for_the_organisation(engagement, reader)
        text = _("The speaker cancelled the engagement “%(title)s” on %(date)s. Reason: %(reason)s")
    else:
        url = _for_the_speaker(engagement, reader)
        text = _(
            "The organisation cancelled the engagement “%(title)s” on %(date)s. Reason: %(reason)s"
        )
    if url is None:
        return None
    return Shown(
        text
        % {
            "title": engagement.application.opportunity.title,
            "date": date_and_time(engagement.local_start),
            "reason": engagement.cancellation_reason,
        },
        url,
    )


def show_marked_paid(params, reader) -> Shown | None:
    engagement = _engagement(params)
    if engagement is None or _for_the_speaker(engagement, reader) is None:
        return None
    return Shown(
        _(
            "The organisation says it has paid you for “%(title)s”. "
            "Please confirm once the payment reaches you."
        )
        % {"title": engagement.application.opportunity.title},
        reverse("opportunities:my_engagements"),
    )


def show_payment_confirmed(params, reader) -> Shown | None:
    engagement = _engagement(params)
    url = _for_the_organisation(engagement, reader) if engagement else None
    if url is None:
        return None
    return Shown(
        _("The speaker confirmed receiving payment for “%(title)s”.")
        % {"title": engagement.application.opportunity.title},
        url,
    )


def register() -> None:
    for name, label, show in (
        (SHORTLISTED, gettext_lazy("Your application is shortlisted"), show_shortlisted),
        (ACCEPTED, gettext_lazy("Your application is accepted"), show_accepted),
        (DECLINED, gettext_lazy("Your application is not taken forward"), show_declined),
        (CANCELLED, gettext_lazy("An engagement is cancelled"), show_cancelled),
        (MARKED_PAID, gettext_lazy("An organisation says it has paid you"), show_marked_paid),
        (PAYMENT_CONFIRMED, gettext_lazy("A speaker confirms payment"), show_payment_confirmed),
    ):
        register_notice(name, label=label, show=show)


def named_contacts(engagement: Engagement):
    """The organisation side of an engagement: its named contacts."""
    return get_user_model().objects.filter(
        pk__in=OrganisationMembership.objects.filter(
            organisation_id=engagement.application.opportunity.organisation_id, is_contact=True
        ).values("user_id"),
        is_active=True,
    )


def notify_decision(application: OpportunityApplication) -> None:
    """Tell the applicant an organisation shortlisted, accepted or declined
    them (once per decision: deciding again after reopening is a new one)."""
    notify(
        application.applicant,
        DECISIONS[application.status],
        {"application": application.pk},
        dedupe_key=f"application:{application.pk}:{application.status}:"
        f"{application.decided_at.timestamp():.0f}",
    )


def notify_cancelled(engagement: Engagement) -> None:
    """Tell the other side: the organisation's named contacts when the speaker
    cancelled; the speaker when the organisation did."""
    key = f"engagement-cancelled:{engagement.pk}:{engagement.cancelled_at.timestamp():.0f}"
    params = {"engagement": engagement.pk}
    if engagement.cancelled_by == Engagement.CancelledBy.SPEAKER:
        for contact in named_contacts(engagement):
            notify(contact, CANCELLED, params, dedupe_key=f"{key}:{contact.pk}")
        return
    speaker = engagement.application.applicant
    notify(speaker, CANCELLED, params, dedupe_key=f"{key}:{speaker.pk}")


def notify_marked_paid(engagement: Engagement) -> None:
    notify(
        engagement.application.applicant,
        MARKED_PAID,
        {"engagement": engagement.pk},
        dedupe_key=f"engagement-paid:{engagement.pk}:{engagement.paid_at.timestamp():.0f}",
    )


def notify_payment_confirmed(engagement: Engagement) -> None:
    confirmed = engagement.payment_confirmed_at.timestamp()
    for contact in named_contacts(engagement):
        notify(
            contact,
            PAYMENT_CONFIRMED,
            {"engagement": engagement.pk},
            dedupe_key=f"engagement-confirmed:{engagement.pk}:{confirmed:.0f}:{contact.pk}",
        )
