"""A reform proposal names the remedies it would change: its page links each
one anyone may read, and each remedy page lists the proposal back."""

import pytest
from wagtail.models import PageViewRestriction

from advocacy.proposals.factories import make_proposal, make_proposal_index
from pathways.factories import RemedyIndexPageFactory, RemedyPageFactory
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_proposal_links_the_public_remedies_it_names(client, home):
    remedies = RemedyIndexPageFactory(parent=home)
    public = RemedyPageFactory(parent=remedies, title="Civil suit for wages")
    draft = RemedyPageFactory(parent=remedies, title="Unpublished remedy", live=False)
    restricted = RemedyPageFactory(parent=remedies, title="Restricted remedy")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    proposal = make_proposal(
        make_proposal_index(home), owner=UserFactory(), status="open", title="Longer limits"
    )
    proposal.remedies.set([public, draft, restricted])
    proposal.save()

    html = client.get(proposal.url).content.decode()
    assert "Remedies it would change" in html
    assert f'<a href="{public.url}">Civil suit for wages</a>' in html
    assert "Unpublished remedy" not in html
    assert "Restricted remedy" not in html
    assert "Longer limits" in client.get(public.url).content.decode()


def test_a_proposal_naming_no_remedy_shows_no_section(client, home):
    proposal = make_proposal(make_proposal_index(home), owner=UserFactory(), status="open")
    assert "Remedies it would change" not in client.get(proposal.url).content.decode()
