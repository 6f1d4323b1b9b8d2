"""Page words in the reader's language, marked for what they are, in every
template (TEMPLATES' builtins):

    <h1{{ page|content_lang }}>{{ page.title }}</h1>
        ` lang="en"` when the page is shown in English to a reader of another
        language (no translation yet), so screen readers and fonts get it
        right; nothing when the words are in the reader's language.
    {% untranslated_notice page %}
        One line saying the page is not translated into the reader's
        language yet, and which language it is shown in.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.locales import language_name

from .translations import is_untranslated, reader_language, shown_language

register = template.Library()


@register.filter
def content_lang(page):
    if not isinstance(page, Page) or not is_untranslated(page):
        return ""
    return format_html(' lang="{}"', shown_language(page))


@register.simple_tag
def untranslated_notice(page):
    if not isinstance(page, Page) or not is_untranslated(page):
        return ""
    text = _("This page is not translated into %(language)s yet, so it is shown in %(source)s.") % {
        "language": language_name(reader_language()),
        "source": language_name(shown_language(page)),
    }
    return format_html('<p class="translation-note" role="note">{}</p>', text)
