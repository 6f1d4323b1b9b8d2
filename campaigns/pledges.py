"""Pledging: submit, confirm by a signed link, count, reach the goal, unsubscribe.

A pledge counts only once its email link is confirmed. The same address
pledging again changes nothing (one row per campaign and address), and the
page says the same thing whether the address is new or not, so nobody can
use the form to find out whether someone pledged. Attempts are rate-limited
per IP address and per email address through the cache.
"""

from __future__ import annotations

import base64

from allauth.account.adapter import get_adapter
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from core import page_cache, rate_limits
from notifications.outbox import queue_email

from .emails import PLEDGE_RECEIVED
from .models import CampaignPage, Pledge

CONFIRM_SALT = "campaigns.pledge.confirm"
UNSUBSCRIBE_SALT = "campaigns.pledge.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365

# (attempts, seconds): generous for people, tight for scripts.
RATE_LIMIT_PER_IP = (10, 60 * 60)
RATE_LIMIT_PER_EMAIL = (3, 60 * 60)


def _consume(key: str, limit: tuple[int, int]) -> bool:
    """Count one attempt against `key`; False once over the limit."""
    attempts, window = limit
    return rate_limits.count(key, window) <= attempts


def allow_attempt(request, email: str | None) -> bool:
    """Rate limits per IP address and, once known, per email address."""
    # The same client address allauth's sign-in rate limits use (it knows
    # how many proxies to trust), so both limits agree on who someone is.
    ip = get_adapter(request).get_client_ip(request)
    allowed = _consume(f"campaigns:pledge:ip:{ip}", RATE_LIMIT_PER_IP)
    if email:
        allowed = _consume(f"campaigns:pledge:email:{email}", RATE_LIMIT_PER_EMAIL) and allowed
    return allowed


def _signed(pledge: Pledge, salt: str) -> str:
    # Wagtail page addresses allow only letters, digits, "_" and "-" in each
    # part, so the signed value (which holds ":") travels base64-encoded.
    token = signing.dumps({"pledge": pledge.pk}, salt=salt)
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


def confirmation_token(pledge: Pledge) -> str:
    return _signed(pledge, CONFIRM_SALT)


def unsubscribe_token(pledge: Pledge) -> str:
    return _signed(pledge, UNSUBSCRIBE_SALT)


def pledge_from_token(token: str, *, salt: str, max_age: int) -> Pledge | None:
    """The pledge a signed link is for; None if it is forged, expired or gone."""
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode()).decode()
        data = signing.loads(signed, salt=salt, max_age=max_age)
    except (ValueError, signing.BadSignature):  # binascii.Error and bad UTF-8 are ValueErrors
        return None
    if not isinstance(data, dict):
        return None
    return Pledge.objects.filter(pk=data.get("pledge")).select_related("campaign").first()


def submit_pledge(request, campaign: CampaignPage, cleaned_data: dict) -> Pledge:
    """Create the pledge (or find the existing one) and email the right link."""
    email = cleaned_data["email"]
    try:
        with transaction.atomic():
            pledge, created = Pledge.objects.get_or_create(
                campaign=campaign,
                email=email,
                defaults={
                    "display_name": cleaned_data.get("display_name", ""),
                    "organisation": cleaned_data.get("organisation", ""),
                    "contact_consent": cleaned_data.get("contact_consent", False),
                    "language": translation.get_language() or "",
                },
            )
    except IntegrityError:  # two submissions at once: the other one won
        pledge, created = Pledge.objects.get(campaign=campaign, email=email), False
    # Written when it is sent, in the language the form was filled in, with
    # links to the address the pledger used.
    queue_email(
        PLEDGE_RECEIVED,
        address=pledge.email,
        language=translation.get_language() or "",
        params={"pledge": pledge.pk, "created": created, "site": request.build_absolute_uri("/")},
    )
    return pledge


def confirm_pledge(pledge: Pledge) -> bool:
    """Count the pledge (once). Returns True if this call confirmed it."""
    with transaction.atomic():
        updated = Pledge.objects.filter(pk=pledge.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        if not updated:
            return False
        CampaignPage.objects.filter(pk=pledge.campaign_id).update(
            confirmed_pledge_count=F("confirmed_pledge_count") + 1
        )
        # The count shows on the campaign's page and on its cards.
        page_cache.invalidate(page_cache.page_tag(pledge.campaign_id))
    from .progress import check_goal_reached

    check_goal_reached(CampaignPage.objects.get(pk=pledge.campaign_id))
    return True


def unsubscribe(pledge: Pledge) -> None:
    if pledge.unsubscribed_at is None:
        pledge.unsubscribed_at = timezone.now()
        pledge.save(update_fields=["unsubscribed_at"])
