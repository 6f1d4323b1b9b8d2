"""Event times: stored in UTC with the event's own zone name, shown in that zone."""

import zoneinfo
from functools import cache, lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from core.locales import zone_name


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@lru_cache(maxsize=len(settings.LANGUAGES))
def _named_choices(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        return tuple((name, f"{zone_name(name)} ({name})") for name in time_zone_names())


def time_zone_choices() -> tuple[tuple[str, str], ...]:
    """Every zone, named in the reader's words with its identifier after
    ("Thailand Time (Asia/Bangkok)", "เวลาประเทศไทย (Asia/Bangkok)"); a
    callable for form fields, read once per language."""
    return _named_choices(translation.get_language() or settings.LANGUAGE_CODE)


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(zone)s” is not a time zone we know. Use a name like Europe/London.")
            % {"zone": value}
        )


def in_zone(moment, zone_name: str):
    """`moment` (aware) as local time in `zone_name`."""
    if moment is None:
        return None
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name or "UTC"))
