"""Where a person is signed in, and signing out everywhere at once."""

import re

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save

from core.realtime import close_session_sockets, close_user_sockets

from .models import SignInSession
from .models.sign_in import ANY_BROWSER

_BROWSERS = [
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_label(user_agent: str) -> str:
    """A coarse label such as "Firefox on Android"; nothing more is kept."""
    browser = next((name for key, name in _BROWSERS if key in user_agent), ANY_BROWSER)
    system = next((name for key, name in _SYSTEMS if re.search(re.escape(key), user_agent)), "")
    return f"{browser} on {system}" if system else browser


def remember_sign_in(sender, request, user, **kwargs):
    if not request.session.session_key:
        request.session.save()
    SignInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "device": device_label(request.headers.get("User-Agent", ""))},
    )


def forget_sign_in(sender, request, user, **kwargs):
    """Signing out of this device closes the sockets it opened, and only those."""
    key = getattr(request.session, "session_key", None)
    if key:
        SignInSession.objects.filter(session_key=key).delete()
        transaction.on_commit(lambda: close_session_sockets([key], "signed out"))


def end_sessions_of_disabled_account(sender, instance, **kwargs):
    """A disabled account is signed out everywhere and its sockets are closed."""
    if not instance.is_active and instance.pk:
        end_sessions(instance)


def connect_session_signals() -> None:
    from django.contrib.auth import get_user_model

    user_logged_in.connect(remember_sign_in, dispatch_uid="people.remember_sign_in")
    user_logged_out.connect(forget_sign_in, dispatch_uid="people.forget_sign_in")
    post_save.connect(
        end_sessions_of_disabled_account,
        sender=get_user_model(),
        dispatch_uid="people.end_sessions_of_disabled_account",
    )


@transaction.atomic
def end_sessions(user, *, keys=None) -> int:
    """End the given sessions of `user` (all when keys is None) and close the
    person's live sockets. Returns how many sessions were ended."""
    sessions = SignInSession.objects.filter(user=user)
    if keys is not None:
        sessions = sessions.filter(session_key__in=keys)
    session_keys = list(sessions.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=session_keys).delete()
    sessions.delete()
    if keys is None:
        transaction.on_commit(lambda: close_user_sockets(user.pk, "signed out"))
    else:
        transaction.on_commit(lambda: close_session_sockets(session_keys, "signed out"))
    return len(session_keys)
