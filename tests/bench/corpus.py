"""Realistic rich text for the sanitiser benchmark, and hostile inputs for its cross-check.

The benign texts are the shapes the platform stores: story-vault parts written in the
editor, short bios, council messages, and Wagtail rich text with its placeholders. The
hostile ones are classic XSS and mutation-XSS carriers; each hides the marker
``PWNED`` only where it would run or be parsed as markup, so a safe sanitiser's output
never contains it.
"""

from __future__ import annotations

from dataclasses import dataclass

HOSTILE_MARKER = "PWNED"


@dataclass(frozen=True)
class Sample:
    """One input: what kind of text it is, which profile sanitises it, and the HTML."""

    kind: str
    profile: str
    html: str


_STORY = """
<h2>Finding my footing</h2>
<p>When I arrived in the city I did not know anyone. The <strong>first thing</strong> that
helped was a <a href="https://example.org/helpline">helpline</a> run by people who had been
where I was. I want other survivors to know that <em>asking for help is strength</em>.</p>
<p>Things that helped me, in order:</p>
<ol><li>A safe place to sleep for two weeks.</li><li>Someone who spoke my language.</li>
<li>Legal advice I could trust, from <a href="https://example.org/legal" title="Legal aid">
a legal aid clinic</a>.</li></ol>
<blockquote><p>"You are the expert on your own life." — my first advocate</p></blockquote>
<p>Today I train hotel staff to notice the signs. If you want to talk, write to
<a href="mailto:hello@example.org">hello@example.org</a>.</p>
<h3>What I would change</h3>
<ul><li>Services that ask <u>before</u> sharing anything.</li>
<li>Forms in more than one language.</li><li>Less waiting.</li></ul>
<p>Thank you for reading.<br>More soon.</p>
"""

_BIO = (
    "<p>Survivor leader and peer mentor. I speak <strong>Thai</strong> and English and "
    "work on <em>labour rights</em> in fishing and agriculture. "
    '<a href="https://example.org/me">My organisation</a>.</p>'
)

_MESSAGES = [
    "Good morning everyone, the agenda is in the shared folder.",
    "<p>I agree with <strong>Noi</strong>: we should ask the hotel group first.</p>",
    "Can we move the meeting to Thursday? <em>Tuesday is hard for me.</em>",
    '<p>Draft letter: <a href="https://example.org/draft">here</a> — comments welcome.</p>',
    "Thank you all ❤️ that was a good session.",
    "<p>Three points:<br>1. budget<br>2. training dates<br>3. who speaks to the press</p>",
]

_WAGTAIL = (
    '<h2 data-block-key="a1b2c">Know your rights</h2>'
    '<p data-block-key="d3e4f">You can stop at any time. Read <a linktype="page" id="12">'
    'how consent works</a> or <a href="https://example.org/rights">the full guide</a>.</p>'
    '<embed embedtype="image" id="7" format="left" alt="A path through a park"/>'
    '<ul><li data-block-key="g5h6i">You decide what is shared.</li>'
    '<li data-block-key="j7k8l">You can change your mind.</li></ul>'
)

_HOSTILE = [
    f"<script>{HOSTILE_MARKER}()</script><p>hello</p>",
    f'<img src=x onerror="{HOSTILE_MARKER}()">',
    f'<a href="javascript:{HOSTILE_MARKER}()">click</a>',
    f'<a href="jav&#x09;ascript:{HOSTILE_MARKER}()">tab</a>',
    f'<a href="&#106avascript:{HOSTILE_MARKER}()">entity</a>',
    f'<a href="data:text/html;base64,{HOSTILE_MARKER}">data</a>',
    f'<p onclick="{HOSTILE_MARKER}()" style="x:expression({HOSTILE_MARKER})">p</p>',
    f"<svg><script>{HOSTILE_MARKER}()</script></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={HOSTILE_MARKER}()>",
    f'<noscript><p title="</noscript><img src=x onerror={HOSTILE_MARKER}()>">',
    f'<iframe srcdoc="<script>{HOSTILE_MARKER}()</script>"></iframe>',
    f"<style>@import '{HOSTILE_MARKER}';</style>",
    f"<!--<img src=x onerror={HOSTILE_MARKER}()>-->",
    f'<template><img src=x onerror="{HOSTILE_MARKER}()"></template>',
    f'<textarea><img src=x onerror="{HOSTILE_MARKER}()"></textarea>',
    f'<SCRIPT SRC="//example.invalid/{HOSTILE_MARKER}.js"></SCRIPT>',
    f'<a href="  JaVaScRiPt:{HOSTILE_MARKER}()">case</a>',
    f'<object data="{HOSTILE_MARKER}.swf"></object>',
    f'<form action="javascript:{HOSTILE_MARKER}()"><button>go</button></form>',
    f"<div><xmp><img src=x onerror={HOSTILE_MARKER}()></xmp></div>",
    f'<a href="java\x00script:{HOSTILE_MARKER}()">nul</a>',
    f'<a href="`javascript:{HOSTILE_MARKER}()`">backtick</a>',
    '<p title="a note" lang="en" dir="rtl">attributes outside the allowlist</p>',
]

BENIGN: list[Sample] = [
    Sample("story part", "default", _STORY),
    Sample("bio", "default", _BIO),
    *(Sample("message", "default", text) for text in _MESSAGES),
    Sample("wagtail rich text", "wagtail", _WAGTAIL),
]

HOSTILE: list[Sample] = [
    Sample("hostile", profile, text) for text in _HOSTILE for profile in ("default", "wagtail")
]
