"""Single-use, signed invitation links that a facilitator makes and a person
accepts to join a council."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, permissions
from ..models import Council, Invite, Membership
from .errors import CouncilActionError, require
from .memberships import add_member

__all__ = [
    "INVITE_DAYS",
    "INVITE_SALT",
    "accept_invitation",
    "accept_invite",
    "create_invite",
    "find_invitation",
    "find_invite",
]


INVITE_SALT = "councils.invite"
INVITE_DAYS = 7


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_invite(
    *,
    by,
    council: Council,
    role: str = Membership.Role.MEMBER,
    days=INVITE_DAYS,
    email: str = "",
):
    """A facilitator makes a single-use link; returns (invite, signed_token).

    With `email`, an active account with that address that is not already in
    the council is also sent a notice it can accept the invitation from. The
    facilitator is never told whether there was one: the link is theirs to
    share either way, so nobody can use this to learn who has an account."""
    require(permissions.can_facilitate(permissions.active_membership(by, council.pk)))
    if role not in Membership.Role.values:
        raise CouncilActionError(events.ERROR_INVALID, _("Choose a role."))
    token = secrets.token_urlsafe(24)
    invite = Invite.objects.create(
        council=council,
        role=role,
        token_hash=_token_hash(token),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
        invitee=_account_to_tell(council, email),
    )
    if invite.invitee is not None:
        from ..notices import council_invitation

        council_invitation(invite)
    return invite, signing.dumps({"c": council.pk, "t": token}, salt=INVITE_SALT)


def _account_to_tell(council: Council, email: str):
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or permissions.active_membership(user, council.pk) is not None:
        return None
    return user


def find_invitation(invite_id: int, user) -> Invite | None:
    """The usable invitation addressed to `user` by id, or None."""
    return (
        Invite.objects.select_related("council")
        .filter(
            pk=invite_id,
            invitee=user,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def find_invite(signed_token: str) -> Invite | None:
    """The usable invite behind a link, or None (bad signature, used, expired)."""
    try:
        data = signing.loads(signed_token, salt=INVITE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        return None
    return (
        Invite.objects.select_related("council")
        .filter(
            token_hash=_token_hash(data["t"]),
            council_id=data.get("c"),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def accept_invite(*, user, signed_token: str) -> Membership | None:
    """Join through a link; None when the link is not (or no longer) usable."""
    return _accept(find_invite(signed_token), user)


def accept_invitation(*, user, invite_id: int) -> Membership | None:
    """Join through an invitation addressed to `user`; None when there is none."""
    return _accept(find_invitation(invite_id, user), user)


@transaction.atomic
def _accept(invite: Invite | None, user) -> Membership | None:
    if invite is None:
        return None
    # Mark it used first, guarded by used_at, so two clicks cannot both join.
    claimed = Invite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
        used_at=timezone.now(), used_by=user
    )
    if not claimed:
        return None
    existing = permissions.active_membership(user, invite.council_id)
    if existing is not None:
        return existing
    return add_member(invite.council, user, role=invite.role)
