"""Setting up two-step verification without losing one's way.

A person whose role needs a second factor is sent to set it up the moment
they sign in. Two things keep that from being a detour:

- The sign-in they have just made counts as "recent": allauth asks for the
  password again before anyone adds an authenticator (so nobody can add their
  own to an unattended session), but a person who signed in moments ago, with
  no second factor yet, has only just typed it. The window is allauth's own
  ``ACCOUNT_REAUTHENTICATION_TIMEOUT``; after it, the password is asked again.
- Where they were going is remembered in their session (only addresses on this
  site), and the recovery codes page, shown once on the way, offers to
  continue there.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

# Session keys (the session is the person's own; nothing here is shared).
DESTINATION_SESSION_KEY = "people_mfa_setup_destination"
SIGNED_IN_SESSION_KEY = "people_signed_in_without_second_factor"

DEFAULT_REAUTHENTICATION_TIMEOUT = 300


def is_safe_destination(request, url: str | None) -> bool:
    """Only addresses on this site, over the scheme this request came in on."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def remember_destination(request, url: str | None) -> bool:
    """Keep `url` as where the person was going, if it is safe; say whether it was."""
    if not is_safe_destination(request, url):
        return False
    request.session[DESTINATION_SESSION_KEY] = url
    return True


def pending_destination(request) -> str | None:
    """Where the person was going before set-up, if anywhere (checked again)."""
    url = request.session.get(DESTINATION_SESSION_KEY)
    return url if is_safe_destination(request, url) else None


def take_destination(request) -> str | None:
    """The pending destination, forgotten once taken."""
    url = pending_destination(request)
    request.session.pop(DESTINATION_SESSION_KEY, None)
    return url


def record_sign_in_without_second_factor(request, user) -> None:
    """Called at sign-in: note the moment if the person has no second factor yet."""
    from .mfa import has_second_factor

    if has_second_factor(user):
        request.session.pop(SIGNED_IN_SESSION_KEY, None)
        return
    request.session[SIGNED_IN_SESSION_KEY] = {"user": user.pk, "at": time.time()}


def signed_in_moments_ago(request) -> bool:
    """True within the re-authentication window after a sign-in made while the
    person had no second factor: that sign-in was with everything they had."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    record = request.session.get(SIGNED_IN_SESSION_KEY)
    if not isinstance(record, dict) or record.get("user") != user.pk:
        return False
    timeout = getattr(
        settings, "ACCOUNT_REAUTHENTICATION_TIMEOUT", DEFAULT_REAUTHENTICATION_TIMEOUT
    )
    signed_in_at = record.get("at")
    return isinstance(signed_in_at, int | float) and 0 <= time.time() - signed_in_at < timeout


def _on_sign_in(sender, request, user, **kwargs):
    # A destination from an earlier visit is not where this sign-in is going.
    request.session.pop(DESTINATION_SESSION_KEY, None)
    record_sign_in_without_second_factor(request, user)


def connect_mfa_setup_signals() -> None:
    from allauth.account.signals import user_logged_in

    user_logged_in.connect(_on_sign_in, dispatch_uid="people.mfa_setup.sign_in")
