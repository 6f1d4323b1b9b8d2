"""Pages in every language (content/translations.py): one address per page,
the translation's words when one is published, the source marked as such
when none is, and everything people do kept on the source page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, PledgeFactory
from campaigns.jobs import flag_stale_campaigns
from campaigns.models import CampaignPage, Pledge
from campaigns.policy import campaigns_led_by
from content.translations import (
    TranslatedCopyNotSaved,
    in_language,
    in_source_language,
    source_page,
)
from people import roles
from people.translators import set_up_translators

pytestmark = pytest.mark.django_db


def translate(page, language, **words):
    """What a translator leaves: a published page in `language`'s tree."""
    translation_page = page.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True
    ).specific
    for name, value in words.items():
        setattr(translation_page, name, value)
    translation_page.save_revision().publish()
    return Page.objects.get(pk=translation_page.pk).specific


@pytest.fixture
def index(home):
    return CampaignIndexPageFactory(parent=home, title="Campaigns", slug="campaigns")


@pytest.fixture
def campaign(index, leader_a):
    return CampaignPageFactory(
        parent=index,
        owner=leader_a,
        title="Spot a fake job offer",
        slug="spot-a-fake-job-offer",
        summary="Know the signs before you travel.",
    )


@pytest.fixture
def spanish(campaign):
    translate(campaign.get_parent().get_parent().specific, "es", title="Inicio")
    translate(campaign.get_parent().specific, "es", title="Campañas")
    return translate(
        campaign,
        "es",
        title="Reconozca una oferta de trabajo falsa",
        summary="Conozca las señales antes de viajar.",
        slug="reconozca-una-oferta-falsa",
    )


CAMPAIGN = "/campaigns/spot-a-fake-job-offer/"


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


def test_a_translated_page_shows_its_words_at_the_source_address(client, campaign, spanish):
    html = client.get(f"/es{CAMPAIGN}").content.decode()
    assert '<html lang="es"' in html
    assert ">Reconozca una oferta de trabajo falsa</h1>" in h1(html)
    assert 'lang="en"' not in h1(html)
    assert "Conozca las señales antes de viajar." in html
    assert "translation-note" not in html
    # The translation's own address is its source's, in its language, even
    # though the translator gave it another slug.
    assert spanish.url == f"/es{CAMPAIGN}"
    assert client.get(spanish.url).status_code == 200
    # Links on the page keep the reader in Spanish.
    assert 'href="/es/"' in html


def test_a_page_without_a_translation_says_so_and_marks_its_words(client, campaign, spanish):
    html = client.get(f"/th{CAMPAIGN}").content.decode()
    assert '<html lang="th"' in html
    assert h1(html).startswith('<h1 lang="en">')
    assert "Spot a fake job offer" in h1(html)
    assert 'class="translation-note"' in html
    # English readers read English, with nothing to say about it.
    html = client.get(CAMPAIGN).content.decode()
    assert "translation-note" not in html and h1(html).startswith("<h1>")


def test_a_draft_translation_is_not_shown_to_readers(client, campaign, spanish):
    spanish.unpublish()
    html = client.get(f"/es{CAMPAIGN}").content.decode()
    assert "Reconozca" not in html
    assert 'class="translation-note"' in html


def test_parents_copied_for_a_translation_are_not_taken_for_translations(client, campaign):
    # Translating a page first makes its parents aliases in that language's tree.
    translate(campaign, "th", title="สังเกตข้อเสนองานปลอม")
    assert Page.objects.filter(locale__language_code="th", alias_of__isnull=False).count() == 2
    html = client.get(f"/th{CAMPAIGN}").content.decode()
    assert ">สังเกตข้อเสนองานปลอม</h1>" in h1(html)
    html = client.get("/th/campaigns/").content.decode()
    assert h1(html).startswith('<h1 lang="en">') and 'class="translation-note"' in html
    assert "สังเกตข้อเสนองานปลอม" in html


def test_pledges_made_in_another_language_belong_to_the_source_page(client, campaign, spanish):
    response = client.post(
        f"/es{CAMPAIGN}pledge/",
        {"display_name": "Mai", "email": "mai@example.net", "organisation": ""},
    )
    assert response.status_code in (200, 302)
    assert Pledge.objects.get().campaign_id == campaign.pk
    assert not Pledge.objects.filter(campaign_id=spanish.pk).exists()
    assert mail.outbox, "the confirmation email went out"
    PledgeFactory(campaign=campaign, confirmed=True)
    campaign.refresh_from_db()
    html = client.get(f"/es{CAMPAIGN}").content.decode()
    assert "Reconozca" in html


