"""`{% kept %}` (home/templatetags/kept.py): a piece of a template made once per
process, name, language, host and the values it names, while its tags hold;
the reader's own address put in each time."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core import page_cache, site_wide
from people.models import ContentWarningTopic, User

PIECE = Template(
    '{% load kept %}{% kept "piece" colour tags=tag %}'
    '{{ counter.next }} {{ colour }} <input value="{{ here }}">{% endkept %}'
)


class Counter:
    def __init__(self):
        self.calls = 0

    @property
    def next(self):
        self.calls += 1
        return self.calls


def render(path="/here/", colour="blue", tag="children:3", counter=None, host="testserver"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    context = {"request": request, "colour": colour, "tag": tag, "counter": counter or Counter()}
    return PIECE.render(Context(context))


def test_made_once_and_given_each_reader_their_own_address():
    counter = Counter()
    first = render("/campaigns/?q=a&b=<b>", counter=counter)
    second = render("/justice/", counter=counter)
    assert counter.calls == 1
    assert first == '1 blue <input value="/campaigns/?q=a&amp;b=%3Cb%3E">'
    assert second == '1 blue <input value="/justice/">'


def test_each_value_it_names_language_and_host_is_a_piece_of_its_own(settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    counter = Counter()
    render(counter=counter)
    assert render(colour="green", counter=counter).startswith("2 green")
    assert render(host="other.example", counter=counter).startswith("3 blue")
    with translation.override("es"):
        assert render(counter=counter).startswith("4 blue")
    assert render(counter=counter).startswith("1 blue")


@pytest.mark.parametrize("bumped", [page_cache.SITE, "children:3"])
def test_made_again_when_the_site_tag_or_one_of_its_tags_is_bumped(bumped):
    counter = Counter()
    render(counter=counter)
    page_cache.invalidate("children:4")
    assert render(counter=counter).startswith("1 ")
    page_cache.invalidate(bumped)
    assert render(counter=counter).startswith("2 ")


def test_the_page_being_made_depends_on_its_tags():
    making = page_cache.Making()
    token = page_cache._making.set(making)
    try:
        render(tag="children:9")
    finally:
        page_cache._making.reset(token)
    assert "children:9" in making.tags


def test_without_a_request_it_is_made_each_time_and_here_is_empty():
    counter = Counter()
    context = {"colour": "red", "tag": "", "counter": counter}
    assert PIECE.render(Context(context)) == '1 red <input value="">'
    assert PIECE.render(Context(context)) == '2 red <input value="">'


class Filters(forms.Form):
    q = forms.CharField(required=False)
    colour = forms.ChoiceField(required=False, choices=[("", "Any"), ("red", "Red")])
    topic = forms.ModelChoiceField(
        required=False, queryset=ContentWarningTopic.objects.all(), to_field_name="slug"
    )


class PeopleFilter(forms.Form):
    person = forms.ModelChoiceField(required=False, queryset=User.objects.all())


FIELDS = Template("{% load kept %}{% kept_fields form %}")
LOOP = Template('{% for field in form %}{% include "components/form_field.html" %}{% endfor %}')


def fields_of(form):
    request = RequestFactory().get("/")
    return FIELDS.render(Context({"form": form, "request": request}))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {"colour": "red"}, {"colour": "blue"}, {"q": "a <b> search"}, {"topic": "nope"}],
)
def test_kept_fields_draw_the_fields_as_the_loop_does(data):
    form = Filters(QueryDict(urlencode(data)) if data is not None else None)
    form.is_valid()
    assert fields_of(form) == LOOP.render(Context({"form": form}))
    assert fields_of(form) == LOOP.render(Context({"form": form}))


@pytest.mark.django_db
def test_only_forms_choosing_among_choices_are_kept(monkeypatch):
    monkeypatch.setattr(site_wide, "_held", {})
    fields_of(Filters())
    fields_of(Filters(QueryDict("colour=red")))
    assert len(site_wide._held) == 2
    for typed in ["q=anything", "colour=blue", "topic=nope"]:
        fields_of(Filters(QueryDict(typed)))
    fields_of(PeopleFilter())
    assert len(site_wide._held) == 2


@pytest.mark.django_db
def test_kept_fields_follow_a_changed_snippet_choice():
    topic = ContentWarningTopic.objects.create(name="First name", slug="first")
    assert "First name" in fields_of(Filters())
    topic.name = "Second name"
    topic.save()
    assert "Second name" in fields_of(Filters())
