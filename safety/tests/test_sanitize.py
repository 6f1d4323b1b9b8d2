"""Tests for safety.sanitize: a hostile corpus checked by parsing the output, plus exact
outputs for benign content. No database and no Django settings are needed."""

from __future__ import annotations

import html
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from types import SimpleNamespace

import django.conf
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape as django_escape

from safety import sanitize
from safety.sanitize import (
    PROFILES,
    SanitizerProfile,
    plain_text,
    sanitize_html,
    strip_tags_to_text,
)

REL = "nofollow noopener noreferrer"

# --------------------------------------------------------------------------- the checker


class _Collector(HTMLParser):
    """Collects what a (browser-like) parser sees in the sanitizer's output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.start_tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags: list[str] = []
        self.other: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.start_tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.start_tags.append((tag, attrs))

    def handle_endtag(self, tag):
        self.end_tags.append(tag)

    def handle_comment(self, data):
        self.other.append(("comment", data))

    def handle_decl(self, decl):
        self.other.append(("decl", decl))

    def handle_pi(self, data):
        self.other.append(("pi", data))

    def unknown_decl(self, data):
        self.other.append(("unknown_decl", data))


def _fully_decoded(value: str) -> str:
    # More suspicious than a browser on purpose: decode entities until nothing changes.
    for _ in range(10):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def _scheme_of(value: str) -> str | None:
    """The URL scheme a browser (or a careless consumer) could see in ``value``."""
    squashed = re.sub(r"[\x00-\x20\x7f-\xa0\s`]|[^\x00-\x7f]", "", _fully_decoded(value))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", squashed)
    return match.group(1).lower() if match else None


_DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "livescript", "mocha", "file")


def assert_safe(output: str, profile_name: str) -> None:
    """Fail unless ``output`` holds only what ``profile_name`` allows."""
    profile = PROFILES[profile_name]
    assert isinstance(output, str)

    collector = _Collector()
    collector.feed(output)
    collector.close()
    assert collector.other == [], f"comment/declaration survived: {collector.other}"

    for tag, attrs in collector.start_tags:
        assert tag in profile.tags, f"tag <{tag}> not allowed in {profile_name!r}: {output!r}"
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"duplicate attributes on <{tag}>: {output!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} survived: {output!r}"
            assert name not in {"style", "class", "target", "src", "srcset", "action"}
            if tag == "a" and name == "rel":
                assert value == REL
            else:
                allowed = profile.attributes.get(tag, frozenset())
                assert name in allowed, f"{name} not allowed on <{tag}>: {output!r}"
            assert value is not None
            scheme = _scheme_of(value)
            assert scheme not in _DANGEROUS_SCHEMES, f"{scheme}: in {name}: {output!r}"
            if name == "href" and scheme is not None:
                assert scheme in profile.protocols, f"href scheme {scheme!r}: {output!r}"
        if tag == "a" and "id" in names:
            assert "linktype" in names, f"bare id on <a>: {output!r}"

    for tag in collector.end_tags:
        assert tag in profile.tags, f"end tag </{tag}> not allowed: {output!r}"

    # Independent of HTMLParser: every raw "<" must open an allowed tag (text "<" must be
    # escaped), and no tag may carry handlers/styles once quoted values are blanked out.
    for match in re.finditer(r"<(/?)([^\s/>]*)", output):
        assert match.group(2).lower() in profile.tags, f"raw '<' not a tag: {output!r}"
    for tag_text in re.findall(r"<[^>]*>", output):
        bare = re.sub(r'"[^"]*"', '""', tag_text)
        assert not re.search(r"\bon\w+\s*=", bare, re.IGNORECASE), output
        assert not re.search(r"\b(style|class|target|src)\s*=", bare, re.IGNORECASE), output
    lowered = output.lower()
    for needle in ("<script", "<iframe", "<svg", "<math", "<style", "<object", "<img"):
        assert needle not in lowered, f"{needle} in {output!r}"
    if "embed" not in profile.tags:
        assert "<embed" not in lowered


# --------------------------------------------------------------------------- hostile corpus

HOSTILE = [
    # script elements, many casings and shapes
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<script type="text/javascript">alert(document.cookie)</script>',
    "<script src=//evil.example/x.js></script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<script/xss src=x></script>",
    "<script>alert(1)",
    "before<script>unclosed <p>still script</p>",
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'';!--\"<XSS>=&{()}",
    # images and event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<img src=`x` onerror=`alert(1)`>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>text",
    "<details open ontoggle=alert(1)>x</details>",
    "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<video><source onerror="alert(1)"></video>',
    "<x onclick=alert(1)>click</x>",
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    '<a href="#" onclick="alert(1)">x</a>',
    # javascript:/vbscript:/data: in href, with obfuscation
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<a href=javascript:alert(1)>x</a>",
    "<a href=`javascript:alert(1)`>x</a>",
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="jav\nascript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav&#x0D;ascript:alert(1)">x</a>',
    '<a href="&#14;  javascript:alert(1)">x</a>',
    '<a href="jav&Tab;ascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="javascript&#58alert(1)">x</a>',
    '<a href="&#106avascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
    '&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="&amp;#106;avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<a href="livescript:alert(1)">x</a>',
    '<a/href="javascript:alert(1)">x</a>',
    '<a href="javascript:alert(1)"/>x',
    '<a href="javascript:alert(1)',
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    # embedded documents and plugins
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<IFRAME SRC=# onmouseover=alert(1)></IFRAME>after",
    '<object data="javascript:alert(1)">fallback</object>',
    '<embed src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<embed embedtype="image" id="1" onerror="alert(1)"/>',
    '<applet code="Evil.class">x</applet>',
    "<frameset onload=alert(1)>",
    # styles
    "<style>@import'http://evil.example/xss.css';</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="width: expression(alert(1));">x</div>',
    '<p style="background-image: url(javascript:alert(1))">x</p>',
    '<p class="admin-only" id="csrf">x</p>',
    '<link rel=stylesheet href="javascript:alert(1)">',
    # forms, meta, base
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<isindex action=javascript:alert(1) type=image>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # comments, CDATA, processing instructions
    "<!--<script>alert(1)</script>-->",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    '<div><p title="--><script>alert(1)</script>">x</p></div>',
    "<!-- unclosed comment <script>alert(1)</script>",
    # mutation XSS and raw-text elements
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math href="javascript:alert(1)">CLICK</math>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<template><img src=x onerror=alert(1)></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    "<noframes><img src=x onerror=alert(1)></noframes>",
    "<plaintext><script>alert(1)</script>",
    "<p <script>alert(1)</script>>x</p>",
    '<a title="a>b" href="/x">x</a>',
    '<a href="/x" title="&quot; onmouseover=&quot;alert(1)">x</a>',
    # Wagtail-looking input
    '<a linktype="page" id="3" onclick="alert(1)" href="javascript:alert(1)">x</a>',
    '<a id="clobber" href="/x">x</a>',
    '<embed embedtype="image" id="1 OR 1=1" format="left&quot; onerror=&quot;x" alt="a"/>',
]


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_input_is_neutralised(payload, profile):
    output = sanitize_html(payload, profile=profile)
    assert_safe(output, profile)
    # Sanitizing is a projection: doing it again changes nothing.
    assert sanitize_html(output, profile=profile) == output


@pytest.mark.parametrize("payload", HOSTILE)
def test_strip_tags_to_text_never_returns_markup_for_hostile_input(payload):
    text = strip_tags_to_text(payload)
    # The result is text, so escaping it must make it inert; alert() from script
    # bodies must not leak into the text.
    assert_safe(plain_text(text), "default")
    assert "<script" not in text.lower()


def test_corpus_is_large_enough():
    assert len(HOSTILE) >= 40


# Raw payloads that are harmless as they stand (so the checker rightly accepts them).
_HARMLESS_RAW = {
    '<a href="javascript:alert(1)',  # a tag cut off at end of input is never rendered
    '<a title="a>b" href="/x">x</a>',
    '<a href="/x" title="&quot; onmouseover=&quot;alert(1)">x</a>',
    '<embed embedtype="image" id="1 OR 1=1" format="left&quot; onerror=&quot;x" alt="a"/>',
}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_checker_rejects_the_raw_corpus(profile):
    # Guards against a checker that accepts anything: unsanitized, (almost) every
    # payload must fail it.
    accepted = set()
    for payload in HOSTILE:
        try:
            assert_safe(payload, profile)
        except AssertionError:
            continue
        accepted.add(payload)
    assert accepted <= _HARMLESS_RAW


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<script>alert(1)",
        "<style>body{background:red}</style>",
        "<iframe>alert(1)</iframe>",
        "<object>alert(1)</object>",
        "<template>alert(1)</template>",
        "<noscript>alert(1)</noscript>",
        "<textarea>alert(1)</textarea>",
        "<title>alert(1)</title>",
        "<xmp>alert(1)</xmp>",
        "<noembed>alert(1)</noembed>",
        "<svg><desc>alert(1)</desc></svg>",
        "<math><mi>alert(1)</mi></math>",
        "<!--alert(1)-->",
        "<!--[if IE]>alert(1)<![endif]-->",
    ],
)
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_dangerous_elements_are_removed_with_their_content(payload, profile):
    assert sanitize_html(payload, profile=profile) == ""
    assert strip_tags_to_text(payload) == ""


def test_unclosed_script_drops_everything_after_it():
    assert sanitize_html("<p>safe</p><script>x = 1; <p>not shown</p>") == "<p>safe</p>"


def test_nested_script_trick_leaves_only_escaped_text():
    assert sanitize_html("<scr<script>ipt>alert(1)</script>") == "ipt&gt;alert(1)"


def test_noscript_mutation_xss_leaves_no_image():
    payload = '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
    assert sanitize_html(payload) == '"&gt;'


# --------------------------------------------------------------------------- benign content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<p>Hello <strong>world</strong></p>", "<p>Hello <strong>world</strong></p>"),
        ("<ul><li>one</li><li>two</li></ul>", "<ul><li>one</li><li>two</li></ul>"),
        ("<ol><li><em>a</em></li></ol>", "<ol><li><em>a</em></li></ol>"),
        ("<h2>T</h2><h3>S</h3><h4>s</h4><hr>", "<h2>T</h2><h3>S</h3><h4>s</h4><hr>"),
        ("<blockquote>q</blockquote>", "<blockquote>q</blockquote>"),
        ("<p>a<br>b<br/>c</p>", "<p>a<br>b<br>c</p>"),
        ("<pre><code>x = 1</code></pre>", "<pre><code>x = 1</code></pre>"),
        ("<b>b</b><i>i</i><u>u</u><s>s</s>", "<b>b</b><i>i</i><u>u</u><s>s</s>"),
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("Fish &amp; chips &copy; 2024", "Fish &amp; chips &copy; 2024"),
        ("She said \"hi\" and 'bye'", "She said \"hi\" and 'bye'"),
        ("<div>block</div>", "block"),
        ("<span>x</span>", "x"),
        ('<p style="color:red" class="x" id="y" dir="rtl">t</p>', "<p>t</p>"),
        ("<h1>Big</h1>", "Big"),
        (
            '<a href="https://example.org/x?a=1&b=2" title="T">x</a>',
            f'<a href="https://example.org/x?a=1&amp;b=2" title="T" rel="{REL}">x</a>',
        ),
        (
            '<a href="http://example.org" target="_blank" rel="opener">x</a>',
            f'<a href="http://example.org" rel="{REL}">x</a>',
        ),
        ('<a href="//example.org">x</a>', f'<a href="//example.org" rel="{REL}">x</a>'),
        ('<a href="/about/">about</a>', '<a href="/about/">about</a>'),
        ('<a href="#section">s</a>', '<a href="#section">s</a>'),
        ('<a href="mailto:help@example.org">m</a>', '<a href="mailto:help@example.org">m</a>'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="ftp://example.org">x</a>', "<a>x</a>"),
        ("<script>alert(1)</script><p>after</p>", "<p>after</p>"),
        ("<p>keep</p><!-- secret -->", "<p>keep</p>"),
        ("<pre>\n\nindented</pre>", "<pre>\n\nindented</pre>"),
        ("", ""),
    ],
)
def test_default_profile_exact_output(value, expected):
    assert sanitize_html(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "สวัสดีครับ ฉันปลอดภัยแล้ว",  # Thai
        "မင်္ဂလာပါ ကျွန်ုပ် ဘေးကင်းပါတယ်",  # Burmese
        "សួស្តី ខ្ញុំមានសុវត្ថិភាព",  # Khmer
        "Xin chào, tôi là Nguyễn Thị Hương",  # Vietnamese
        "مرحبا بكم",  # Arabic (RTL)
        "Здравствуйте 👋",  # Cyrillic and an emoji
    ],
)
def test_non_ascii_text_is_preserved(text):
    assert sanitize_html(f"<p>{text}</p>") == f"<p>{text}</p>"
    assert sanitize_html(text, profile="inline") == text
    assert strip_tags_to_text(f"<p><b>{text}</b></p>") == text
    assert plain_text(text) == text


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_plain_text_urls_are_not_linkified(profile):
    value = "Call us or visit https://example.org and www.example.org, or help@example.org"
    assert sanitize_html(value, profile=profile) == value


def test_inline_profile_is_narrow():
    # bleach stands a newline in for a stripped block-level tag.
    assert sanitize_html("<p>One</p><h2>Two</h2>", profile="inline") == "One\nTwo"
    assert (
        sanitize_html('<a href="https://e.org" title="t">x</a><br><u>u</u>', profile="inline")
        == f'<a href="https://e.org" rel="{REL}">x</a><br>u'
    )


def test_none_gives_empty_string():
    assert sanitize_html(None) == ""
    assert sanitize_html(None, profile="wagtail") == ""
    assert plain_text(None) == ""
    assert strip_tags_to_text(None) == ""


@pytest.mark.parametrize("func", [sanitize_html, plain_text, strip_tags_to_text])
@pytest.mark.parametrize("value", [b"<p>x</p>", 1, 1.5, ["<p>"], object()])
def test_non_string_input_is_rejected(func, value):
    with pytest.raises(TypeError):
        func(value)


def test_unknown_profile_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="shouty"):
        sanitize_html("<p>x</p>", profile="shouty")


def test_output_is_plain_str_not_safestring():
    for result in (sanitize_html("<p>x</p>"), plain_text("x"), strip_tags_to_text("<p>x</p>")):
        assert type(result) is str


# --------------------------------------------------------------------------- wagtail profile


def test_wagtail_profile_keeps_link_and_embed_placeholders():
    source = (
        '<p>See <a linktype="page" id="3">home</a> and '
        '<a linktype="document" id="12">the report</a>.</p>'
        '<embed embedtype="image" id="1" format="left" alt="x"/>'
    )
    assert sanitize_html(source, profile="wagtail") == (
        '<p>See <a linktype="page" id="3">home</a> and '
        '<a linktype="document" id="12">the report</a>.</p>'
        '<embed embedtype="image" id="1" format="left" alt="x" />'
    )


def test_wagtail_profile_strips_handlers_and_bad_values_from_placeholders():
    output = sanitize_html(
        '<embed embedtype="image" id="1" format="left" alt="x" onerror="alert(1)" src="x"/>'
        '<embed embedtype="image" id="1 OR 1=1"/>'
        '<a linktype="page" id="abc">x</a><a id="7" href="/x">y</a>',
        profile="wagtail",
    )
    assert output == (
        '<embed embedtype="image" id="1" format="left" alt="x" />'
        '<embed embedtype="image" />'
        '<a linktype="page">x</a><a href="/x">y</a>'
    )


def test_default_profile_drops_wagtail_attributes_and_embed():
    source = '<a linktype="page" id="3">home</a><embed embedtype="image" id="1"/>'
    assert sanitize_html(source) == "<a>home</a>"


def test_wagtail_rewriters_understand_the_output():
    rewriters = pytest.importorskip("wagtail.rich_text.rewriters")
    output = sanitize_html(
        '<p><a linktype="page" id="3" title="a>b">x</a></p>'
        '<embed embedtype="image" id="1" format="left" alt="x"/>',
        profile="wagtail",
    )
    embeds = rewriters.EmbedRewriter({"image": lambda attrs: f"[image {attrs['id']}]"})
    links = rewriters.LinkRewriter({"page": lambda attrs: f'<a href="/p/{attrs["id"]}/">'})
    assert links(embeds(output)) == '<p><a href="/p/3/">x</a></p>[image 1]'


# --------------------------------------------------------------------------- text paths


def test_plain_text_escapes_everything():
    value = "<b>\"x\"&'y'</b>"
    assert plain_text(value) == "&lt;b&gt;&quot;x&quot;&amp;&#x27;y&#x27;&lt;/b&gt;"
    assert plain_text(value) == str(django_escape(value))


def test_strip_tags_to_text_drops_script_content_and_keeps_text():
    value = "<p>Hello</p><script>alert(1)</script><style>p{}</style><p>there <b>friend</b></p>"
    assert strip_tags_to_text(value) == "Hello\nthere friend"


def test_strip_tags_to_text_returns_text_not_html():
    # Entities are decoded: the caller (template autoescape) must escape again.
    assert strip_tags_to_text("&lt;b&gt; fish &amp; chips<br>next") == "<b> fish & chips\nnext"


# --------------------------------------------------------------------------- idempotence


def _random_fragments(seed: int, count: int) -> list[str]:
    pieces = [
        "<p>", "</p>", "<a href='https://x.org'>", "<a href='javascript:x'>", "</a>", "<b>",
        "</b>", "<ul>", "<li>", "</ul>", "<h2>", "<h3>", "</h3>", "<pre>", "</pre>", "\n",
        "x", " ", "&", "&amp;", "&lt", "<", ">", '"', "<br>", "<blockquote>", "<script>",
        "</script>", "<svg>", "<math>", "<table>", "<td>", "<button>", "<div>", "<object>",
        "<template>", "<noscript>", "<!--", "-->", "<img src=x onerror=alert(1)>",
        '<embed embedtype="image" id="1"/>', '<a linktype="page" id="3">', "\x00", "\r\n",
    ]  # fmt: skip
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(count)]


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_sanitize_is_idempotent_and_safe_on_random_tag_soup(profile):
    for fragment in _random_fragments(seed=20240601, count=300):
        once = sanitize_html(fragment, profile=profile)
        assert sanitize_html(once, profile=profile) == once, fragment
        assert_safe(once, profile)


def test_misnested_headings_reach_a_fixed_point():
    # The HTML5 adoption agency algorithm turns this into <h3> inside <h3>, which reparses
    # differently; a single bleach pass is therefore not idempotent here.
    value = "</a><h4><p><a><h4><h3><dl><a><h3><a><a>"
    once = sanitize_html(value)
    assert sanitize_html(once) == once


def test_fixed_point_fallback_is_escaped_text(monkeypatch):
    def flip_flop(value, profile):
        # A backend that never settles: <b> and <i> swap on every pass.
        if "<b>" in value:
            return value.replace("<b>", "<i>").replace("</b>", "</i>")
        return value.replace("<i>", "<b>").replace("</i>", "</b>")

    monkeypatch.setattr(sanitize, "_backend", lambda: flip_flop)
    result = sanitize_html("<b>x</b>")
    assert result in {"&lt;b&gt;x&lt;/b&gt;", "&lt;i&gt;x&lt;/i&gt;"}
    assert flip_flop(result, None) == result


# --------------------------------------------------------------------------- backend choice


class _UnconfiguredSettings:
    def __getattr__(self, name):
        raise ImproperlyConfigured("settings are not configured")


def test_backend_defaults_to_bleach_without_settings(monkeypatch):
    monkeypatch.setattr(django.conf, "settings", _UnconfiguredSettings())
    assert sanitize_html("<script>x</script><p>ok</p>") == "<p>ok</p>"


def test_backend_defaults_to_bleach_when_setting_absent(monkeypatch):
    monkeypatch.setattr(django.conf, "settings", SimpleNamespace())
    assert sanitize_html("<p onclick=x>ok</p>") == "<p>ok</p>"


def test_unknown_backend_is_improperly_configured(monkeypatch):
    monkeypatch.setattr(django.conf, "settings", SimpleNamespace(SANITIZER_BACKEND="nh3"))
    with pytest.raises(ImproperlyConfigured, match="nh3"):
        sanitize_html("<p>x</p>")
    with pytest.raises(ImproperlyConfigured):
        strip_tags_to_text("<p>x</p>")


# --------------------------------------------------------------------------- profiles, threads


def test_profiles_are_read_only():
    with pytest.raises(TypeError):
        PROFILES["evil"] = PROFILES["default"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        PROFILES["default"].tags = frozenset({"script"})  # type: ignore[misc]


@pytest.mark.parametrize(
    ("tags", "attributes"),
    [
        (frozenset({"p"}), {"p": frozenset({"style"})}),
        (frozenset({"p"}), {"p": frozenset({"onclick"})}),
        (frozenset({"a"}), {"a": frozenset({"target"})}),
        (frozenset({"p", "script"}), {}),
        (frozenset({"p"}), {"a": frozenset({"href"})}),
    ],
)
def test_unsafe_profiles_cannot_be_built(tags, attributes):
    with pytest.raises(ValueError):
        SanitizerProfile(name="x", tags=tags, attributes=attributes, protocols=frozenset())


@pytest.mark.parametrize("scheme", ["javascript", "data", "vbscript", "file"])
def test_profiles_cannot_allow_dangerous_schemes(scheme):
    with pytest.raises(ValueError, match=scheme):
        SanitizerProfile(name="x", tags={"a"}, attributes={"a": {"href"}}, protocols={scheme})


def test_profiles_freeze_what_they_are_given():
    attrs = {"a": {"href"}}
    profile = SanitizerProfile(name="x", tags={"a"}, attributes=attrs, protocols={"https"})
    attrs["a"].add("onclick")
    assert profile.attributes["a"] == frozenset({"href"})
    assert isinstance(profile.tags, frozenset)


def test_each_thread_gets_its_own_cleaner():
    profile = PROFILES["default"]
    here = sanitize._cleaner_for(profile)
    assert sanitize._cleaner_for(profile) is here
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(sanitize._cleaner_for(profile)))
    thread.start()
    thread.join()
    assert elsewhere and elsewhere[0] is not here


def test_concurrent_use_gives_the_same_results_as_serial_use():
    inputs = [
        f"<p>{i} <a href='https://e.org/{i}'>l</a><script>{i}</script></p>" for i in range(200)
    ]
    expected = [sanitize_html(v) for v in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(sanitize_html, inputs * 4))
    assert results == expected * 4


def test_wagtail_profile_keeps_draftail_block_keys_but_only_plain_ones():
    html = (
        '<p data-block-key="a1b2c">Kept</p><h2 data-block-key="x9">Heading</h2>'
        '<p data-block-key="a b&quot;onclick=x">Dropped key</p>'
    )
    cleaned = sanitize_html(html, profile="wagtail")
    assert '<p data-block-key="a1b2c">Kept</p>' in cleaned
    assert '<h2 data-block-key="x9">Heading</h2>' in cleaned
    assert "<p>Dropped key</p>" in cleaned
    assert "data-block-key" not in sanitize_html(html)


# --------------------------------------------------------------------------- plain text

_TEXT_POOL = (
    [chr(c) for c in range(0x20, 0x7F) if chr(c) not in "<>&"]
    + [chr(c) for c in range(0xA0, 0x250)]  # Latin, with the no-break space
    + [chr(c) for c in range(0x400, 0x450)]  # Cyrillic
    + [chr(c) for c in range(0x600, 0x650)]  # Arabic
    + [chr(c) for c in range(0x4E00, 0x4E40)]  # CJK
    + ["\N{GRINNING FACE}", "\N{EM DASH}", "\u2019", "\u201c", "\N{EURO SIGN}", "\ufffd"]
    + ["\n", "\t", "\n\n"]
)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_plain_text_is_returned_as_the_backend_would_return_it(profile):
    """The plain-text shortcut keeps the backend's promise: on random text of
    many scripts (with no-break and soft hyphens, which take the full path),
    every text it takes is exactly what cleaning would give."""
    rng = random.Random(profile)
    taken = 0
    for _ in range(1500):
        text = "".join(rng.choice(_TEXT_POOL) for _ in range(rng.randint(1, 80)))
        if not sanitize._is_plain_text(text):
            continue
        taken += 1
        assert sanitize._backend()(text, PROFILES[profile]) == text, repr(text)
        assert sanitize_html(text, profile=profile) == text
    assert taken > 600


def test_plain_text_is_not_parsed(monkeypatch):
    def parse(*_args):
        raise AssertionError("parsed")

    monkeypatch.setattr(sanitize, "_backend", lambda: parse)
    text = "See you at the meeting, Amani! \N{GRINNING FACE}\nBring “notes”\t(optional)."
    assert sanitize_html(text, profile="inline") == text


@pytest.mark.parametrize(
    "text",
    [
        "a < b",
        "Tom & Jerry",
        "a > b",
        "line\r\nbreak",
        "nul\x00byte",
        "bell\x07",
        "right\u202eto left",  # a bidi override: invisible, so parsed
        "zero\u200bwidth",
        "line\u2028separator",
        "\ufeffbom",
    ],
)
def test_text_that_may_change_goes_through_the_backend(text):
    assert not sanitize._is_plain_text(text)
    assert sanitize_html(text, profile="inline") == sanitize._clean_to_fixed_point(
        sanitize._backend(), text, PROFILES["inline"]
    )
