"""The private guide without JavaScript: the form posts to the view, which
answers privately (no-store, no referrer), keeps nothing and logs nothing,
and meets bad input with a clear message and a 4xx, never a 500."""

import re
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pathways.factories import (
    LawyerQuestionFactory,
    RemedyDeadlineFactory,
    RemedyPageFactory,
    build_guide_example,
)
from pathways.tests.privacy_checks import cache_snapshot, every_log_line, row_counts

pytestmark = pytest.mark.django_db

URL = "/pathways/guide/"
FORM = "application/x-www-form-urlencoded"

ANSWERS = {
    "harm": ["zq-harm-lantern"],
    "happened": "zq-vell-ost",
    "lives": "zq-quor",
    "priority_1": "zq-out-heron",
    "priority_2": "compensation",
    "priority_3": "",
}
# What the answers above say, in the words they come in and those they mean;
# none of it appears in anything that is not the answer page.
ANSWER_TRACES = ["zq-harm-lantern", "zq-vell-ost", "zq-quor", "zq-out-heron", "Ostvell", "Quorland"]


@pytest.fixture
def example(home):
    return build_guide_example(home)


def post(client, data, **extra):
    """Send answers as the guide's form does (URL-encoded, never multipart)."""
    body = urllib.parse.urlencode(data, doseq=True)
    return client.post(URL, body, content_type=FORM, **extra)


def page_text(response) -> str:
    """The page without its inert <template>s (the markup the script fills)."""
    return re.sub(r"<template.*?</template>", "", response.content.decode(), flags=re.S)


def remedy_ids(html: str, list_name: str) -> list[int]:
    """The remedies shown in one list of the answer page, in order."""
    match = re.search(rf'data-guide-list="{list_name}">(.*?)</ol>', html, re.S)
    return (
        [int(id) for id in re.findall(r'data-guide-remedy="(\d+)"', match.group(1))]
        if match
        else []
    )


def deadline_places(html: str, remedy_id: int) -> list[str]:
    item = re.search(rf'data-guide-remedy="{remedy_id}">(.*?)</li>', html, re.S).group(1)
    return re.findall(r'data-guide-place="([^"]+)"', item)


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_url_is_named_guide():
    assert reverse("pathways:guide") == URL


def test_get_shows_the_empty_form_privately(client, example):
    response = client.get(URL)
    assert response.status_code == 200
    assert_private(response)
    html = page_text(response)
    assert '<form method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert "data-guide-results" not in html
    assert html.count("Your answers are not kept") == 4  # one line per step
    # Every place, kind of harm and outcome is offered.
    for value in ("zq-vell", "zq-vell-ost", "zq-quor", "zq-harm-lantern", "zq-out-heron"):
        assert f'value="{value}"' in html


def test_a_get_with_answers_in_its_address_reads_none_of_them(client, example):
    query = urllib.parse.urlencode(ANSWERS, doseq=True)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert_private(response)
    html = page_text(response)
    assert "data-guide-results" not in html
    form = re.search(r"<form method=\"post\".*?</form>", html, re.S).group(0)
    assert " checked" not in form
    assert "selected>" not in form.replace('value="" selected>', "")


def test_posted_answers_get_suggestions_in_order_with_their_deadlines(client, example):
    response = post(client, ANSWERS)
    assert response.status_code == 200
    assert_private(response)
    html = page_text(response)
    assert (
        '<form method="post" action="/pathways/guide/" class="stacked-form guide-form"' not in html
    )
    wages, record, circle = example["wages"], example["record"], example["circle"]
    assert remedy_ids(html, "suggested") == [wages.pk, record.pk, circle.pk]
    assert remedy_ids(html, "elsewhere") == []
    assert deadline_places(html, wages.pk) == ["zq-vell-ost", "zq-vell"]
    assert deadline_places(html, record.pk) == ["zq-quor"]
    assert "data-guide-place" not in re.search(
        rf'data-guide-remedy="{circle.pk}">(.*?)</li>', html, re.S
    ).group(1)
    assert html.count("data-guide-stale") == 1  # Ostvell's, checked 500 days ago
    questions = re.search(r"data-guide-questions>(.*?)</ol>", html, re.S).group(1)
    assert questions.count("Who pays if the employer has gone?") == 1
    assert questions.index("Can I claim wages") < questions.index("Who pays")
    assert 'href="/pathways/guide/"' in html  # start again
    # Copy and print need JavaScript; the served page has none of them.
    assert "data-guide-copy" not in html and "data-guide-print" not in html


