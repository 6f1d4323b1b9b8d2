"""Which opportunities fit a survivor leader's preferences."""

from __future__ import annotations

from .models import OpportunityPreferences, SpeakingOpportunity

Remote = OpportunityPreferences.Remote


def fits(preferences: OpportunityPreferences, opportunity: SpeakingOpportunity, topic_ids) -> bool:
    """`topic_ids`: the preferences' topic ids (fetched once by the caller)."""
    if opportunity.is_unpaid and not preferences.include_unpaid:
        return False
    if preferences.remote == Remote.REMOTE and not opportunity.is_remote:
        return False
    if preferences.remote == Remote.IN_PERSON and opportunity.is_remote:
        return False
    if topic_ids and not topic_ids & {t.pk for t in opportunity.topics.all()}:
        return False
    if (
        preferences.regions
        and not opportunity.is_remote
        and opportunity.country not in preferences.regions
    ):
        return False
    if (
        preferences.languages
        and opportunity.languages
        and not set(preferences.languages) & set(opportunity.languages)
    ):
        return False
    if preferences.minimum_fee is not None and not opportunity.is_unpaid:
        # Fees in another currency cannot be compared fairly, so they are left out.
        if opportunity.currency != preferences.currency:
            return False
        if opportunity.honorarium_amount < preferences.minimum_fee:
            return False
    return True


def matching_opportunities(preferences: OpportunityPreferences, opportunities=None):
    """Listed opportunities that fit, soonest deadline first (constant queries)."""
    if opportunities is None:
        opportunities = SpeakingOpportunity.objects.listed()
    topic_ids = {t.pk for t in preferences.topics.all()}
    return [o for o in opportunities if fits(preferences, o, topic_ids)]
