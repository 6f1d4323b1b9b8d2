"""The "Browse safely" help page and its link in every page's footer."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_page_works_without_any_content(client):
    """Only what migrations create: no demo pages, no helplines yet."""
    response = client.get("/browse-safely/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Browse safely</h1>" in html
    for heading in [
        "Leave quickly",
        "The Back button",
        "If JavaScript is turned off",
        "What your browser still keeps",
        "Private windows",
        "On a shared device",
        "Clearing your history",
        "What this site cannot do",
        "Talk to someone",
    ]:
        assert heading in html, heading
    assert "If you are in danger now, call your local emergency number." in html
    assert 'id="quick-exit"' in html


def test_the_demo_helplines_reach_a_reader_in_each_country(client, demo_site):
    for country, line in [
        ("US", 'href="tel:1-888-373-7888"'),
        ("GB", 'href="tel:08000121700"'),
        ("TH", 'href="tel:1300"'),
        ("VN", 'href="tel:111"'),
        ("ID", 'href="tel:129"'),
        ("PH", 'href="tel:1343"'),
        ("KH", 'href="tel:1280"'),
        ("MM", 'href="tel:199"'),
    ]:
        client.post("/helplines/country/", {"country": country, "next": "/browse-safely/"})
        html = client.get("/browse-safely/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert line in footer, country
        assert "Global Modern Slavery Directory" in footer


@pytest.mark.parametrize("path", ["/", "/about/", "/accounts/login/", "/no-such-page/"])
def test_every_page_links_to_it_from_the_footer(client, demo_site, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/browse-safely/">Browse safely</a>' in footer


def test_the_page_has_an_address_in_each_language(client):
    with translation.override("es"):
        assert reverse("home:browse_safely") == "/es/browse-safely/"
    response = client.get("/es/browse-safely/")
    assert response.status_code == 200
    assert '<html lang="es"' in response.content.decode()
