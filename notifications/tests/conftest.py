"""A kind of notice about a page, declared for these tests only: it leads to
the page while the reader may see it (a live page), and says nothing of it
once the page is gone or unpublished."""

import pytest

from campaigns.tests.conftest import campaign, index  # noqa: F401  (the mailing tests' campaign)
from notifications.notices import Shown, register_notice, unregister_notice

SAMPLE = "tests.page_changed"
SECRET_TITLE = "Safe house on Elm Street"


def show_sample(params, reader):
    from wagtail.models import Page

    page = Page.objects.live().filter(pk=params["page"]).first()
    if page is None:
        return None
    return Shown(text=f"“{page.title}” changed", url=page.url)


@pytest.fixture
def sample_kind():
    register_notice(SAMPLE, label="A page you follow changed", show=show_sample)
    yield SAMPLE
    unregister_notice(SAMPLE)


@pytest.fixture
def secret_page(home):
    from home.models import StandardPage

    page = StandardPage(title=SECRET_TITLE, slug="elm-street")
    home.add_child(instance=page)
    return page
