"""`{% kept %}` (home/templatetags/kept.py): a piece of a template made once per
process, name, language, host and the values it names, while its tags hold;
the reader's own address put in each time."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core import page_cache

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
