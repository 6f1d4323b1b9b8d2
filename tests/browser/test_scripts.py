"""Thai, Khmer and Burmese pages show real letters on a phone with no font of its
own for them, and English pages fetch no font at all.

The phone here is Chromium with no system font for these scripts, as in CI; on a
machine that has some (Debian's fonts-noto-core, say) the `browser` below hides
them through fontconfig, so every run is that phone. Such a page must then fetch
the bundled subset of its script from /static/fonts/, draw every letter with it
(never the missing-glyph box) and leave its lines room enough for the stacked
marks. docs/design.md, "Fonts for every script", explains the fonts.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from .conftest import DEFAULT_TIMEOUT_MS, watch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Script:
    language: str  # the address prefix, so also the page's <html lang>
    fonts: str  # the bundled files: site/static/fonts/NotoSans<fonts>-<Regular|Bold>.woff2
    title: str  # the page's <h1>, drawn bold
    sentence: str  # a paragraph of the page's body, drawn regular

    @property
    def font_files(self) -> set[str]:
        return {f"NotoSans{self.fonts}-Regular.woff2", f"NotoSans{self.fonts}-Bold.woff2"}


# Short enough for one line on the phone (the layout check compares one line).
SCRIPTS = [
    Script("th", "Thai", "สิทธิของผู้รอดชีวิต", "ทุกคนมีสิทธิ์ได้รับความช่วยเหลือ"),
    Script("km", "Khmer", "សិទ្ធិរបស់អ្នករស់រានមានជីវិត", "មនុស្សគ្រប់រូបមានសិទ្ធិទទួលបានជំនួយ"),
    Script("my", "Myanmar", "အသက်ရှင်ကျန်ရစ်သူများ", "လူတိုင်း အကူအညီ ရယူပိုင်ခွင့်ရှိသည်။"),
]

# fontconfig, as configured, minus every font that declares one of the scripts.
HIDE_SCRIPT_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">{base}</include>
  <selectfont>
    <rejectfont>
      <pattern><patelt name="lang"><string>th</string></patelt></pattern>
      <pattern><patelt name="lang"><string>km</string></patelt></pattern>
      <pattern><patelt name="lang"><string>my</string></patelt></pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
"""


@pytest.fixture(scope="module")
def no_system_fonts_for_these_scripts(tmp_path_factory):
    """Chromium started while this is set finds no Thai, Khmer or Burmese font of its own."""
    base = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    config = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    config.write_text(HIDE_SCRIPT_FONTS.format(base=base))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FONTCONFIG_FILE", str(config))
        yield


@pytest.fixture(scope="module")
def browser(no_system_fonts_for_these_scripts, browser):
    """conftest's Chromium, started (with its Playwright driver) under the fontconfig above."""
    return browser


@pytest.fixture
def script_pages(live_site):
    """One standard page per script, titled and written in it: script → its address."""
    from wagtail.models import Locale, Site

    from home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    addresses = {}
    for script in SCRIPTS:
        page = StandardPage(
            title=f"Fonts: {script.fonts}",
            slug=f"fonts-{script.language}",
            body=[{"type": "paragraph", "value": "<p>Everyone has a right to help.</p>"}],
        )
        home.add_child(instance=page)
        # Its translation into the script's language, as a translator leaves it:
        # the page then shows these words under the language's prefix, with
        # <html lang> the script's language and nothing marked as English.
        translated = page.copy_for_translation(
            Locale.objects.get(language_code=script.language), copy_parents=True
        ).specific
        translated.title = script.title
        translated.body = [{"type": "paragraph", "value": f"<p>{script.sentence}</p>"}]
        translated.save_revision().publish()
        addresses[script] = f"/{script.language}/{page.slug}/"
    return addresses


@pytest.fixture
def open_on_phone(browser, live_site, browser_log):
    """Open an address in a fresh phone-sized context (nothing cached); return the
    page and the fonts it fetched: [(path, status)]."""
    contexts = []

    def open_page(path):
        context = browser.new_context(base_url=live_site, viewport=PHONE)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        watch(context, browser_log)
        contexts.append(context)
        page = context.new_page()
        fonts = []

        def note_font(response):
            if response.request.resource_type == "font":
                fonts.append((urlsplit(response.url).path, response.status))

        page.on("response", note_font)
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page, fonts

    yield open_page
    for context in contexts:
        context.close()


