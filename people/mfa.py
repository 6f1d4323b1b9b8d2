"""The one policy for "this account must use two-step verification"."""

from allauth.mfa.models import Authenticator

from .roles import mfa_required_for


def has_second_factor(user) -> bool:
    """True when the user has TOTP or a security key (recovery codes alone don't count)."""
    return Authenticator.objects.filter(
        user_id=user.pk,
        type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
    ).exists()


def mfa_requirement_met(user) -> bool:
    """False when `user` needs MFA for their role and has not set it up.

    Cached on the user instance for the length of a request or socket.
    """
    if not user.is_authenticated:
        return True
    cached = getattr(user, "_mfa_requirement_met", None)
    if cached is None:
        cached = not mfa_required_for(user) or has_second_factor(user)
        user._mfa_requirement_met = cached
    return cached
