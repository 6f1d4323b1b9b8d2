"""A copy of everything the platform keeps about a person, as one zip file.

`build_export(user)` returns the bytes of a zip holding:

- `data.json`: every section below, machine-readable, with a top-level
  `format_version`, `generated_at` and a `documentation` object that says
  what each section means;
- `files/`: the files they uploaded (their profile photo);
- `README.txt`: the same explanation in plain words.

Never exported: password hashes, two-step verification secrets or recovery
codes, session keys, and anything about other people beyond what the person
was already shown (the name an organisation member used when opening
something they shared).

Feature apps add their own section with `register_exporter(name, func)`,
where `func(user)` returns something JSON-serialisable; it appears under
`data["features"][name]`. The people app never imports them.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.locales import country_name

from .models import (
    Audience,
    ConsentRecord,
    DisclosureAccess,
    Profile,
    SignInSession,
    StoryPart,
)
from .visibility import PROFILE_FIELDS

FORMAT_VERSION = "1.0"
PHOTO_DIR = "files/"

DOCUMENTATION: dict[str, str] = {
    "format_version": gettext_lazy(
        "Version of this file's layout. Changes only when fields are renamed "
        "or removed; new fields may be added at any time."
    ),
    "generated_at": gettext_lazy("When this copy was made (ISO 8601, UTC)."),
    "account": gettext_lazy(
        "Your sign-in account: email addresses, name, dates, roles, the groups you act "
        "for, and which kinds of two-step verification you use (never their secrets)."
    ),
    "profile": gettext_lazy(
        "Your profile: every field, who may see each one (visibility), your names for "
        "each place (pseudonyms), your topics, region and preferences. null if you never saved one."
    ),
    "story_parts": gettext_lazy("Every part of your story in the story vault."),
    "consents": gettext_lazy(
        "Every permission you gave: what, to whom (an organisation, council, campaign "
        "or proposal, or the public), for what purpose, when it was given, when it ends, when you "
        "took it back, and its history (events)."
    ),
    "access_log": gettext_lazy(
        "Each time someone acting for an organisation or group opened something you "
        "shared: who, for which group, what, and when."
    ),
    "sign_ins": gettext_lazy(
        "Where you are signed in now: the kind of device and since when. We never keep "
        "where you are."
    ),
    "features": gettext_lazy(
        "Sections added by other parts of the platform (such as councils and "
        "campaigns), each under its own name."
    ),
    "files": gettext_lazy("Files in this zip (paths inside it), such as your profile photo."),
}

Exporter = Callable[[Any], Any]
_exporters: dict[str, Exporter] = {}


def register_exporter(name: str, func: Exporter) -> Exporter:
    """Add a section to everyone's export: `func(user)` -> JSON-serialisable.

    Registering the same name again replaces the earlier function.
    """
    if not callable(func):
        raise TypeError(f"The exporter {name!r} must be callable.")
    _exporters[name] = func
    return func


def unregister_exporter(name: str) -> None:
    _exporters.pop(name, None)


def registered_exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def build_export(user) -> bytes:
    """The zip file of everything about `user`, built in memory."""
    now = timezone.now()
    files: dict[str, bytes] = {}
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related("topics", "content_warning_topics")
        .first()
    )
    data = {
        "format_version": FORMAT_VERSION,
        "generated_at": now,
        "documentation": DOCUMENTATION,
        "account": _account(user, profile),
        "profile": _profile(profile, files),
        "story_parts": _story_parts(user),
        "consents": _consents(user),
        "access_log": _access_log(user),
        "sign_ins": _sign_ins(user),
        "features": {name: func(user) for name, func in sorted(_exporters.items())},
        "files": sorted(files),
    }
    document = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)

    buffer = io.BytesIO()
    stamp = timezone.localtime(now).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("README.txt", stamp), _readme())
        archive.writestr(_entry("data.json", stamp), document.encode("utf-8"))
        for path, content in sorted(files.items()):
            archive.writestr(_entry(path, stamp), content)
    return buffer.getvalue()


def _entry(name: str, stamp) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _readme() -> bytes:
    lines = [
        _("Your data from the Survivor Leadership Platform"),
        "",
        _(
            "This is a copy of everything the platform keeps about you. Keep it somewhere "
            "safe: it holds your story and everything you shared."
        ),
        "",
        _(
            "data.json holds it all in a format other programs can read. Its "
            '"documentation" part explains each section:'
        ),
        "",
    ]
    lines += [f"- {name}: {text}" for name, text in DOCUMENTATION.items()]
    lines += ["", _("files/ holds the files you uploaded, such as your profile photo."), ""]
    return "\n".join(lines).encode("utf-8")


def _audience(audience: Audience | None) -> dict | None:
    if audience is None:
        return None
    return {"kind": audience.kind, "name": audience.name}


def _account(user, profile: Profile | None) -> dict:
    from allauth.account.models import EmailAddress

    groups = Group.objects.filter(user=user).order_by("name")
    audience_group_ids = set(
        Audience.objects.filter(group__in=groups).values_list("group_id", flat=True)
    )
    roles = [group.name for group in groups if group.pk not in audience_group_ids]
    acting_for = [
        _audience(audience)
        for audience in Audience.objects.filter(group__user=user).order_by("kind", "name")
    ]
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "language": profile.preferred_language if profile else "",
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "roles": roles,
        "acting_for": acting_for,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "two_step_verification": _mfa(user),
    }


def _mfa(user) -> dict:
    """Which kinds of second factor are set up, and when: never `data`, which
    holds the TOTP secret, the recovery-code seed and key material."""
    from allauth.mfa.models import Authenticator

    authenticators = []
    for authenticator in Authenticator.objects.filter(user=user).order_by("type", "created_at"):
        entry = {
            "kind": authenticator.type,
            "created_at": authenticator.created_at,
            "last_used_at": authenticator.last_used_at,
        }
        if authenticator.type == Authenticator.Type.WEBAUTHN:
            entry["name"] = str((authenticator.data or {}).get("name", ""))
        authenticators.append(entry)
    second_factors = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}
    return {
        "enabled": any(a["kind"] in second_factors for a in authenticators),
        "kinds": sorted({a["kind"] for a in authenticators}),
        "authenticators": authenticators,
    }


def _profile(profile: Profile | None, files: dict[str, bytes]) -> dict | None:
    if profile is None:
        return None
    photo_path = None
    if profile.photo:
        try:
            with profile.photo.storage.open(profile.photo.name, "rb") as handle:
                content = handle.read()
        except OSError:
            photo_path = None
        else:
            photo_path = PHOTO_DIR + "profile-photo" + os.path.splitext(profile.photo.name)[1]
            files[photo_path] = content
    return {
        "pronouns": profile.pronouns,
        "bio": profile.bio,
        "topics": [topic.name for topic in profile.topics.all()],
        "languages": list(profile.languages or []),
        "country_code": profile.country.code if profile.country else "",
        "country": country_name(profile.country.code) if profile.country else "",
        "subdivision": profile.subdivision,
        "available_for_speaking": profile.available_for_speaking,
        "availability_note": profile.availability_note,
        "photo": photo_path,
        "visibility": {name: profile.visibility_of(name) for name in PROFILE_FIELDS},
        "pseudonyms": {
            "public": profile.public_pseudonym,
            "council": profile.council_pseudonym,
            "application": profile.application_pseudonym,
        },
        "in_directory": profile.in_directory,
        "preferences": {
            "language": profile.preferred_language,
            "collapse_content_about": [t.name for t in profile.content_warning_topics.all()],
            "has_chosen_what_to_collapse": profile.content_warnings_chosen,
            "notify_opportunity_digest": profile.notify_opportunity_digest,
            "helpline_country": profile.helpline_country,
        },
        "updated_at": profile.updated_at,
    }


def _story_parts(user) -> list[dict]:
    return [
        {
            "id": part.pk,
            "title": part.title,
            "body": part.body,
            "position": part.position,
            "never_share": part.never_share,
            "created_at": part.created_at,
            "updated_at": part.updated_at,
        }
        for part in StoryPart.objects.filter(owner=user).order_by("position", "pk")
    ]


def _consents(user) -> list[dict]:
    records = (
        ConsentRecord.objects.filter(subject=user)
        .select_related("audience", "story_part", "context_type")
        .prefetch_related("events")
        .order_by("granted_at", "pk")
    )
    result = []
    for record in records:
        context = None
        if record.context_type_id:
            context = {
                "type": f"{record.context_type.app_label}.{record.context_type.model}",
                "id": record.context_id,
            }
        result.append(
            {
                "id": record.pk,
                "what": record.kind,
                "field": record.field_name,
                "story_part": (
                    {"id": record.story_part_id, "title": record.story_part.title}
                    if record.story_part_id
                    else None
                ),
                "text": record.text,
                "to": _audience(record.audience) or {"kind": "public", "name": _("the public")},
                "context": context,
                "purpose": record.purpose,
                "purpose_language": record.language,
                "granted_at": record.granted_at,
                "expires_at": record.expires_at,
                "revoked_at": record.revoked_at,
                "status": record.status,
                "events": [
                    {
                        "action": event.action,
                        "at": event.at,
                        "by_you": event.actor_id == user.pk,
                    }
                    for event in record.events.all()
                ],
            }
        )
    return result


def _access_log(user) -> list[dict]:
    entries = (
        DisclosureAccess.objects.filter(subject=user)
        .select_related("audience")
        .order_by("at", "pk")
    )
    return [
        {
            "who": entry.viewer_label,
            "acting_for": _audience(entry.audience),
            "what": entry.what,
            "at": entry.at,
        }
        for entry in entries
    ]


def _sign_ins(user) -> list[dict]:
    return [
        {"device": sign_in.device, "signed_in_at": sign_in.created_at}
        for sign_in in SignInSession.objects.filter(user=user).order_by("created_at")
    ]
