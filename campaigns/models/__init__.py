from .campaign_page import CampaignLead, CampaignPage
from .index_page import CampaignIndexPage
from .pledge import Pledge
from .review_task import SurvivorReviewTask
from .topic import PreventionTopic
from .update_page import CampaignUpdatePage

__all__ = [
    "CampaignIndexPage",
    "CampaignLead",
    "CampaignPage",
    "CampaignUpdatePage",
    "Pledge",
    "PreventionTopic",
    "SurvivorReviewTask",
]
