"""Helplines where the reader is: the country is the reader's choice, never a
guess from their connection.

The footer of every page shows the Safety setting's helplines for the
reader's chosen country, then those that help anywhere. A country with no
entry shows only the international ones. The choice is remembered like the
content-warning choice: on the profile for members (so a new phone shows it
at once) and in a cookie for visitors. Nothing reads the IP address or any
header that names a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django_countries import countries

from core.locales import country_name
from people.models import Profile
from people.reader_choices import forget_cookie, remember_in_cookie

COOKIE_NAME = "helpline_country"
# What a reader picks when their country has no entry of its own.
ELSEWHERE = "elsewhere"
_CACHE_ATTRIBUTE = "_helpline_country"


@dataclass
class Helplines:
    country: str  # the chosen country code, ELSEWHERE, or "" (not chosen yet)
    local: list = field(default_factory=list)
    international: list = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # those with an entry

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country not in ("", ELSEWHERE) else ""


def _valid(code: str) -> str:
    code = (code or "").strip()
    if code == ELSEWHERE:
        return code
    code = code.upper()
    return code if code in countries else ""


def chosen_country(request) -> str:
    """The reader's chosen country code, ELSEWHERE, or "" when not chosen."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        stored = (
            Profile.objects.filter(user=user).values_list("helpline_country", flat=True).first()
        )
    else:
        stored = request.COOKIES.get(COOKIE_NAME, "")
    chosen = _valid(stored or "")
    setattr(request, _CACHE_ATTRIBUTE, chosen)
    return chosen


def is_valid_choice(code: str) -> bool:
    """A country code, ELSEWHERE, or "" (forget the choice)."""
    return code in ("", ELSEWHERE) or code.upper() in countries


def save_choice(request, response, code: str) -> None:
    """Remember the reader's country ("" forgets it)."""
    code = _valid(code)
    user = request.user
    if user.is_authenticated:
        profile = Profile.for_user(user)
        profile.helpline_country = code
        profile.save(update_fields=["helpline_country", "updated_at"])
    elif code:
        remember_in_cookie(response, COOKIE_NAME, code)
    else:
        forget_cookie(response, COOKIE_NAME)
    setattr(request, _CACHE_ATTRIBUTE, code)


def helplines_for(entries, country: str) -> Helplines:
    """Split the Safety setting's helplines for a reader in `country`."""
    values = [entry.value if hasattr(entry, "value") else entry for entry in entries]
    local = [line for line in values if line.get("country") and line["country"] == country]
    international = [line for line in values if not line.get("country")]
    codes = sorted({line["country"] for line in values if line.get("country")})
    named = sorted(
        ((code, country_name(code)) for code in codes), key=lambda pair: pair[1].casefold()
    )
    return Helplines(country=country, local=local, international=international, countries=named)
