"""The opportunity records that are a person's own data, for "Your data"
(export) and account erasure. Registered from AdvocacyConfig.ready()."""

from __future__ import annotations

from .models import (
    CalendarFeedToken,
    ConductRating,
    Engagement,
    OpportunityApplication,
    OpportunityPreferences,
)

EXPORT_NAME = "speaking_opportunities"


def export_opportunity_data(user) -> dict:
    """Applications, engagements, ratings given, preferences, calendar address."""
    applications = OpportunityApplication.objects.filter(applicant=user).select_related(
        "opportunity__organisation"
    )
    engagements = Engagement.objects.filter(application__applicant=user).select_related(
        "application__opportunity"
    )
    ratings = ConductRating.objects.filter(engagement__application__applicant=user)
    preferences = (
        OpportunityPreferences.objects.filter(user=user).prefetch_related("topics").first()
    )
    return {
        "applications": [
            {
                "opportunity": a.opportunity.title,
                "organisation": a.opportunity.organisation.name,
                "name_used": a.pseudonym,
                "availability": a.availability,
                "message": a.message,
                "access_needs": a.access_needs,
                "status": a.status,
                "decision_message": a.decision_message,
                "created_at": a.created_at,
            }
            for a in applications
        ],
        "engagements": [
            {
                "opportunity": e.application.opportunity.title,
                "fee": e.fee_display,
                "starts_at": e.starts_at,
                "time_zone": e.time_zone,
                "delivered_at": e.delivered_at,
                "paid_at": e.paid_at,
                "payment_confirmed_at": e.payment_confirmed_at,
            }
            for e in engagements
        ],
        "ratings_given": [
            {
                "organisation_id": r.organisation_id,
                "paid_on_time": r.paid_on_time,
                "respected_boundaries": r.respected_boundaries,
                "trauma_informed": r.trauma_informed,
                "would_work_again": r.would_work_again,
            }
            for r in ratings
        ],
        "preferences": None
        if preferences is None
        else {
            "topics": [t.name for t in preferences.topics.all()],
            "regions": preferences.regions,
            "languages": preferences.languages,
            "minimum_fee": str(preferences.minimum_fee)
            if preferences.minimum_fee is not None
            else None,
            "currency": preferences.currency,
            "remote": preferences.remote,
            "include_unpaid": preferences.include_unpaid,
        },
        "private_calendar_address_exists": CalendarFeedToken.objects.filter(user=user).exists(),
    }


def erase_opportunity_data(user, mode: str) -> None:
    """Applications (with their engagements, ratings and review grants),
    preferences and the calendar address all go, whichever the mode: none of
    them is a public contribution that others rely on."""
    OpportunityApplication.objects.filter(applicant=user).delete()
    OpportunityPreferences.objects.filter(user=user).delete()
    CalendarFeedToken.objects.filter(user=user).delete()


def register() -> None:
    from people.data_export import register_exporter
    from people.erasure import register_eraser

    register_exporter(EXPORT_NAME, export_opportunity_data)
    register_eraser(EXPORT_NAME, erase_opportunity_data)
