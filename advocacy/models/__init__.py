from .organisation import Organisation, OrganisationMembership

__all__ = ["Organisation", "OrganisationMembership"]
