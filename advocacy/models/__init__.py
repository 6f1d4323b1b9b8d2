from .calendar_feed_token import CalendarFeedToken
from .conduct_rating import ConductRating
from .engagement import Engagement
from .opportunity_application import (
    ApplicationGroupObjectPermission,
    ApplicationUserObjectPermission,
    OpportunityApplication,
)
from .opportunity_index_page import OpportunityIndexPage
from .opportunity_preferences import OpportunityPreferences
from .organisation import Organisation, OrganisationMembership
from .speaking_opportunity import SpeakingOpportunity

__all__ = [
    "ApplicationGroupObjectPermission",
    "ApplicationUserObjectPermission",
    "CalendarFeedToken",
    "ConductRating",
    "Engagement",
    "OpportunityApplication",
    "OpportunityIndexPage",
    "OpportunityPreferences",
    "Organisation",
    "OrganisationMembership",
    "SpeakingOpportunity",
]
