"""Finding the council a request is about, and refusing everyone who may not
see it (404, so that a private council's existence is not revealed)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Council, Membership


def membership_or_404(request, slug: str) -> Membership:
    council = get_object_or_404(Council, slug=slug)
    membership = permissions.active_membership(request.user, council.pk)
    if not permissions.can_read(membership):
        raise Http404
    return membership


def facilitator_or_404(request, slug: str) -> Membership:
    membership = membership_or_404(request, slug)
    if not permissions.can_facilitate(membership):
        raise Http404
    return membership
