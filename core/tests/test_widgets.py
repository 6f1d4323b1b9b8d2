"""QuickSelect writes what Django's own Select writes, only faster."""

import re

from django import forms

from core.widgets import QuickSelect, QuickSelectMultiple


def _same_html(html: str) -> str:
    """Django's templates put line breaks and indentation between the tags."""
    return re.sub(r">\s+<", "><", html.strip())


CHOICES = [
    ("", "Any"),
    ("th", "Thai & <Lao>"),
    ("Nearby", [("km", 'Khmer "ខ្មែរ"'), ("my", "Burmese")]),
    (3, "A number"),
]


def test_quick_select_writes_what_djangos_select_writes():
    for value in ("", "th", "km", 3, None, "not-a-choice"):
        attrs = {"id": "id_language", "class": "wide", "required": True, "disabled": False}
        ours = QuickSelect(choices=CHOICES).render("language", value, attrs=attrs)
        theirs = forms.Select(choices=CHOICES).render("language", value, attrs=attrs)
        assert ours == _same_html(theirs), value


def test_quick_select_multiple_writes_what_djangos_writes():
    for value in ([], ["th", "km"], ["my"], None):
        ours = QuickSelectMultiple(choices=CHOICES).render("languages", value, {"id": "x"})
        theirs = forms.SelectMultiple(choices=CHOICES).render("languages", value, {"id": "x"})
        assert ours == _same_html(theirs), value


def test_safe_strings_are_treated_as_djangos_templates_treat_them():
    from django.utils.safestring import mark_safe

    choices = [(mark_safe("<v>"), mark_safe("<i>label</i>"))]
    attrs = {"data-x": mark_safe("<a>")}
    ours = QuickSelect(choices=choices).render("x", None, attrs=attrs)
    assert ours == _same_html(forms.Select(choices=choices).render("x", None, attrs=attrs))


def test_labels_and_values_are_escaped():
    html = QuickSelect(choices=[('"><script>', "<b>bold</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_form_field_with_quick_select_validates_as_before():
    class Filter(forms.Form):
        language = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)

    assert Filter({"language": "km"}).is_valid()
    bound = Filter({"language": "zz"})
    assert not bound.is_valid() and "language" in bound.errors
    assert 'selected>Khmer "ខ្មែរ"' in str(Filter({"language": "km"})["language"]).replace(
        "&quot;", '"'
    )
