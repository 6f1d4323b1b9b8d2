"""The rules behind the admin's side doors, one by one: who may know a draft
exists, where uploads go and who sees into a private collection, and that
the project's policies are the ones Wagtail asks."""

from __future__ import annotations

import io

import pytest
import wagtail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, get_resolver, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.permissions import policy_registry

from advocacy.proposals.factories import make_council, make_proposal, make_proposal_index
from advocacy.proposals.models import ReformProposalPage
from advocacy.proposals.policy import grant_coauthor, revoke_coauthor
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from campaigns.models import CampaignLead, CampaignPage
from people import roles
from people.admin.permission_policies import (
    PrivacyAwarePagePermissionPolicy,
    PrivateUploadsPermissionPolicy,
    private_collection_of,
)
from people.admin.side_doors import AUTHOR_ADMIN_VIEWS, REVIEWED_WAGTAIL_VERSION
from people.admin.visibility import is_page_hidden_from, pages_hidden_from
from people.factories import UserFactory
from people.models import PrivateUploadCollection

pytestmark = pytest.mark.django_db


def _leader(**kwargs):
    return UserFactory(roles=[roles.SURVIVOR_LEADERS], **kwargs)


def _png_upload(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (10, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- The project's policies are the ones Wagtail asks -----------------------


def test_wagtail_asks_the_projects_permission_policies():
    """Registered through `wagtail.permissions.register_permission_policy`
    (Wagtail 7+). If an upgrade changes how policies are found, this fails
    before any listing silently falls back to Wagtail's own rules."""
    assert wagtail.VERSION[0] >= 7
    assert isinstance(policy_registry.get_by_type(Page), PrivacyAwarePagePermissionPolicy)
    for page_model in (CampaignPage, ReformProposalPage):
        assert isinstance(policy_registry.get_by_type(page_model), PrivacyAwarePagePermissionPolicy)
    for model in (get_image_model(), get_document_model()):
        assert isinstance(policy_registry.get_by_type(model), PrivateUploadsPermissionPolicy)


def test_the_side_doors_were_reviewed_for_this_wagtail():
    """`people.admin.side_doors` relies on Wagtail's admin URL names, its
    dashboard panels and its admin API viewsets. After an upgrade, review
    that module and the matrix in tests/test_admin_side_doors.py, then move
    `REVIEWED_WAGTAIL_VERSION` on."""
    assert tuple(wagtail.VERSION[:2]) == REVIEWED_WAGTAIL_VERSION


def test_every_admin_view_open_to_authors_is_one_wagtail_registers():
    """The list is of URL names: a view Wagtail renames or drops in an
    upgrade shows up here instead of quietly closing to authors."""
    registered = set()

    def walk(patterns, namespace=None):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, inner)
            elif entry.name:
                registered.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns)
    assert registered >= AUTHOR_ADMIN_VIEWS, sorted(AUTHOR_ADMIN_VIEWS - registered)


def test_views_outside_the_list_are_refused_and_site_admins_keep_them(client):
    leader = _leader()
    client.force_login(leader)
    for name in ("wagtailadmin_reports:site_history", "wagtailadmin_reports:workflow"):
        assert client.get(reverse(name)).status_code == 403
    admin = UserFactory(roles=[roles.SITE_ADMINS], is_superuser=True, mfa=True)
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_reports:site_history")).status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse("wagtailadmin_no_such_view")


# --- Who may know a draft exists --------------------------------------------


@pytest.fixture
def proposals(db):
    return make_proposal_index()


def test_a_draft_proposal_is_known_to_its_authors_and_its_council_only(proposals):
    author, coauthor, stranger = _leader(), _leader(), _leader()
    facilitator = UserFactory(roles=[roles.COUNCIL_FACILITATORS])
    other_facilitator = UserFactory(roles=[roles.COUNCIL_FACILITATORS])
    council = make_council("Reviewing", facilitators=[facilitator])
    make_council("Elsewhere", facilitators=[other_facilitator])
    draft = make_proposal(proposals, owner=author, council=council)
    grant_coauthor(draft, coauthor)

    for person in (author, coauthor, facilitator):
        assert not is_page_hidden_from(person, draft.pk)
    for person in (stranger, other_facilitator):
        assert is_page_hidden_from(person, draft.pk)
        assert draft.pk not in policy_registry.get_by_type(Page).explorable_instances(
            person
        ).values_list("pk", flat=True)

    revoke_coauthor(draft, coauthor)
    assert is_page_hidden_from(coauthor, draft.pk)  # at once

    Page.objects.filter(pk=draft.pk).update(live=True)
    assert not is_page_hidden_from(stranger, draft.pk)  # published: everyone


