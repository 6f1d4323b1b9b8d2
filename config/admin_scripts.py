"""The inline scripts the Wagtail admin writes, recognised so that they, and
nothing else, get the request's CSP nonce.

Wagtail (8.0) still writes a few inline `<script>`s into its pages
(wagtail/wagtail#1288), each of which starts one widget with data that differs
per form and per request, so hashes cannot allow them, and Wagtail offers no
nonce for them. Allowing them through `'unsafe-inline'` would allow any script
that reached an admin page. Instead, every inline script of an admin response
is compared with the shapes Wagtail writes: a call of one of its widget
initialisers whose arguments are plain JSON data. Only scripts of exactly that
shape get the nonce; anything else (a script smuggled in through content, a
shape a Wagtail upgrade introduces) stays blocked, and the admin CSP browser
test (tests/browser/test_admin_csp.py) names it.
"""

import json
import re

# `new PageChooser("id_field", {...});` and the other choosers (admin/widgets/chooser.py)
_NEW_CHOOSER = re.compile(r"new ((?:[A-Za-z]+\.)*[A-Za-z]*Chooser)\((.*)\);?", re.DOTALL)
# `createTaskChooser("id_field");` (admin/widgets/workflows.py) and
# `initDateTimeChooser("id_field", {...});` (wagtailadmin/widgets/*_input.html)
_CALL = re.compile(
    r"(createTaskChooser|initDateChooser|initTimeChooser|initDateTimeChooser)\((.*)\);?",
    re.DOTALL,
)
# `(function() { var panel = new InlinePanel(JSON.parse("...")); })();`
# (wagtailadmin/panels/inline_panel.html and multiple_chooser_panel.html)
_PANEL = re.compile(
    r"\(function\(\)\s*\{\s*var panel = new (InlinePanel|MultipleChooserPanel)"
    r"\(JSON\.parse\((\"(?:[^\"\\]|\\.)*\")\)\);\s*\}\)\(\);",
    re.DOTALL,
)
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _json_arguments(arguments: str) -> list | None:
    """The arguments of a call, if they are JSON values and nothing else."""
    try:
        parsed = json.loads(f"[{arguments}]")
    except ValueError:
        return None
    return parsed if isinstance(parsed, list) else None


def is_wagtail_initialiser(code: str) -> bool:
    """True for an inline script that only starts one of Wagtail's widgets with data."""
    code = code.strip()
    if match := _NEW_CHOOSER.fullmatch(code):
        arguments = _json_arguments(match.group(2))
        return arguments is not None and 1 <= len(arguments) <= 2
    if match := _CALL.fullmatch(code):
        arguments = _json_arguments(match.group(2))
        return arguments is not None and 1 <= len(arguments) <= 2
    if match := _PANEL.fullmatch(code):
        try:
            options = json.loads(json.loads(match.group(2)))
        except ValueError:
            return False
        return isinstance(options, dict)
    return False


def _is_inline_executable(attrs: str) -> bool:
    if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or re.search(r"\bnonce\s*=", attrs):
        return False
    kind = _TYPE_ATTR.search(attrs)
    return (kind.group(1).lower() if kind else "") in _EXECUTABLE_TYPES


def add_nonce_to_wagtail_scripts(html: str, nonce: str) -> tuple[str, int]:
    """`html` with `nonce` on each inline script that is a Wagtail initialiser,
    and how many got it."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attrs, code = match.group("attrs"), match.group("code")
        if not _is_inline_executable(attrs) or not is_wagtail_initialiser(code):
            return match.group(0)
        count += 1
        return f'<script nonce="{nonce}"{attrs}>{code}</script>'

    return _SCRIPT.sub(replace, html), count