# What the element's text looks like in its own computed font, drawn afresh on a
# canvas, and laid out on the page. A letter the font lacks is drawn as the
# font's missing-glyph box, the same box for every such letter; U+0378 is
# unassigned, so no font has it and it is always drawn as that box.
PROBE = r"""
async (element) => {
  const text = element.textContent.trim();
  const style = getComputedStyle(element);
  const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const size = parseFloat(style.fontSize);
  await document.fonts.ready;
  let faces;
  try {
    const loaded = await document.fonts.load(font, text);
    faces = loaded.map((face) => `${face.family} ${face.weight} ${face.status}`);
  } catch (error) {
    faces = [String(error)];  // a face that failed to load: NetworkError
  }
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = Math.ceil(size * 3);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const draw = (character) => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.font = font;
    context.textBaseline = "middle";
    context.fillText(character, size, canvas.height / 2);
    return context.getImageData(0, 0, canvas.width, canvas.height).data.join();
  };
  const box = draw("\u0378");
  const characters = [...new Set(text)].filter((c) => /[\p{L}\p{M}]/u.test(c));
  const drawings = new Map(characters.map((c) => [c, draw(c)]));
  const letters = characters.filter((c) => /\p{L}/u.test(c));
  const alike = letters.filter(
    (c, i) => letters.slice(0, i).some((d) => drawings.get(d) === drawings.get(c))
  );
  context.font = font;
  const measured = context.measureText(text);
  const range = document.createRange();
  range.selectNodeContents(element);
  const lines = range.getClientRects();
  return {
    font,
    faces,
    check: document.fonts.check(font, text),
    boxes: characters.filter((c) => drawings.get(c) === box),
    alike,
    canvasWidth: measured.width,
    lines: lines.length,
    laidOutWidth: lines.length ? lines[0].width : 0,
    ink: measured.actualBoundingBoxAscent + measured.actualBoundingBoxDescent,
    lineHeight: parseFloat(style.lineHeight),
  };
}
"""


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.fonts for script in SCRIPTS])
def test_a_page_in_the_script_draws_every_letter_with_the_bundled_font(
    script, script_pages, open_on_phone, browser_log, tmp_path
):
    page, fonts = open_on_phone(script_pages[script])
    fonts = list(fonts)  # as the page loaded, before the checks below load any
    assert page.evaluate("document.documentElement.lang") == script.language
    page.screenshot(path=str(tmp_path / f"{script.language}.png"), full_page=True)

    for selector, text in (("main h1", script.title), ("main .stream p", script.sentence)):
        element = page.locator(selector).first
        assert element.inner_text() == text
        found = element.evaluate(PROBE)
        where = f"{selector} ({found['font']})"
        assert found["faces"] and all(face.endswith(" loaded") for face in found["faces"]), where
        assert found["check"], where
        assert found["boxes"] == [], f"{where}: drawn as the missing-glyph box"
        assert found["alike"] == [], f"{where}: letters drawn alike"
        # The page shows what the canvas draws: laid out with the loaded font,
        # not left as it was drawn before the font arrived.
        assert found["lines"] == 1, where
        assert found["laidOutWidth"] == pytest.approx(found["canvasWidth"], abs=1), where
        # Lines are at least as tall as the letters with their stacked marks.
        assert found["lineHeight"] >= found["ink"], where

    # Its script's fonts, regular and bold, fetched from /static/fonts/; no other.
    fetched = {path.rsplit("/", 1)[-1] for path, _status in fonts}
    assert fetched == script.font_files, fonts
    assert all(path.startswith("/static/fonts/") and status == 200 for path, status in fonts)
    assert browser_log.errors == []
    assert browser_log.texts("error") == []


@pytest.mark.parametrize("path", ["/", "/know-your-rights/"])
def test_an_english_page_fetches_no_font(path, open_on_phone, browser_log):
    """Not even for the language menu, which names Thai and Burmese in their own scripts."""
    page, fonts = open_on_phone(path)
    assert page.evaluate("document.documentElement.lang") == "en"
    for name in ("ไทย", "မြန်မာ"):
        assert page.locator(f"#language-select option:has-text('{name}')").count() == 1
    assert fonts == []
    assert browser_log.errors == []