def test_lists_show_each_page_once_in_the_readers_language(client, index, campaign, spanish):
    html = client.get("/es/campaigns/").content.decode()
    assert html.count("Reconozca una oferta de trabajo falsa") == 1
    assert "Spot a fake job offer" not in html
    assert ">Campañas</h1>" in html
    # Thai has no translation: each campaign once, in English, marked.
    html = client.get("/th/campaigns/").content.decode()
    assert html.count("Spot a fake job offer") == 1
    assert re.search(r'<h3 lang="en"><a href="/th/campaigns/spot-a-fake-job-offer/">', html)


def test_search_finds_a_page_by_its_translations_words_once(client, campaign, spanish):
    html = client.get("/es/search/", {"q": "Reconozca"}).content.decode()
    assert html.count(f'href="/es{CAMPAIGN}"') == 1
    html = client.get("/es/search/", {"q": "fake job offer"}).content.decode()
    assert html.count(f'href="/es{CAMPAIGN}"') == 1


def test_translations_are_not_more_campaigns(campaign, spanish, leader_a):
    assert list(campaigns_led_by(leader_a)) == [campaign]
    assert list(in_source_language(CampaignPage.objects.all())) == [campaign]
    assert source_page(spanish).pk == campaign.pk
    # Jobs read each campaign once (this one is fresh: nothing flagged).
    assert flag_stale_campaigns() == 0
    # A translation starts nothing of its own: no audience of its own.
    spanish.refresh_from_db()
    assert spanish.audience_id is None


def test_a_page_shown_in_a_translation_is_never_saved_over_its_source(campaign, spanish):
    with translation.override("es"):
        shown = in_language(campaign)
    assert shown.title == "Reconozca una oferta de trabajo falsa"
    with pytest.raises(TranslatedCopyNotSaved):
        shown.save()
    campaign.refresh_from_db()
    assert campaign.title == "Spot a fake job offer"


def test_previewing_a_translation_shows_its_words_on_the_source_page(rf, spanish, user_factory):
    draft = spanish.get_latest_revision_as_object()
    draft.title = "Borrador del título"
    request = rf.get("/admin/")
    request.user = user_factory(roles=[roles.SITE_ADMINS], is_superuser=True)
    response = draft.serve_preview(request, draft.default_preview_mode)
    html = response.content.decode()
    assert ">Borrador del título</h1>" in html
    assert '<html lang="es"' in html
    # The rest is the source page's: its pledges form, at its address.
    assert 'action="/es/campaigns/spot-a-fake-job-offer/pledge/"' in html


def test_translators_may_edit_every_language_tree_but_the_source(campaign, spanish, user_factory):
    set_up_translators()
    translator = user_factory(email="translator@example.org")
    translator.groups.add(Group.objects.get(name=roles.TRANSLATORS))
    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.has_perm("wagtail_localize.submit_translation")
    spanish_home = Page.objects.get(depth=2, locale__language_code="es")
    assert spanish_home.permissions_for_user(translator).can_edit()
    assert spanish.permissions_for_user(translator).can_publish()
    assert not campaign.permissions_for_user(translator).can_edit()
    # A language's tree started later opens to translators as it is created.
    translate(campaign.get_parent().get_parent().specific, "th", title="หน้าแรก")
    thai_home = Page.objects.get(depth=2, locale__language_code="th")
    translator = type(translator).objects.get(pk=translator.pk)  # Wagtail caches permissions.
    assert thai_home.permissions_for_user(translator).can_edit()


def test_a_translator_translates_a_page_with_wagtail_localize(client, campaign, user_factory):
    """The admin workflow: "Translate this page", choose a language, and the
    translation editor opens on the new page in that language's tree."""
    set_up_translators()
    translator = user_factory(email="translator@example.org")
    translator.groups.add(Group.objects.get(name=roles.TRANSLATORS))
    spanish = Locale.objects.get(language_code="es")
    address = reverse("wagtail_localize:submit_page_translation", args=[campaign.pk])
    # The campaign's own lead may not: translating is the translators' work.
    client.force_login(campaign.owner)
    assert client.get(address).status_code == 403
    assert client.post(address, {"locales": [spanish.pk]}).status_code == 403
    assert campaign.get_translation_or_none(spanish) is None
    client.force_login(translator)
    assert client.get(address).status_code == 200
    response = client.post(address, {"locales": [spanish.pk]})
    assert response.status_code == 302
    translation_page = campaign.get_translation(spanish)
    assert response["Location"].startswith(f"/admin/pages/{translation_page.pk}/edit/")
    assert client.get(response["Location"]).status_code == 200
    # Started, not published: readers still see the English, marked.
    html = client.get(f"/es{CAMPAIGN}").content.decode()
    assert 'class="translation-note"' in html
