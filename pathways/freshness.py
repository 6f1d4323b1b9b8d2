"""When a remedy page or a deadline needs checking again: survivors' advisory
councils review each page, and editors check each deadline against its source,
at least once every twelve months."""

import datetime

from django.utils import timezone

REVIEW_INTERVAL = datetime.timedelta(days=365)


def today() -> datetime.date:
    return timezone.localdate()


def local_date(moment: datetime.datetime) -> datetime.date:
    """The site's calendar day of `moment` (reviews are recorded as dates)."""
    return timezone.localdate(moment)


def stale_before(on: datetime.date | None = None) -> datetime.date:
    """A review or check made before this date is out of date."""
    return (on or today()) - REVIEW_INTERVAL


def is_stale(checked_on: datetime.date | None, on: datetime.date | None = None) -> bool:
    """Never checked counts as out of date."""
    return checked_on is None or checked_on < stale_before(on)
