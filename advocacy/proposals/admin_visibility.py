"""Which unpublished reform proposals a person may know exist, for the admin.

The rule is `advocacy.proposals.policy.visible_unpublished_proposals()`: the
authors (owner and co-authors), the facilitators of the reviewing council and
site admins. Registered with `people.admin.visibility` in
`AdvocacyConfig.ready()`.
"""

from __future__ import annotations


def unpublished_proposals_known_to(user):
    from .policy import visible_unpublished_proposals

    return visible_unpublished_proposals(user)
