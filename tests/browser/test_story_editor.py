"""The story vault's rich-text editor: formatting without typing HTML, saved
through the sanitiser, with nothing in stored text able to run."""

import pytest

from people.models import StoryPart, User

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_survivor_writes_a_formatted_story_part_without_html(page, browser_log):
    sign_in(page, "leader@example.org")
    page.goto("/me/story/new/")
    page.locator("#id_title").fill("What I want trainers to know")
    editor = page.get_by_role("textbox", name="Text")
    assert editor.is_visible()
    assert page.locator("#id_body").is_hidden()
    editor.click()
    page.keyboard.type("Listen first. ")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type("Believe people.")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Ask before you share")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()

    part = StoryPart.objects.get(
        owner=User.objects.get(email="leader@example.org"), title="What I want trainers to know"
    )
    assert "<strong>Believe people.</strong>" in part.body
    assert "<li>Ask before you share</li>" in part.body
    assert browser_log.errors == []


def test_stored_text_is_loaded_inert_into_the_editor(page, browser_log):
    leader = User.objects.get(email="leader@example.org")
    part = StoryPart.objects.create(owner=leader, title="Old notes", body="<p>Kept</p>")
    # Bypass the sanitiser, as if an older row held something hostile.
    StoryPart.objects.filter(pk=part.pk).update(
        body='<p>Kept</p><img src="x" onerror="window.__ran=1"><script>window.__ran=2</script>'
    )
    sign_in(page, "leader@example.org")
    page.goto(f"/me/story/{part.pk}/")
    editor = page.get_by_role("textbox", name="Text")
    assert editor.inner_text().strip() == "Kept"
    assert page.evaluate("window.__ran") is None
    assert page.locator(".rte__editor img, .rte__editor script").count() == 0
