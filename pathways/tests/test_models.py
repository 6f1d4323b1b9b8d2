"""The data behind justice pathways: taxonomies seeded by migration,
jurisdictions within jurisdictions, and what counts as out of date."""

import pytest

from pathways import freshness
from pathways.factories import (
    JurisdictionFactory,
    RemedyDeadlineFactory,
    RemedyIndexPageFactory,
    RemedyPageFactory,
    checked_days_ago,
)
from pathways.models import HarmKind, Outcome, SupportService

pytestmark = pytest.mark.django_db


def test_a_new_site_starts_with_the_guides_taxonomies():
    assert set(Outcome.objects.values_list("key", flat=True)) >= {
        "compensation",
        "clean-record",
        "immigration-status",
        "safety",
        "acknowledgement",
        "change-for-others",
    }
    assert HarmKind.objects.count() >= 4
    assert SupportService.objects.filter(key="vacatur").exists()


def test_a_state_lies_within_its_country():
    country = JurisdictionFactory(code="us", name="United States (federal)")
    state = JurisdictionFactory(code="us-ca", name="California", parent=country)
    assert state.with_ancestors() == [state, country]
    assert country.with_ancestors() == [country]


@pytest.mark.parametrize(("days", "stale"), [(0, False), (364, False), (365, False), (366, True)])
def test_twelve_months_without_a_check_is_out_of_date(days, stale):
    assert freshness.is_stale(checked_days_ago(days)) is stale


def test_a_page_never_reviewed_and_an_old_deadline_are_out_of_date(home):
    index = RemedyIndexPageFactory(parent=home)
    page = RemedyPageFactory(parent=index)
    old = RemedyDeadlineFactory(page=page, checked_on=checked_days_ago(400))
    fresh = RemedyDeadlineFactory(page=page)
    assert page.review_is_stale
    assert old.check_is_stale
    assert not fresh.check_is_stale
    assert list(page.outcomes.values_list("key", flat=True)) == ["compensation"]
    assert page.harm_kinds.count() == HarmKind.objects.count()


def test_the_first_wording_of_the_managed_lists_is_shown_in_the_readers_language():
    from django.utils import translation

    safety = Outcome.objects.get(key="safety")
    with translation.override("es"):
        assert safety.label not in ("", "Safety")
        assert safety.description_label != safety.description
        assert HarmKind.objects.get(key="domestic").label != "Domestic servitude"
        assert SupportService.objects.get(key="shelter").label != "Shelter"
        # An editor's own words are shown as written.
        safety.name = "Safety from the trafficker"
        assert safety.label == "Safety from the trafficker"
    assert Outcome.objects.get(key="safety").label == "Safety"
