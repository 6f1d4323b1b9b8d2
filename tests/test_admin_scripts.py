"""Only the inline scripts Wagtail's admin writes get the CSP nonce: real
widget output is recognised, anything else is left to be blocked."""

import re

import pytest
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminPageChooser
from wagtail.admin.widgets.datetime import AdminTimeInput
from wagtail.images.widgets import AdminImageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from config.admin_scripts import add_nonce_to_wagtail_scripts, is_wagtail_initialiser
from content.translations import in_source_language
from people.models import ContentWarningTopic

SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _inline_scripts(html: str) -> list[str]:
    return SCRIPT.findall(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "widget",
    [
        AdminDateInput(),
        AdminTimeInput(),
        AdminDateTimeInput(),
        AdminPageChooser(),
        AdminImageChooser(),
        AdminSnippetChooser(ContentWarningTopic),
    ],
    ids=lambda widget: type(widget).__name__,
)
def test_the_scripts_wagtail_widgets_write_are_recognised(widget):
    html = widget.render("field", None, attrs={"id": "id_field"})
    scripts = _inline_scripts(html)
    assert scripts, "the widget wrote no inline script: this shape may be gone"
    assert all(is_wagtail_initialiser(code) for code in scripts), scripts


@pytest.mark.django_db
def test_inline_panel_scripts_are_recognised(admin_rf_page_form_html):
    scripts = _inline_scripts(admin_rf_page_form_html)
    panels = [code for code in scripts if "InlinePanel" in code]
    assert panels, "no inline panel script found"
    assert all(is_wagtail_initialiser(code) for code in panels)


@pytest.mark.parametrize(
    "code",
    [
        "alert(document.cookie)",
        'new PageChooser("id_x", {}); alert(1);',
        'new PageChooser("id_x", window.name);',
        'new PageChooser("id_x", {"a": 1}, fetch("/x"));',
        'initDateChooser("id_x", {}) || alert(1);',
        'createTaskChooser("id_x" + location);',
        '(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();',
        '(function() { var panel = new InlinePanel(JSON.parse("[1]")); })();',
        'new Function("alert(1)")();',
    ],
)
def test_anything_else_is_not(code):
    assert not is_wagtail_initialiser(code)
    html, count = add_nonce_to_wagtail_scripts(f"<p>x</p><script>{code}</script>", "N0NCE")
    assert count == 0
    assert "N0NCE" not in html


def test_the_nonce_goes_on_recognised_inline_scripts_only():
    html = (
        '<script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<script>new PageChooser("id_page", {"modelNames": ["wagtailcore.page"]});</script>'
        "<script>alert(1)</script>"
    )
    out, count = add_nonce_to_wagtail_scripts(html, "N0NCE")
    assert count == 1
    assert out.count('nonce="N0NCE"') == 1
    assert '<script nonce="N0NCE">new PageChooser(' in out
    assert "<script>alert(1)</script>" in out


@pytest.fixture
def admin_rf_page_form_html(client, user_factory, demo_site):
    """The edit form of a campaign, whose co-leads are an inline panel."""
    from campaigns.models import CampaignPage
    from people import roles

    admin = user_factory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin)
    campaign = in_source_language(CampaignPage.objects).first()
    response = client.get(f"/admin/pages/{campaign.pk}/edit/")
    assert response.status_code == 200
    # The nonce middleware already marked them: look at what Wagtail wrote.
    return re.sub(r' nonce="[^"]*"', "", response.content.decode())
