"""The notices page, marking read, the email settings, and the unread count
in the header."""

import pytest
from django.urls import reverse

from notifications.models import Email, Notice, NoticePreference
from notifications.notices import kinds, notify

from .conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(user_factory):
    return user_factory()


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.mark.parametrize(
    "name,args",
    [("list", []), ("settings", []), ("mark_all_read", []), ("mark_read", [1])],
)
def test_every_page_needs_sign_in(client, name, args):
    url = reverse(f"notifications:{name}", args=args)
    response = client.post(url) if "mark" in name else client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_list_shows_newest_first_and_says_which_are_unread(
    signed_in, member, sample_kind, secret_page
):
    older = notify(member, sample_kind, {"page": secret_page.pk})
    Notice.objects.filter(pk=older.pk).update(read_at=older.created_at)
    notify(member, sample_kind, {"page": secret_page.pk})
    page = signed_in.get(reverse("notifications:list")).content.decode()
    assert page.count(SECRET_TITLE) == 2
    assert page.count("Unread:") == 1
    assert page.index("Unread:") < page.index("Mark as read")
    assert f'href="{secret_page.url}"' in page


def test_a_notice_about_something_gone_shows_no_detail(signed_in, member, sample_kind, secret_page):
    notify(member, sample_kind, {"page": secret_page.pk})
    secret_page.unpublish()
    page = signed_in.get(reverse("notifications:list")).content.decode()
    assert SECRET_TITLE not in page and secret_page.url not in page
    assert "no longer available to you" in page


def test_the_list_is_paginated(signed_in, member, sample_kind, secret_page):
    for _ in range(25):
        notify(member, sample_kind, {"page": secret_page.pk})
    first = signed_in.get(reverse("notifications:list")).content.decode()
    second = signed_in.get(reverse("notifications:list") + "?page=2").content.decode()
    assert first.count(SECRET_TITLE) == 20 and second.count(SECRET_TITLE) == 5


def test_others_notices_are_not_listed_and_cannot_be_marked(
    signed_in, user_factory, sample_kind, secret_page
):
    theirs = notify(user_factory(), sample_kind, {"page": secret_page.pk})
    page = signed_in.get(reverse("notifications:list")).content.decode()
    assert SECRET_TITLE not in page and "You have no notices yet." in page
    response = signed_in.post(reverse("notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404
    signed_in.post(reverse("notifications:mark_all_read"))
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_mark_one_and_mark_all_read(signed_in, member, sample_kind, secret_page):
    one, two, three = (notify(member, sample_kind, {"page": secret_page.pk}) for _ in range(3))
    assert signed_in.get(reverse("notifications:mark_read", args=[one.pk])).status_code == 405
    response = signed_in.post(reverse("notifications:mark_read", args=[one.pk]))
    assert response.status_code == 302
    assert set(Notice.objects.unread().values_list("pk", flat=True)) == {two.pk, three.pk}
    assert signed_in.get(reverse("notifications:mark_all_read")).status_code == 405
    signed_in.post(reverse("notifications:mark_all_read"))
    assert not Notice.objects.unread().exists()


def test_the_header_counts_unread_notices_in_words(signed_in, member, sample_kind, secret_page):
    page = signed_in.get(reverse("people:account")).content.decode()
    assert reverse("notifications:list") in page and "unread" not in page
    for _ in range(3):
        notify(member, sample_kind, {"page": secret_page.pk})
    page = signed_in.get(reverse("people:account")).content.decode()
    assert '<span class="badge" aria-hidden="true">3</span>' in page
    assert '<span class="visually-hidden">, 3 unread</span>' in page


def test_the_header_has_no_notices_link_when_signed_out(client, home):
    assert reverse("notifications:list") not in client.get("/").content.decode()


def _settings_data(kind, email, detailed=False):
    """Every kind as it is by default, and `kind` as given."""
    data = {f"{other.name}-email": "immediately" for other in kinds()}
    data[f"{kind}-email"] = email
    if detailed:
        data[f"{kind}-detailed"] = "on"
    return data


def test_settings_list_each_kind_with_a_plain_warning(signed_in, sample_kind):
    page = signed_in.get(reverse("notifications:settings")).content.decode()
    assert "A page you follow changed" in page
    assert "Anyone who can read your inbox would see that too." in page
    assert 'value="immediately"' in page and "checked" in page  # the default


def test_settings_are_saved(signed_in, member, sample_kind):
    response = signed_in.post(
        reverse("notifications:settings"), _settings_data(sample_kind, "daily", detailed=True)
    )
    assert response.status_code == 302
    preference = NoticePreference.objects.get(user=member, kind=sample_kind)
    assert (preference.email, preference.detailed) == (Email.DAILY, True)
    signed_in.post(reverse("notifications:settings"), _settings_data(sample_kind, "never"))
    preference.refresh_from_db()
    assert (preference.email, preference.detailed) == (Email.NEVER, False)


def test_a_bad_choice_is_explained_and_nothing_is_lost(signed_in, member, sample_kind):
    response = signed_in.post(
        reverse("notifications:settings"), _settings_data(sample_kind, "hourly", detailed=True)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice." in page and "nothing was saved" in page
    assert "checked" in page  # the detailed box keeps what was sent
    assert not NoticePreference.objects.filter(user=member).exists()


def test_the_unread_count_is_one_query_however_many_notices(
    rf, member, sample_kind, secret_page, django_assert_num_queries
):
    from django.template import Context, Template

    for _ in range(30):
        notify(member, sample_kind, {"page": secret_page.pk})
    request = rf.get("/")
    request.user = member
    template = Template("{% load notices %}{% unread_notice_count as n %}{{ n }}")
    with django_assert_num_queries(1):
        assert template.render(Context({"request": request})) == "30"
