"""The demo site, its pages, the safety shell and the error pages."""

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings
from wagtail.models import Page, Site

from content.translations import in_source_language
from home.models import HomePage, SafetySettings, StandardPage
from home.views import server_error
from people.models import User

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent(demo_site):
    from people.models import Audience, ConsentRecord, ExpertiseTopic, StoryPart

    models = [Page, User, Site, Audience, ConsentRecord, ExpertiseTopic, StoryPart]
    counts = [model.objects.count() for model in models]
    # The people demo's own two consents (feature demos add theirs to other audiences).
    people_demo = ConsentRecord.objects.active().filter(audience__name__startswith="Mekong")
    assert people_demo.count() == 2
    call_command("load_demo_data", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [model.objects.count() for model in models] == counts
    site = Site.objects.get()
    assert site.root_page.specific == in_source_language(HomePage.objects).get()
    assert in_source_language(StandardPage.objects).live().count() == 3


def test_demo_accounts_hold_only_the_roles_their_names_say(demo_site):
    from django.core import mail

    from people import roles

    def needs_mfa(email):
        return roles.mfa_required_for(User.objects.get(email=email))

    # Feature demos add memberships; none may turn the survivor leader or the
    # organisation member into a role that must set up two-step verification.
    assert not needs_mfa("leader@example.org")
    assert not needs_mfa("org-member@example.org")
    assert needs_mfa("org-admin@example.org") and needs_mfa("facilitator@example.org")
    assert mail.outbox == []  # building the demo emails nobody


def test_demo_data_refuses_to_run_without_debug(db):
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("load_demo_data")


def test_demo_data_has_one_account_per_role(demo_site):
    roles_present = set(User.objects.values_list("groups__name", flat=True))
    assert {
        "Survivor leaders",
        "Organisation members",
        "Organisation admins",
        "Council facilitators",
        "Site admins",
    } <= roles_present


@pytest.mark.parametrize("path", ["/", "/know-your-rights/", "/safety/", "/about/"])
def test_pages_render_with_the_safety_shell(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'id="quick-exit"' in html
    assert 'data-quick-exit="https://www.bbc.com/weather"' in html
    assert "Global Modern Slavery Directory" in html
    assert 'aria-label="Main"' in html


def test_menu_lists_the_pages_marked_for_menus(client, demo_site):
    html = client.get("/about/").content.decode()
    assert '<a href="/know-your-rights/">Know your rights</a>' in html
    assert '<a href="/about/" aria-current="page">About</a>' in html


def test_quick_exit_target_comes_from_the_safety_setting(client, demo_site):
    safety = SafetySettings.for_site(Site.objects.get())
    safety.quick_exit_url = "https://weather.example.org/today"
    safety.save()
    html = client.get("/").content.decode()
    assert 'data-quick-exit="https://weather.example.org/today"' in html
    assert 'href="https://weather.example.org/today"' in html


def test_not_found_page_is_friendly_and_has_the_quick_exit(client, demo_site):
    response = client.get("/this-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'id="quick-exit"' in html


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'data-quick-exit="https://www.bbc.com/weather"' in html


def test_csrf_failure_page_explains_what_to_do(demo_site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/",
        {"login": "a@example.org", "password": "x"},
        headers={"Referer": "http://testserver/accounts/login/"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please open the form again and send it once more" in html
    # Back leaves the site (one history entry), so the page links to the form.
    assert (
        '<a class="button" href="http://testserver/accounts/login/">Open the form again</a>' in html
    )

    elsewhere = client.post(
        "/accounts/login/", {"login": "a@example.org"}, headers={"Referer": "https://evil.example/"}
    )
    assert "evil.example" not in elsewhere.content.decode()


def test_forbidden_page_is_friendly(client, demo_site, settings):
    from django.core.exceptions import PermissionDenied
    from django.urls import path

    def forbidden(request):
        raise PermissionDenied

    from config import urls

    urlconf = type("urls", (), {"urlpatterns": [path("forbidden/", forbidden), *urls.urlpatterns]})
    with override_settings(ROOT_URLCONF=urlconf):
        response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "This page is not available to you" in response.content.decode()


def test_paragraph_blocks_are_sanitised_on_save():
    from home.blocks import ParagraphBlock

    block = ParagraphBlock()
    value = block.to_python(
        '<p data-block-key="a1">Hello <a href="javascript:alert(1)">x</a></p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    cleaned = block.clean(value).source
    assert "script" not in cleaned
    assert "javascript:" not in cleaned
    assert "onerror" not in cleaned
    assert "Hello" in cleaned
    assert 'data-block-key="a1"' in cleaned
