from .membership import OrganisationMembership
from .organisation import Organisation

__all__ = [
    "Organisation",
    "OrganisationMembership",
]
