"""Erasing a person: everything about them goes, in one transaction.

`erase_account(user, public_contributions="delete" | "anonymise")` removes
every piece of personal data this app (and allauth, Wagtail, Django's
sessions) holds about someone:

- their profile (and its photo file), story parts, sign-in sessions, email
  addresses, two-step verification devices, object permissions and the
  access log about them;
- their consent records: every one still in force is first revoked through
  `people.consent.revoke_consent` (so the django-guardian grant goes and
  `consent_withdrawn` fires for feature apps), then the records and their
  events are deleted;
- in the access log of *other* people, rows where they were the viewer stay
  (the other person's log must stay complete) but say "A former member";
- the account itself: "delete" deletes the row; "anonymise" keeps it as a
  tombstone (no email, no name, no password, inactive, no roles) so that
  other people's records (messages, endorsements) still point at something.

Feature apps (councils, campaigns, advocacy) register an eraser with
`register_eraser(name, func)`; `func(user, mode)` deletes or anonymises their
own records and runs first, inside the same transaction. An eraser that raises
rolls everything back, so a person is never left half erased.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from importlib import import_module
from typing import Literal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.realtime import close_user_sockets

from .addresses import email_addresses_of
from .consent import revoke_consent
from .models import (
    ConsentEvent,
    ConsentRecord,
    DisclosureAccess,
    Profile,
    SignInSession,
    StoryPart,
    StoryPartUserObjectPermission,
)

logger = logging.getLogger(__name__)

Mode = Literal["delete", "anonymise"]
DELETE: Mode = "delete"
ANONYMISE: Mode = "anonymise"
MODES: tuple[str, ...] = (DELETE, ANONYMISE)

# Stored, not translated: it is data, shown to whoever reads the record later.
FORMER_MEMBER = "A former member"

# What an anonymised account keeps in each column of the user table. A test
# checks that every column of the user model is listed here, so a field added
# to the model later cannot silently survive an erasure.
TOMBSTONE_FIELDS: dict[str, str] = {
    "id": "kept, so other people's records still point at something",
    "email": "replaced by erased-<random>@invalid",
    "display_name": f"replaced by “{FORMER_MEMBER}”",
    "first_name": "blanked",
    "last_name": "blanked",
    "password": "made unusable",
    "last_login": "cleared",
    "is_active": "set to False",
    "is_staff": "set to False",
    "is_superuser": "set to False",
    "date_joined": "kept (not identifying on its own)",
}

# Wagtail admin rows that are private working state of a person, never a
# contribution: deleted in both modes. (Comments in the page editor are
# contributions: kept under the tombstone, or deleted with the account.)
_PRIVATE_ADMIN_MODELS = (
    ("wagtailusers", "UserProfile", "user"),
    ("wagtailadmin", "EditingSession", "user"),
    ("wagtailadmin", "FormState", "user"),
    ("wagtailcore", "APIToken", "user"),
    ("wagtailcore", "PageSubscription", "user"),
)

Eraser = Callable[[object, str], None]
_erasers: dict[str, Eraser] = {}


class LastSuperuserError(ValueError):
    """Erasing this account would leave the site without an active superuser."""


def register_eraser(name: str, func: Eraser) -> Eraser:
    """Let a feature app delete or anonymise its own records of a person.

    `func(user, mode)` is called inside the erasure transaction, before
    anything of the people app is touched; `mode` is "delete" or "anonymise".
    Registering the same name again replaces the earlier function. Returns
    `func`, so it can be used as a decorator helper.
    """
    if not callable(func):
        raise TypeError(f"The eraser {name!r} must be callable.")
    _erasers[name] = func
    return func


def unregister_eraser(name: str) -> None:
    _erasers.pop(name, None)


def registered_erasers() -> dict[str, Eraser]:
    return dict(_erasers)


def erase_account(user, *, public_contributions: Mode) -> None:
    """Erase `user` for good. See the module docstring for what goes where.

    Raises ValueError for an unknown mode and `LastSuperuserError` (a
    ValueError) when `user` is the last active superuser. After "delete" the
    instance passed in no longer exists in the database; after "anonymise" it
    is refreshed to show the tombstone.
    """
    if public_contributions not in MODES:
        raise ValueError(
            f"public_contributions must be one of {', '.join(MODES)}, not {public_contributions!r}."
        )
    user_model = get_user_model()
    user_id = user.pk
    with transaction.atomic():
        account = user_model.objects.select_for_update().get(pk=user_id)
        _refuse_last_superuser(account)

        for name, eraser in list(_erasers.items()):
            logger.debug("Running eraser %s", name)
            eraser(account, public_contributions)

        files = []
        files += _erase_consents(account)
        files += _erase_people_data(account)
        files += _erase_sign_in_data(account)
        files += _erase_other_apps(account)

        if public_contributions == DELETE:
            account.delete()
        else:
            _make_tombstone(account)

        # Last, so that any database error above leaves every file in place;
        # a storage error here rolls the whole erasure back.
        for storage, name in files:
            storage.delete(name)

        transaction.on_commit(lambda: close_user_sockets(user_id, "account erased"))

    if public_contributions == ANONYMISE:
        user.refresh_from_db()


def _refuse_last_superuser(account) -> None:
    if not (account.is_superuser and account.is_active):
        return
    user_model = type(account)
    others = list(
        user_model.objects.select_for_update()
        .filter(is_superuser=True, is_active=True)
        .exclude(pk=account.pk)
        .values_list("pk", flat=True)
    )
    if not others:
        raise LastSuperuserError(
            "This is the last active superuser account, so it cannot be erased. "
            "Make another account a superuser first."
        )


def _erase_consents(account) -> list:
    records = ConsentRecord.objects.filter(subject=account)
    for record in records.filter(revoked_at__isnull=True).order_by("pk"):
        revoke_consent(record, actor=account)
    ConsentEvent.objects.filter(record__subject=account).delete()
    records.delete()
    return []


def _erase_people_data(account) -> list:
    files = []
    for profile in Profile.objects.filter(user=account):
        if profile.photo:
            files.append((profile.photo.storage, profile.photo.name))
        profile.topics.clear()
        profile.content_warning_topics.clear()
        profile.delete()

    part_ids = list(StoryPart.objects.filter(owner=account).values_list("pk", flat=True))
    _delete_generic_object_permissions(StoryPart, part_ids)
    StoryPart.objects.filter(pk__in=part_ids).delete()  # direct-FK grants cascade

    # The access log about them goes; other people's logs keep the row but
    # no longer name them.
    DisclosureAccess.objects.filter(subject=account).delete()
    DisclosureAccess.objects.filter(viewer=account).update(viewer=None, viewer_label=FORMER_MEMBER)

    StoryPartUserObjectPermission.objects.filter(user=account).delete()
    if apps.is_installed("guardian"):
        from guardian.models import UserObjectPermission

        UserObjectPermission.objects.filter(user=account).delete()
        _delete_generic_object_permissions(type(account), [account.pk])
    return files


def _delete_generic_object_permissions(model, pks) -> None:
    if not pks or not apps.is_installed("guardian"):
        return
    from guardian.models import GroupObjectPermission, UserObjectPermission

    content_type = ContentType.objects.get_for_model(model)
    object_pks = [str(pk) for pk in pks]
    for permission_model in (UserObjectPermission, GroupObjectPermission):
        permission_model.objects.filter(
            content_type=content_type, object_pk__in=object_pks
        ).delete()


def _erase_sign_in_data(account) -> list:
    """Sessions, email addresses and second factors."""
    from allauth.account.models import EmailAddress

    emails = email_addresses_of(account)
    keys = set(SignInSession.objects.filter(user=account).values_list("session_key", flat=True))
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        user_sessions = UserSession.objects.filter(user=account)
        keys |= set(user_sessions.values_list("session_key", flat=True))
        user_sessions.delete()
    _end_sessions(account, keys, emails)
    SignInSession.objects.filter(user=account).delete()

    EmailAddress.objects.filter(user=account).delete()  # confirmations cascade
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=account).delete()
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        SocialAccount.objects.filter(user=account).delete()  # tokens cascade
    return []


def _end_sessions(account, keys: set[str], emails: set[str]) -> None:
    """Delete every server-side session of the person: the ones we know by key,
    and, where sessions live in the database, every session whose data says it
    is theirs (signed in as them, or a half-finished sign-in or reset that
    holds one of their email addresses)."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    get_model_class = getattr(store_class, "get_model_class", None)
    if get_model_class is not None:
        session_model = get_model_class()
        decoder = store_class()
        user_id = str(account.pk)
        rows = session_model.objects.only("session_key", "session_data").iterator(chunk_size=500)
        for row in rows:
            data = decoder.decode(row.session_data)
            if _session_belongs_to(data, user_id, emails):
                keys.add(row.session_key)
    for key in keys:
        store_class(session_key=key).delete()


