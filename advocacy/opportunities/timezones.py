"""Event times: stored in UTC with the event's own zone name, shown in that zone."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


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