def test_not_sure_and_nowhere_suggests_everything_without_deadlines(client, example):
    response = post(
        client,
        {
            "harm": [":not-sure", "zq-harm-lantern"],
            "happened": ":elsewhere",
            "lives": ":elsewhere",
            "priority_1": "compensation",
        },
    )
    assert response.status_code == 200
    html = page_text(response)
    e = example
    # Compensation first (wages, far fund; by title), then the rest by title.
    assert remedy_ids(html, "suggested") == [
        e["wages"].pk,
        e["far_fund"].pk,
        e["record"].pk,
        e["circle"].pk,
    ]
    assert "data-guide-place" not in html
    assert "Without a place we cannot show time limits" in html


def test_when_no_remedy_matches_the_place_others_are_shown_apart(client, example):
    response = post(
        client,
        {
            "harm": ["zq-harm-lantern"],
            "happened": "zq-far",
            "lives": ":elsewhere",
            "priority_1": "compensation",
        },
    )
    html = page_text(response)
    assert remedy_ids(html, "suggested") == [example["far_fund"].pk, example["circle"].pk]
    example["circle"].delete()
    html = post(
        client,
        {
            "harm": ["zq-harm-lantern"],
            "happened": "zq-vell",
            "lives": ":elsewhere",
            "priority_1": "clean-record",
        },
    )
    html = page_text(html)
    assert remedy_ids(html, "suggested") == [example["wages"].pk]
    # Quorland's record clearing is not offered for Vellmark while something matches.
    assert example["record"].pk not in remedy_ids(html, "elsewhere")


def test_remedies_elsewhere_are_shown_apart_only_when_none_matches(client, example):
    example["circle"].delete()
    example["record"].delete()
    html = post(
        client,
        {
            "harm": ["zq-harm-lantern"],
            "happened": "zq-quor",
            "lives": "zq-quor",
            "priority_1": "compensation",
        },
    )
    html = page_text(html)
    assert remedy_ids(html, "suggested") == []
    assert remedy_ids(html, "elsewhere") == [example["wages"].pk, example["far_fund"].pk]
    assert "May apply elsewhere: ask a lawyer" in html


BAD_ANSWERS = {
    "an unknown kind of harm": {**ANSWERS, "harm": ["zq-unknown-kind-9"]},
    "an unknown place": {**ANSWERS, "happened": "zq-unknown-place-9"},
    "an unknown outcome": {**ANSWERS, "priority_2": "zq-unknown-outcome-9"},
    "no kind of harm": {k: v for k, v in ANSWERS.items() if k != "harm"},
    "no place of harm": {**ANSWERS, "happened": ""},
    "no place of living": {k: v for k, v in ANSWERS.items() if k != "lives"},
    "nothing that matters": {**ANSWERS, "priority_1": "", "priority_2": ""},
    "a repeated priority": {**ANSWERS, "priority_3": "zq-out-heron"},
    "nothing at all": {},
    "a place given twice": {**ANSWERS, "happened": ["zq-vell", "zq-unknown-place-9"]},
    "a very long value": {**ANSWERS, "lives": "zq-" + "x" * 5000},
}