def _session_belongs_to(data: dict, user_id: str, emails: set[str]) -> bool:
    if not data:
        return False
    if str(data.get("_auth_user_id", "")) == user_id:
        return True
    if str(data.get("account_authentication_methods_user", "")) == user_id:
        return True
    text = json.dumps(data, default=str).casefold()
    return any(email and email in text for email in emails)


def _erase_other_apps(account) -> list:
    files = []
    for app_label, model_name, field in _PRIVATE_ADMIN_MODELS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        rows = model._base_manager.filter(**{field: account})
        if model_name == "UserProfile":
            for profile in rows:
                if getattr(profile, "avatar", None):
                    files.append((profile.avatar.storage, profile.avatar.name))
        rows.delete()

    # Wagtail's audit log of changes *to this account* (made in the admin)
    # carries their name as its label. Entries of what they did themselves
    # stay: Wagtail shows them as "user <id> (deleted)" or the tombstone.
    try:
        log_model = apps.get_model("wagtailcore", "ModelLogEntry")
    except LookupError:
        return files
    log_model._base_manager.filter(
        content_type=ContentType.objects.get_for_model(type(account)),
        object_id=str(account.pk),
    ).delete()
    return files


def _make_tombstone(account) -> None:
    account.email = f"erased-{secrets.token_hex(16)}@invalid"
    account.display_name = FORMER_MEMBER
    account.first_name = ""
    account.last_name = ""
    account.set_unusable_password()
    account.last_login = None
    account.is_active = False
    account.is_staff = False
    account.is_superuser = False
    account.save()
    account.groups.clear()
    account.user_permissions.clear()
