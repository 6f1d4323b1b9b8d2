from .amendment import ProposalAmendment
from .council_review_task import CouncilReviewTask
from .endorsement import ProposalEndorsement
from .index_page import ProposalIndexPage
from .milestone import ProposalMilestone
from .policy_area import PolicyArea
from .reform_proposal_page import (
    AMENDABLE_SECTIONS,
    ProposalStatus,
    ReformProposalPage,
    ReformProposalUserObjectPermission,
)
from .transition import ProposalTransition

__all__ = [
    "AMENDABLE_SECTIONS",
    "CouncilReviewTask",
    "PolicyArea",
    "ProposalAmendment",
    "ProposalEndorsement",
    "ProposalIndexPage",
    "ProposalMilestone",
    "ProposalStatus",
    "ProposalTransition",
    "ReformProposalPage",
    "ReformProposalUserObjectPermission",
]
