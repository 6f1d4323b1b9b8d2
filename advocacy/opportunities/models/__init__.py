from .application import (
    ApplicationGroupObjectPermission,
    ApplicationUserObjectPermission,
    OpportunityApplication,
)
from .calendar_feed_token import CalendarFeedToken
from .conduct_rating import ConductRating
from .engagement import Engagement
from .index_page import OpportunityIndexPage
from .preferences import OpportunityPreferences
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
    "SpeakingOpportunity",
]