def test_a_draft_campaign_is_known_to_its_leads_and_to_reviewers_only_in_review(db):
    from home.models import HomePage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="h-priv"))
    index = CampaignIndexPageFactory(parent=home)
    lead, co_lead, reviewer = _leader(), _leader(), _leader()
    campaign = CampaignPageFactory(parent=index, owner=lead, live=False)
    campaign.save_revision(user=lead)
    CampaignLead.objects.create(page=campaign, user=co_lead)

    assert not is_page_hidden_from(lead, campaign.pk)
    assert not is_page_hidden_from(co_lead, campaign.pk)
    assert is_page_hidden_from(reviewer, campaign.pk)

    from wagtail.models import Workflow

    Workflow.objects.get(name="Campaign review").start(campaign, lead)
    assert not is_page_hidden_from(reviewer, campaign.pk)  # may approve it now
    anonymous_like = UserFactory()  # no role: may not review
    assert is_page_hidden_from(anonymous_like, campaign.pk)


def test_site_admins_see_every_draft(proposals):
    author = _leader()
    admin = UserFactory(roles=[roles.SITE_ADMINS])
    draft = make_proposal(proposals, owner=author)
    assert not pages_hidden_from(admin).exists()
    assert not is_page_hidden_from(admin, draft.pk)


# --- Private upload collections ---------------------------------------------


def test_a_leaders_upload_goes_into_her_private_collection_and_stays_hers(client):
    author, other = _leader(), _leader()
    client.force_login(author)
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Where we met", "file": _png_upload(), "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Where we met")
    own = PrivateUploadCollection.objects.get(user=author).collection
    assert image.collection_id == own.pk

    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    chosen = client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    assert chosen.status_code == 200

    client.force_login(other)
    for url in (
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtailimages:preview", args=[image.pk, "original"]),
        reverse("wagtailadmin_api:images:detail", args=[image.pk]),
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("wagtailadmin_api:images:listing")).json()
    assert image.pk not in [item["id"] for item in listing["items"]]
    # Her own collection is the only one the other leader may upload into.
    policy = policy_registry.get_by_type(get_image_model())
    assert list(policy.collections_user_has_permission_for(other, "add")) == [
        private_collection_of(other)
    ]


def test_shared_collections_stay_shared(client):
    admin = UserFactory(roles=[roles.SITE_ADMINS], is_superuser=True)
    leader = _leader()
    shared = get_image_model().objects.create(
        title="Open hands",
        file=_png_upload("hands.png"),
        uploaded_by_user=admin,
        collection=Collection.get_first_root_node(),
    )
    policy = policy_registry.get_by_type(get_image_model())
    assert shared in policy.instances_user_has_permission_for(leader, "choose")
    assert not policy.user_has_permission_for_instance(leader, "change", shared)


def test_earlier_uploads_of_members_move_into_their_private_collections():
    """The data migration, run on today's models: a leader's earlier upload
    in the shared root moves into her own collection; a site admin's stays."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "people.migrations.0007_move_members_uploads_into_private_collections"
    )
    root = Collection.get_first_root_node()
    leader = _leader()
    admin = UserFactory(roles=[roles.SITE_ADMINS])
    Image = get_image_model()
    theirs = Image.objects.create(
        title="Earlier", file=_png_upload("earlier.png"), uploaded_by_user=leader, collection=root
    )
    shared = Image.objects.create(
        title="Shared", file=_png_upload("shared.png"), uploaded_by_user=admin, collection=root
    )
    migration.move_uploads_into_private_collections(apps, None)
    migration.move_uploads_into_private_collections(apps, None)  # twice: no change

    theirs.refresh_from_db()
    shared.refresh_from_db()
    own = PrivateUploadCollection.objects.get(user=leader).collection
    assert theirs.collection_id == own.pk
    assert shared.collection_id == root.pk
    assert PrivateUploadCollection.objects.count() == 1
    # The tree stays valid for Wagtail: the next person's collection is added by treebeard.
    assert own.get_parent().name == "Private uploads"
    assert private_collection_of(_leader()).get_parent() == own.get_parent()
    assert all(not problem for problem in Collection.find_problems())
