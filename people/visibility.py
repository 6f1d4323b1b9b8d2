"""Who may see which profile field: the vocabulary of visibility levels.

The decision itself lives in `people.policy`; this module only names things,
so that models, forms and the policy agree on one list.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """How far one profile field reaches. Not a strict ladder: "my councils" and
    "organisations I applied to" are separate circles inside "signed-in members"."""

    ONLY_ME = "only_me", _("Only me")
    COUNCILS = "councils", _("My councils")
    ORGANISATIONS = "organisations", _("Organisations I applied to")
    MEMBERS = "members", _("Signed-in members")
    PUBLIC = "public", _("Everyone")


# Every profile field that has its own visibility, with its label.
PROFILE_FIELDS: dict[str, str] = {
    "display_name": _("Display name"),
    "pronouns": _("Pronouns"),
    "bio": _("About me"),
    "topics": _("Topics of expertise"),
    "languages": _("Languages"),
    "region": _("Region"),
    "availability": _("Availability for speaking"),
    "photo": _("Photo"),
}

# Private until the person decides otherwise.
DEFAULT_VISIBILITY: dict[str, str] = dict.fromkeys(PROFILE_FIELDS, Visibility.ONLY_ME.value)


class NameContext(models.TextChoices):
    """Places where a person can appear under a different name."""

    PUBLIC = "public", _("Public pages (campaigns, proposals)")
    COUNCIL = "council", _("Advisory councils")
    APPLICATION = "application", _("Applications to organisations")
