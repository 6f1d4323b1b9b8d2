from .calendar_feed_token import CalendarFeedToken
from .conduct_rating import ConductRating
from .council_review_task import CouncilReviewTask
from .engagement import Engagement
from .opportunity_application import (
    ApplicationGroupObjectPermission,
    ApplicationUserObjectPermission,
    OpportunityApplication,
)
from .opportunity_index_page import OpportunityIndexPage
from .opportunity_preferences import OpportunityPreferences
from .organisation import (
    Organisation,
    OrganisationMembership,
)
from .policy_area import PolicyArea
from .proposal_amendment import ProposalAmendment
from .proposal_endorsement import ProposalEndorsement
from .proposal_index_page import ProposalIndexPage
from .proposal_milestone import ProposalMilestone
from .proposal_transition import ProposalTransition
from .reform_proposal_page import (
    AMENDABLE_SECTIONS,
    JusticePathway,
    ProposalStatus,
    ReformProposalPage,
    ReformProposalUserObjectPermission,
)
from .speaking_opportunity import SpeakingOpportunity

__all__ = [
    "AMENDABLE_SECTIONS",
    "ApplicationGroupObjectPermission",
    "ApplicationUserObjectPermission",
    "CalendarFeedToken",
    "ConductRating",
    "CouncilReviewTask",
    "Engagement",
    "JusticePathway",
    "OpportunityApplication",
    "OpportunityIndexPage",
    "OpportunityPreferences",
    "Organisation",
    "OrganisationMembership",
    "PolicyArea",
    "ProposalAmendment",
    "ProposalEndorsement",
    "ProposalIndexPage",
    "ProposalMilestone",
    "ProposalStatus",
    "ProposalTransition",
    "ReformProposalPage",
    "ReformProposalUserObjectPermission",
    "SpeakingOpportunity",
]
