"""What a survivor's inbox shows of the platform: a neutral sender name, and
for notices a neutral subject and no detail, as set by site admins in the
Safety settings (its model is named by SAFETY_SETTINGS_MODEL, as the user
model is by AUTH_USER_MODEL, because those settings belong to the site as a
whole, above this app)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Used when no site has saved its Safety settings yet, or kept them as they
# came; each is translated into the recipient's language when used.
DEFAULT_SENDER_NAME = gettext_noop("Notices")
DEFAULT_SUBJECT = gettext_noop("You have a new notice")


def _safety_settings(memo: dict | None):
    if memo is not None and "safety_settings" in memo:
        return memo["safety_settings"]
    from wagtail.models import Site

    model = apps.get_model(settings.SAFETY_SETTINGS_MODEL)
    site = Site.objects.filter(is_default_site=True).first()
    found = model.for_site(site) if site is not None else None
    if memo is not None:
        memo["safety_settings"] = found
    return found


def _in_reader_language(value: str, default: str) -> str:
    """A site admin's own wording as written; the default (left as it was, or
    empty) in the language of the email being built."""
    return _(default) if not value or value == default else value


def sender_name(memo: dict | None = None) -> str:
    found = _safety_settings(memo)
    return _in_reader_language(found.email_sender_name if found else "", DEFAULT_SENDER_NAME)


def notice_subject(memo: dict | None = None) -> str:
    found = _safety_settings(memo)
    return _in_reader_language(found.notice_email_subject if found else "", DEFAULT_SUBJECT)
