"""Static files as production collects and serves them: minified, hashed,
compressed with Brotli and gzip, and kept by browsers for a year."""

import hashlib
import json
import re
from pathlib import Path

import pytest
import wagtail
from django.test import Client

from core.static_storage import is_minified_here, minify
from tests.page_weight import production_static


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with production_static(root):
        pass
    return root, json.loads((root / "staticfiles.json").read_text())["paths"]


@pytest.fixture
def production(collected):
    with production_static(collected[0], collect=False):
        yield collected


def test_minify_removes_comments_and_white_space_and_keeps_media_queries():
    css = (
        "/* note */\n@media (max-width: 48rem) and (scripting: enabled) {\n  .a { color: red; }\n}"
    )
    assert (
        minify("css/site.css", css)
        == "@media (max-width:48rem) and (scripting:enabled){.a{color:red}}"
    )
    js = "// note\nvar  answer = 1 ;\n/* more */\nfunction f () { return answer; }\n"
    assert minify("js/x.js", js) == "var answer=1;function f(){return answer;}"


def test_only_the_projects_own_css_and_js_are_minified_here(settings):
    site, app = settings.BASE_DIR / "site" / "static", settings.BASE_DIR / "pathways" / "static"
    assert is_minified_here("css/site.css", site) and is_minified_here("js/quick-exit.js", site)
    assert is_minified_here("pathways/js/guide.js", app)
    assert not is_minified_here("js/vendor.min.js", site) and not is_minified_here(
        "favicon.svg", site
    )
    package = Path(wagtail.__file__).parent / "admin" / "static"
    assert not is_minified_here("wagtailadmin/js/core.js", package)
    assert not is_minified_here("wagtailadmin/js/core.js", settings.BASE_DIR / ".venv" / "lib")
    assert not is_minified_here("css/site.css", None)


def test_own_css_and_js_are_collected_minified_hashed_and_compressed(collected, settings):
    root, manifest = collected
    own = ("css/site.css", "js/quick-exit.js", "js/site-menu.js", "pathways/js/guide.js")
    for source in own:
        hashed = manifest[source]
        assert re.fullmatch(
            rf"{source.rsplit('.', 1)[0]}\.[0-9a-f]{{12}}\.{source.rsplit('.', 1)[1]}", hashed
        )
        body = (root / hashed).read_bytes()
        folder = "pathways/static" if source.startswith("pathways/") else "site/static"
        unminified = (settings.BASE_DIR / folder / source).read_bytes()
        assert len(body) < 0.9 * len(unminified)
        assert b"/*" not in body and b"\n  " not in body  # no comments, no indentation
        if source.endswith(".js"):
            # The hash names the minified content, so a changed file gets a new address.
            assert hashed.split(".")[-2] == hashlib.md5(body).hexdigest()[:12]  # noqa: S324
        assert (root / f"{hashed}.br").stat().st_size < len(body)
        assert (root / f"{hashed}.gz").stat().st_size < len(body)
    css = (root / manifest["css/site.css"]).read_text()
    # The fonts the CSS names are addressed by their hashed names too.
    assert re.search(r"url\([\"']?\.\./fonts/NotoSansThai-Regular\.[0-9a-f]{12}\.woff2", css)


@pytest.mark.django_db
def test_pages_link_hashed_files_served_with_brotli_for_a_year(production):
    root, manifest = production
    client = Client()  # built here, so WhiteNoise reads the collected folder
    html = client.get("/no-such-page/").content.decode()
    assert f"/static/{manifest['css/site.css']}" in html
    assert f'<script src="/static/{manifest["js/site-menu.js"]}" defer>' in html
    head = html[: html.index("</head>")]
    scripts = re.findall(r"<script\b[^>]*>", head)
    assert scripts and all(" defer" in tag or " async" in tag for tag in scripts), scripts

    response = client.get(f"/static/{manifest['css/site.css']}", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (root / f"{manifest['css/site.css']}.br").read_bytes()
