"""Content warnings: each reader decides what is collapsed; until they choose,
everything that carries a warning is collapsed."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from people.content_warnings import COOKIE_NAME, hidden_topic_ids
from people.models import ContentWarningTopic, Profile

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load content_warnings %}{% content_warning topics %}<p>Inside</p>{% endcontent_warning %}"
)


@pytest.fixture
def topics():
    return [
        ContentWarningTopic.objects.create(name="Violence", slug="violence"),
        ContentWarningTopic.objects.create(name="Debt and money", slug="debt"),
    ]


def render_for(request, topics):
    return TEMPLATE.render(Context({"request": request, "topics": topics}))


def visitor_request(cookie=None):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    if cookie is not None:
        request.COOKIES[COOKIE_NAME] = cookie
    return request


def test_a_reader_who_has_not_chosen_gets_everything_collapsed(topics):
    html = render_for(visitor_request(), [topics[1]])
    assert "<details" in html and "Debt and money" in html and "<p>Inside</p>" in html


def test_content_without_topics_is_shown_as_is(topics):
    assert render_for(visitor_request(), []) == "<p>Inside</p>"


def test_a_visitors_cookie_choice_decides(topics):
    violence, debt = topics
    request = visitor_request(cookie=str(violence.pk))
    assert "<details" in render_for(request, [violence])
    request = visitor_request(cookie=str(violence.pk))
    html = render_for(request, [debt])
    assert "<details" not in html and "Content note:" in html and "<p>Inside</p>" in html


def test_an_unreadable_cookie_falls_back_to_collapsing_everything(topics):
    assert hidden_topic_ids(visitor_request(cookie="1-x-<script>")) == {t.pk for t in topics}
    assert hidden_topic_ids(visitor_request(cookie="none")) == frozenset()


def test_a_visitor_saves_a_choice_in_a_cookie_and_returns_where_they_were(client, topics):
    violence, _debt = topics
    response = client.post(
        reverse("people:content_warnings"),
        {"topics": [violence.pk], "next": "/know-your-rights/"},
    )
    assert response.status_code == 302 and response["Location"] == "/know-your-rights/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == str(violence.pk) and cookie["httponly"]
    page = client.get(reverse("people:content_warnings"))
    assert page.context["form"].initial["topics"] == [violence.pk]


def test_choosing_nothing_is_remembered_as_nothing(client, topics):
    response = client.post(reverse("people:content_warnings"), {})
    assert response.cookies[COOKIE_NAME].value == "none"


def test_the_next_address_must_stay_on_this_site(client, topics):
    response = client.post(
        reverse("people:content_warnings"), {"topics": [], "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == reverse("people:content_warnings")


def test_an_unknown_topic_is_a_clear_error(client, topics):
    response = client.post(reverse("people:content_warnings"), {"topics": ["999999"]})
    assert response.status_code == 200
    assert response.context["form"].errors["topics"]


def test_members_choose_in_their_profile(client, user_factory, topics):
    violence, debt = topics
    member = user_factory()
    client.force_login(member)
    client.post(reverse("people:content_warnings"), {"topics": [debt.pk]})
    profile = Profile.objects.get(user=member)
    assert profile.content_warnings_chosen
    assert list(profile.content_warning_topics.all()) == [debt]
    request = RequestFactory().get("/")
    request.user = member
    assert hidden_topic_ids(request) == {debt.pk}
    assert "<details" not in render_for(request, [violence])


def test_the_preferences_page_counts_as_a_choice(client, user_factory, topics):
    member = user_factory()
    client.force_login(member)
    request = RequestFactory().get("/")
    request.user = member
    assert hidden_topic_ids(request) == {t.pk for t in topics}
    client.post(reverse("people:preferences"), {"preferred_language": ""})
    request = RequestFactory().get("/")
    request.user = member
    assert hidden_topic_ids(request) == frozenset()


def test_hidden_ids_are_computed_once_per_request(django_assert_num_queries, topics):
    request = visitor_request()
    with django_assert_num_queries(1):
        for _ in range(3):
            render_for(request, topics)
