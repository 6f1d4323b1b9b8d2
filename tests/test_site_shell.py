"""The shell every page shares: favicon, icons, the menu button markup."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == "/static/favicon.ico"
    path = finders.find("favicon.ico")
    assert path is not None
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO signature


def test_every_page_names_its_icon_and_has_a_menu_button(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert 'aria-controls="site-menu" data-menu-button' in html
    assert 'aria-expanded="false"' in html
    assert '<div class="site-header__menu" id="site-menu">' in html
    assert "/static/js/site-menu.js" in html
    # CSP: no inline styles or scripts in the shell.
    assert " style=" not in html
    assert "<script>" not in html


def test_icons_come_from_one_sprite_with_the_symbols_templates_use():
    path = finders.find("icons/sprite.svg")
    with open(path) as sprite:
        text = sprite.read()
    for symbol in ["menu", "close", "eye", "alert"]:
        assert f'<symbol id="{symbol}"' in text
