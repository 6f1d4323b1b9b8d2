"""The directory of legal and support services in a real browser with
JavaScript switched off: a visitor without an account filters the list with
plain selects and a button, pages keep the choices, and "Clear" starts over."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def make_directory():
    from advocacy.organisations.factories import OrganisationFactory
    from pathways.factories import JurisdictionFactory, ServiceListingFactory
    from pathways.models import ServiceCost, SupportService

    # Demo data may hold these places already: they are found by code.
    us = JurisdictionFactory(code="us", name="United States")
    california = JurisdictionFactory(code="us-ca", name="California", parent=us)
    texas = JurisdictionFactory(code="us-tx", name="Texas", parent=us)
    vacatur = SupportService.objects.get(key="vacatur")
    shelter = SupportService.objects.get(key="shelter")

    def listing(name, places, services, languages, cost=ServiceCost.FREE, verified=True):
        organisation = OrganisationFactory(
            name=name, slug=name.lower().replace(" ", "-"), verified=verified
        )
        ServiceListingFactory(
            organisation=organisation,
            jurisdictions=places,
            services=services,
            languages=languages,
            cost=cost,
        )

    listing("Golden Bay Record Clinic", [california], [vacatur], ["en", "es"])
    listing("Nationwide Record Relief", [us], [vacatur], ["en"], cost=ServiceCost.SLIDING)
    listing("Gulf Coast Safe House", [texas], [shelter], ["en"])
    listing("Pending Review Legal", [california], [vacatur], ["en"], verified=False)


def shown(page) -> list[str]:
    return page.locator("article.directory-entry h3").all_inner_texts()


def test_a_visitor_filters_the_directory_without_javascript(browser, live_site):
    make_directory()
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        response = page.goto("/pathways/services/")
        assert response.status == 200
        everything = shown(page)
        assert "Golden Bay Record Clinic" in everything
        assert "Pending Review Legal" not in everything

        page.get_by_label("Where you are").select_option("us-ca")
        page.get_by_label("Kind of help").select_option("vacatur")
        with page.expect_navigation():
            page.get_by_role("button", name="Show services").click()
        assert "jurisdiction=us-ca" in page.url and "service=vacatur" in page.url
        results = shown(page)
        # California's own clinic and the nationwide service; not Texas, never unverified.
        assert "Golden Bay Record Clinic" in results
        assert "Nationwide Record Relief" in results
        assert "Gulf Coast Safe House" not in results
        assert "Pending Review Legal" not in results
        # The choices stay chosen, so the visitor can refine them.
        assert page.get_by_label("Where you are").input_value() == "us-ca"

        page.get_by_label("Language they work in").select_option("es")
        page.get_by_label("Cost").select_option("free")
        with page.expect_navigation():
            page.get_by_role("button", name="Show services").click()
        assert shown(page) == ["Golden Bay Record Clinic"]
        clinic = page.locator("article.directory-entry").first
        assert "English, Spanish" in clinic.inner_text()

        with page.expect_navigation():
            page.get_by_role("link", name="Clear").click()
        assert page.url.endswith("/pathways/services/")
        assert page.get_by_label("Where you are").input_value() == ""
        assert len(shown(page)) >= 3

        page.goto("/pathways/services/?jurisdiction=atlantis&cost=free")
        assert "We do not know the place “atlantis”." in page.locator("main").inner_text()
    finally:
        context.close()
