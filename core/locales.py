"""Numbers, money and dates in the reader's language, from the Unicode CLDR
data that Babel ships (reviewed by speakers of each language, unlike a list
of our own).

Django's own formats cover dates and numbers for most of the site's
languages; money needs a currency's symbol, name and digits per language,
which Django does not have. Neither has Django the month names of Tagalog or
Burmese, so a date in an email, where every word must be the reader's, is
written from CLDR too. Everything here reads the active language, so it
follows `translation.override()` when an email is built for someone else.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_timezone_location
from babel.numbers import format_currency, get_currency_name
from django.conf import global_settings, settings
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django_countries import countries

# Language codes of the site whose CLDR locale has another name. The site's
# English is British English ("organisation"), and so are its dates
# ("4 Dec 2026, 14:00") and its dollars ("US$", among several dollars).
_CLDR_NAMES = {"en": "en_GB", "tl": "fil"}


def cldr_locale(language: str | None = None) -> Locale:
    """The CLDR locale of `language` (the active language by default)."""
    return _cldr_locale((language or translation.get_language() or settings.LANGUAGE_CODE).lower())


@functools.lru_cache(maxsize=64)
def _cldr_locale(code: str) -> Locale:
    code = _CLDR_NAMES.get(code, code).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    """The name of the language `code` in the reader's language: "Thai",
    "tailandés", "ภาษาไทย"; the code itself for a code nobody knows."""
    languages = cldr_locale().languages
    key = str(code).replace("-", "_")
    name = languages.get(key) or languages.get(key.split("_")[0])
    if not name:
        try:
            name = str(get_language_info(code)["name_translated"])
        except KeyError:
            return str(code)
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows, plus the site's own, named in the reader's
    language and in the reader's alphabetical order. A callable for form and
    model fields, so the names follow the language in use. Made once per
    language and process: CLDR's names never change while it runs."""
    return list(_language_choices(translation.get_language() or settings.LANGUAGE_CODE))


@functools.lru_cache(maxsize=32)
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        codes = {code for code, _name in global_settings.LANGUAGES}
        codes |= {code for code, _name in settings.LANGUAGES}
        named = ((code, language_name(code)) for code in codes)
        return tuple(sorted(named, key=lambda c: c[1].casefold()))


def country_name(code: str) -> str:
    """ "Thailand", "Tailandia", "ประเทศไทย": the country (ISO 3166 code) in
    the reader's language; django-countries' English name where CLDR has none."""
    code = str(code or "").upper()
    if not code:
        return ""
    return cldr_locale().territories.get(code) or str(countries.name(code)) or code


def country_choices() -> list[tuple[str, str]]:
    """Every country django-countries lists, named in the reader's language and
    sorted their way. A callable for form fields, so the names follow the
    language in use (django-countries has no Thai, Khmer, Burmese, Indonesian
    or Tagalog names). Made once per language and process."""
    return list(_country_choices(translation.get_language() or settings.LANGUAGE_CODE))


@functools.lru_cache(maxsize=32)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        named = ((code, country_name(code)) for code, _english in countries)
        return tuple(sorted(named, key=lambda pair: pair[1].casefold()))


def currency_name(code: str) -> str:
    """ "US dollar", "dólar estadounidense", "ดอลลาร์สหรัฐ"."""
    return get_currency_name(code, locale=cldr_locale())


def money(amount: Decimal, currency: str) -> str:
    """An amount in its currency, written the reader's way: "$250.00",
    "250,00 US$", "US$250.00". Currencies without minor units (yen, dong)
    show none."""
    return format_currency(amount, currency, locale=cldr_locale())


def _zone(zone: str | tzinfo | None) -> tzinfo:
    if zone is None:
        return timezone.get_current_timezone()
    if isinstance(zone, str):
        try:
            return ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")
    return zone


def day(value: date | datetime | None, *, style: str = "medium") -> str:
    """A date the reader's way: "4 Dec 2026", "4 dic 2026", "2026 ဒီ 4".
    A moment is shown as its day in the current time zone."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return format_date(value, style, locale=cldr_locale())


def moment(
    value: datetime | None,
    zone: str | tzinfo | None = None,
    *,
    named: bool = False,
    style: str = "medium",
) -> str:
    """A date and time the reader's way, in `zone` (the current time zone by
    default): "4 Dec 2026, 14:00". With `named`, the zone follows in the
    reader's words: "4 Dec 2026, 14:00 (Thailand Time)"."""
    if value is None or value == "":
        return ""
    place = _zone(zone)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, place)
    local = value.astimezone(place)
    locale = cldr_locale()
    text = (
        locale.datetime_formats[style]
        .replace("'", "")
        .format(
            format_time(local, "short", locale=locale), format_date(local, style, locale=locale)
        )
    )
    return f"{text} ({zone_name(place)})" if named else text


def clock(value: datetime | None, zone: str | tzinfo | None = None) -> str:
    """A time of day the reader's way ("14:00", "2:00 PM")."""
    if value is None or value == "":
        return ""
    place = _zone(zone)
    local = value.astimezone(place) if timezone.is_aware(value) else value
    return format_time(local, "short", locale=cldr_locale())


def zone_name(zone: str | tzinfo) -> str:
    """A time zone in the reader's words ("Thailand Time", "เวลาไทย"); UTC is "UTC"."""
    place = _zone(zone)
    key = getattr(place, "key", str(place))
    if key in ("UTC", "Etc/UTC", "GMT"):
        return "UTC"
    return get_timezone_location(place, locale=cldr_locale())


def long_date(value) -> str:
    """A date, or an aware moment's date in its own time zone, written out,
    as emails do: "5 January 2026", "5 de enero de 2026", "Enero 5, 2026"."""
    return format_date(value, "long", locale=cldr_locale())


def date_and_time(value: datetime) -> str:
    """An aware moment's date and time in its own time zone, written out, as
    emails do: "5 January 2026 at 14:00", "14:00 5 tháng 1, 2026"."""
    return moment(value, value.tzinfo, style="long")
