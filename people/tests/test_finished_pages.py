"""The member pages read as a finished product: plain words instead of keys
and HTML, each "who can see" control beside its field, languages as boxes."""

import re

import pytest

from people.consent import grant_consent
from people.models import ConsentRecord, ExpertiseTopic, Profile
from people.rich_text import html_to_plain_text, plain_text_to_html
from people.visibility import PROFILE_FIELDS

pytestmark = pytest.mark.django_db


def fieldset(html: str, name: str) -> str:
    match = re.search(
        rf'<fieldset class="profile-part" id="part-{name}">(.*?)</fieldset>', html, re.S
    )
    assert match, f"no part of the form for {name}"
    return match.group(1)


def test_the_consents_page_names_what_was_shared_in_words(client, user_factory):
    user = user_factory()
    grant_consent(
        user, kind=ConsentRecord.Kind.PROFILE_FIELD, field_name="display_name", purpose="Test"
    )
    client.force_login(user)
    html = client.get("/me/consents/").content.decode()
    assert "From your profile: Display name" in html
    assert "display_name" not in html
    assert "Profile field:" not in html
    # The table turns into labelled blocks on phones (CSS reads data-label).
    assert 'class="data-table data-table--stack"' in html
    assert 'data-label="What"' in html


def test_each_who_can_see_control_sits_in_the_part_of_the_form_it_is_about(client, user_factory):
    ExpertiseTopic.objects.create(name="Safe migration", slug="safe-migration")
    client.force_login(user_factory())
    html = client.get("/me/profile/").content.decode()
    inputs = {
        "display_name": ['name="display_name"'],
        "pronouns": ['name="pronouns"'],
        "bio": ['name="bio"'],
        "topics": ['name="topics"'],
        "languages": ['name="languages"'],
        "region": ['name="country"', 'name="subdivision"'],
        "availability": ['name="available_for_speaking"', 'name="availability_note"'],
        "photo": ['name="photo"'],
    }
    assert set(inputs) == set(PROFILE_FIELDS)
    for name, needles in inputs.items():
        part = fieldset(html, name)
        assert f"<legend>{PROFILE_FIELDS[name]}</legend>" in part
        assert f'name="visibility_{name}"' in part
        for needle in needles:
            assert needle in part, (name, needle)
    assert "Who can see: " not in html


def test_languages_are_checkboxes_with_the_chosen_ones_first(client, user_factory):
    user = user_factory()
    profile = Profile.for_user(user)
    profile.languages = ["th", "my"]
    profile.save()
    client.force_login(user)
    html = client.get("/me/profile/").content.decode()
    assert not re.search(r'<select[^>]*name="languages"', html)
    part = fieldset(html, "languages")
    boxes = re.findall(r'type="checkbox" name="languages" value="([^"]+)"', part)
    assert len(boxes) > 50
    assert set(boxes[:2]) == {"th", "my"}
    assert 'class="choice-list choice-list--long"' in part


def test_about_me_is_shown_as_text_never_as_html(client, user_factory):
    user = user_factory()
    profile = Profile.for_user(user)
    profile.bio = "<p>I <strong>train</strong> inspectors.</p><ul><li>Safe migration</li></ul>"
    profile.save()
    client.force_login(user)
    html = client.get("/me/profile/").content.decode()
    textarea = re.search(r'<textarea name="bio"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert textarea.strip() == "I train inspectors.\n\n- Safe migration"
    assert "Sanitised rich text" not in html
    assert "You can add bold text, lists and links." in html
    # The editor (rich-text.js) gets the formatted version from an attribute.
    assert "data-rich-html=" in html
    assert 'name="bio__format" value="text"' in html


def profile_form_data(**overrides) -> dict:
    data = {"display_name": "Mai", "country": "TH"}
    data.update({f"visibility_{name}": "only_me" for name in PROFILE_FIELDS})
    data.update(overrides)
    return data


def test_plain_text_from_the_textarea_is_kept_as_text_with_its_paragraphs_and_lists(
    client, user_factory
):
    user = user_factory()
    client.force_login(user)
    text = "I speak about <b>recruitment</b>.\r\n\r\n- fees\r\n- contracts"
    response = client.post("/me/profile/", profile_form_data(bio=text, bio__format="text"))
    assert response.status_code == 302
    assert Profile.objects.get(user=user).bio == (
        "<p>I speak about &lt;b&gt;recruitment&lt;/b&gt;.</p>"
        "<ul><li>fees</li><li>contracts</li></ul>"
    )


def test_html_from_the_editor_is_sanitised_and_kept(client, user_factory):
    user = user_factory()
    client.force_login(user)
    html = '<p>I <strong>train</strong></p><script>alert("x")</script>'
    response = client.post("/me/profile/", profile_form_data(bio=html, bio__format="html"))
    assert response.status_code == 302
    assert Profile.objects.get(user=user).bio == "<p>I <strong>train</strong></p>"


@pytest.mark.parametrize(
    "html",
    [
        "<p>One</p><p>Two<br>lines</p>",
        "<ul><li>a</li><li>b</li></ul><p>After</p>",
        "<ol><li>first</li><li>second</li></ol>",
        "<p>Fish &amp; chips &lt;3</p>",
    ],
)
def test_simple_formatting_survives_a_round_trip_through_plain_text(html):
    assert plain_text_to_html(html_to_plain_text(html)) == html


def test_links_keep_their_address_as_text():
    assert html_to_plain_text('<p>See <a href="https://example.org/">our site</a></p>') == (
        "See our site (https://example.org/)"
    )
