from content.justice_pathways import JusticePathway

from .harm_kind import HarmKind
from .jurisdiction import Jurisdiction
from .lawyer_question import LawyerQuestion
from .outcome import Outcome
from .related_campaign import RelatedCampaign
from .remedy_council_review_task import RemedyCouncilReviewTask
from .remedy_deadline import RemedyDeadline
from .remedy_index_page import RemedyIndexPage
from .remedy_page import Cost, Demand, RemedyPage, TimeNeeded
from .remedy_source import RemedySource
from .service_language import ServiceLanguage
from .service_listing import ServiceCost, ServiceListing
from .support_service import SupportService

__all__ = [
    "Cost",
    "Demand",
    "HarmKind",
    "Jurisdiction",
    "JusticePathway",
    "LawyerQuestion",
    "Outcome",
    "RelatedCampaign",
    "RemedyCouncilReviewTask",
    "RemedyDeadline",
    "RemedyIndexPage",
    "RemedyPage",
    "RemedySource",
    "ServiceCost",
    "ServiceLanguage",
    "ServiceListing",
    "SupportService",
    "TimeNeeded",
]