@pytest.mark.parametrize("data", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answers_get_a_clear_message_and_a_400(client, example, data):
    response = post(client, data)
    assert response.status_code == 400
    assert_private(response)
    html = page_text(response)
    assert "Some answers are missing or could not be read" in html
    assert 'class="errorlist' in html
    assert "data-guide-results" not in html
    assert "zq-unknown" not in html and "xxxxxxxx" not in html


def test_a_body_too_big_to_read_gets_413_and_a_message(client, example, settings):
    body = urllib.parse.urlencode({**ANSWERS, "filler": "zq-quor" * 1000})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert_private(response)
    html = page_text(response)
    assert "far too long to read" in html
    assert "data-guide-results" not in html and "zq-quorzq-quor" not in html


def test_a_body_above_the_default_limit_gets_413(client, example, settings):
    body = "harm=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_too_many_fields_get_400_and_a_message(client, example, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    body = urllib.parse.urlencode({"harm": ["zq-harm-lantern"] * 50}, doseq=True)
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "far too many parts" in page_text(response)


def test_answers_sent_as_files_are_refused_unread(client, example):
    response = client.post(URL, {**ANSWERS, "upload": SimpleUploadedFile("x.txt", b"zq-quor")})
    assert response.status_code == 400
    assert "cannot read" in page_text(response)
    response = client.post(URL, '{"harm": "zq-quor"}', content_type="application/json")
    assert response.status_code == 400


def test_other_methods_are_not_allowed(client, example):
    assert client.put(URL, "harm=zq-quor").status_code == 405


def test_the_csrf_failure_page_repeats_no_answer(example):
    client = Client(enforce_csrf_checks=True)
    response = post(client, ANSWERS)
    assert response.status_code == 403
    html = page_text(response)
    assert not [trace for trace in ANSWER_TRACES if trace in html]


def test_a_csrf_protected_post_with_its_token_is_answered(example):
    client = Client(enforce_csrf_checks=True)
    html = page_text(client.get(URL))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = post(client, {**ANSWERS, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "data-guide-results" in page_text(response)


# --- Nothing kept, nothing logged -------------------------------------------


def test_a_post_keeps_nothing_in_the_database_or_the_cache(client, example):
    client.get(URL)  # what any page view puts in the cache (site root paths) is there
    rows, cached = row_counts(), cache_snapshot()
    response = post(client, ANSWERS)
    assert response.status_code == 200 and "data-guide-results" in page_text(response)
    bad = post(client, {**ANSWERS, "priority_3": "zq-out-heron"})
    assert bad.status_code == 400
    assert row_counts() == rows
    after = cache_snapshot()
    assert after == cached
    stored = b"".join(v if isinstance(v, bytes) else repr(v).encode() for v in after.values())
    assert not [t for t in ANSWER_TRACES if t.encode() in stored]
    assert not client.session.items()


def test_no_log_line_carries_an_answer(client, example, settings):
    with every_log_line() as log:
        post(client, ANSWERS)
        post(client, {**ANSWERS, "happened": "zq-unknown-place-9"})
        post(client, {**ANSWERS, "priority_3": "zq-out-heron"})
        post(Client(enforce_csrf_checks=True), ANSWERS)  # django.security.csrf speaks
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
        post(client, {**ANSWERS, "a": 1, "b": 2, "c": 3})
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50
        post(client, ANSWERS)
    text = "\n".join(log.lines)
    assert "Forbidden (CSRF" in text  # the collector hears Django's security loggers
    assert not [trace for trace in [*ANSWER_TRACES, "zq-unknown"] if trace in text]


# --- Cost --------------------------------------------------------------------


def add_remedies(index, count, place):
    for n in range(count):
        page = RemedyPageFactory(
            parent=index, title=f"Extra remedy {place.code} {n}", slug=f"extra-{place.code}-{n}"
        )
        RemedyDeadlineFactory(page=page, jurisdiction=place)
        LawyerQuestionFactory(page=page)


def test_the_answer_costs_the_same_queries_for_ten_times_the_remedies(
    client, example, django_assert_num_queries
):
    add_remedies(example["index"], 2, example["places"]["vell"])
    post(client, ANSWERS)  # warm the site's caches
    with CaptureQueriesContext(connection) as few:
        assert post(client, ANSWERS).status_code == 200
    add_remedies(example["index"], 20, example["places"]["quor"])
    with django_assert_num_queries(len(few)):
        response = post(client, ANSWERS)
    assert len(remedy_ids(page_text(response), "suggested")) == 3 + 22
    with django_assert_num_queries(len(few)):
        client.get(URL)
