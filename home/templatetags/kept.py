"""Pieces of a template made once per process (`core.site_wide`), for the
parts every page repeats (the header, the language switcher, the footer) and
the cards of lists (opportunities) and filters' forms.

    {% load kept %}
    {% kept "footer" country tags=menu_tag %}
        ... <input name="next" type="hidden" value="{{ here }}"> ...
    {% endkept %}

The piece is kept per process under its name, the active language, the
request's host and the values after the name (everything else it shows must
not change from one request to the next: the page's own fields, the reader,
a token or a nonce never go inside), while the `site` tag and the tags in
`tags=` hold. The page being made depends on the same tags, so a kept page
is forgotten when a piece changes.

`{{ here }}` inside stands for the reader's own address (the path and query
string), as HTML text or an attribute's value: the piece is kept with a
stand-in and each response gets the reader's address, escaped.
A piece holding a content warning is made for every reader in two forms
(people/warned_pieces.py), not here.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.caching import changes_everything_model
from content.translations import reader_language
from core import page_cache, site_wide

register = template.Library()

# Letters only: escaping leaves it as it is.
HERE = "keptpieceherestandin"


class KeptNode(template.Node):
    def __init__(self, nodelist, name, varies, tags):
        self.nodelist = nodelist
        self.name = name
        self.varies = varies
        self.tags = tags

    def render(self, context):
        request = context.get("request")
        if request is None:
            with context.push(here=""):
                return self.nodelist.render(context)
        tags = []
        for expression in self.tags:
            value = expression.resolve(context)
            if isinstance(value, (list, tuple)):
                tags.extend(str(tag) for tag in value if tag)
            elif value:
                tags.append(str(value))
        page_cache.depends_on_all(tags)
        key = (
            "kept",
            self.name.resolve(context),
            reader_language(),
            request.get_host(),
            *(expression.resolve(context) for expression in self.varies),
        )

        def make():
            with context.push(here=HERE):
                return str(self.nodelist.render(context))

        kept = site_wide.remember(key, make, tags=tuple(tags))
        return mark_safe(kept.replace(HERE, escape(request.get_full_path())))  # noqa: S308


@register.tag
def kept(parser, token):
    """{% kept "name" value ... [tags=expression ...] %} ... {% endkept %}"""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    name = parser.compile_filter(bits[0])
    varies, tags = [], []
    for bit in bits[1:]:
        if bit.startswith("tags="):
            tags.append(parser.compile_filter(bit.removeprefix("tags=")))
        else:
            varies.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, name, varies, tags)


# --- Forms ---------------------------------------------------------------------

FIELD_TEMPLATE = "components/form_field.html"


def _plain(choices) -> tuple:
    """Choices (lazy labels, groups) as plain, hashable text."""
    plain = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            plain.append((str(value), _plain(label)))
        else:
            plain.append((str(value), str(label)))
    return tuple(plain)


def form_key(form) -> tuple | None:
    """Everything a form's fields show, as a key: its class, prefix, initial
    values, the submitted values of its fields and their choices. None (not
    kept) when a field's choices come from a table whose every change does
    not bump the `site` tag, and for a submitted form unless it is valid and
    only chose among choices: words typed in (a search, a date) are not kept,
    so what is held is bounded, and holds nothing a reader wrote."""
    data = form.data
    getlist = getattr(data, "getlist", None)
    if form.is_bound and form.errors:
        return None
    fields = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        html_name = form.add_prefix(name)
        submitted = tuple(getlist(html_name)) if getlist else (str(data.get(html_name, "")),)
        if queryset is not None:
            if not changes_everything_model(queryset.model):
                return None
            choices = ()
        elif hasattr(field, "choices"):
            choices = _plain(field.choices)
        else:
            choices = None
            if form.is_bound and any(submitted):
                return None
        fields.append((name, submitted, choices))
    return (
        f"{type(form).__module__}.{type(form).__qualname__}",
        form.prefix,
        form.is_bound,
        repr(sorted(form.initial.items())),
        tuple(fields),
    )


@register.simple_tag(takes_context=True)
def kept_fields(context, form):
    """The form's fields, each drawn by components/form_field.html, as
    `{% for field in form %}{% include ... %}{% endfor %}` draws them: kept per
    process and language while the `site` tag holds (filters' forms, the
    same for every reader who submitted the same values)."""

    def make() -> str:
        return "".join(render_to_string(FIELD_TEMPLATE, {"field": field}) for field in form)

    key = form_key(form)
    if key is None or context.get("request") is None:
        return mark_safe(make())  # noqa: S308  (templates' own output)
    return mark_safe(site_wide.remember(("kept-fields", reader_language(), *key), make))  # noqa: S308
