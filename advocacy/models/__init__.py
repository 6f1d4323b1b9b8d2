from .council_review_task import CouncilReviewTask
from .organisation import Organisation, OrganisationMembership
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

__all__ = [
    "AMENDABLE_SECTIONS",
    "CouncilReviewTask",
    "JusticePathway",
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
]
