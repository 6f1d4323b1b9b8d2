"""Money and dates in the reader's language, from CLDR."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from advocacy.opportunities.money import currency_choices, format_fee
from core.locales import cldr_locale, date_and_time, long_date


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "US$1,250.50"),
        ("es", "1.250,50\xa0US$"),
        ("th", "US$1,250.50"),
        ("id", "US$1.250,50"),
        ("vi", "1.250,50\xa0US$"),
    ],
)
def test_a_fee_is_written_the_readers_way(language, expected):
    with translation.override(language):
        assert format_fee(Decimal("1250.50"), "USD", unpaid=False) == expected


def test_a_currency_without_minor_units_shows_none():
    with translation.override("en"):
        assert format_fee(Decimal("2500000"), "VND", unpaid=False) == "₫2,500,000"


def test_unpaid_work_says_so_in_the_readers_language():
    with translation.override("en"):
        assert format_fee(None, "", unpaid=True) == "Unpaid"


def test_currency_names_follow_the_language_in_use():
    with translation.override("th"):
        thai = dict(currency_choices())
    with translation.override("en"):
        english = dict(currency_choices())
    assert english["THB"] == "THB - Thai Baht"
    assert thai["THB"] == "THB - บาท"


def test_tagalog_reads_filipino_data_and_an_unknown_language_reads_english():
    assert str(cldr_locale("tl")) == "fil"
    assert str(cldr_locale("xx")) == "en"


def test_dates_and_times_are_written_the_readers_way_in_the_zone_of_the_event():
    from datetime import UTC, date, datetime

    from core.locales import day, moment, zone_name

    event = datetime(2026, 12, 4, 7, 0, tzinfo=UTC)
    with translation.override("en"):
        assert day(date(2026, 12, 4)) == "4 Dec 2026"
        assert moment(event, "Asia/Bangkok") == "4 Dec 2026, 14:00"
        assert zone_name("Asia/Bangkok") == "Thailand Time"
        assert zone_name("UTC") == "UTC"
    with translation.override("es"):
        assert moment(event, "America/Bogota") == "4 dic 2026, 2:00"
        assert zone_name("America/Bogota") == "hora de Colombia"
    with translation.override("th"):
        assert day(date(2026, 12, 4)) == "4 ธ.ค. 2026"
        assert zone_name("Asia/Bangkok") == "เวลาไทย"
    with translation.override("my"):
        assert "ဒီ" in day(date(2026, 12, 4))  # the month in Burmese, never "Dec"


def test_the_date_filters_work_in_every_template(client):
    from datetime import UTC, datetime

    from django.template import engines

    template = engines["django"].from_string(
        "{{ when|day }} · {{ when|moment:zone }} ({{ zone|zone_name }}) · {{ when|clock:zone }}"
    )
    with translation.override("vi"):
        text = template.render(
            {"when": datetime(2026, 12, 4, 7, 0, tzinfo=UTC), "zone": "Asia/Ho_Chi_Minh"}
        )
    assert text == "4 thg 12, 2026 · 14:00 4 thg 12, 2026 (Giờ Việt Nam) · 14:00"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "5 January 2026, 14:00"),
        ("es", "5 de enero de 2026, 14:00"),
        ("vi", "14:00 5 tháng 1, 2026"),
        # Django has no month names in Tagalog or Burmese; CLDR does.
        ("tl", "Enero 5, 2026, 2:00\u202fPM"),
        ("my", "2026 ဇန်နဝါရီ 5 14:00"),
    ],
)
def test_a_moment_is_written_the_readers_way_in_its_own_time_zone(language, expected):
    moment = datetime(2026, 1, 5, 6, 0, tzinfo=UTC).astimezone(ZoneInfo("Asia/Manila"))
    with translation.override(language):
        assert date_and_time(moment) == expected
        assert expected.startswith(long_date(moment)) or expected.endswith(long_date(moment))


def test_countries_are_named_in_the_readers_language_even_where_django_countries_has_none():
    from core.locales import country_choices, country_name

    with translation.override("km"):
        assert country_name("TH") == "ថៃ"
        names = dict(country_choices())
    assert names["VN"] != "Vietnam" and len(names) > 240
    with translation.override("es"):
        assert country_name("US") == "Estados Unidos"
    assert country_name("") == ""
