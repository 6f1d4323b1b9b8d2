"""No side door of the Wagtail admin tells anyone about a draft or an upload
they may not know exists.

The matrix: every admin address Wagtail (and the project) registers, found by
walking the URL resolver rather than by hand; for each role that has no
business knowing; for each secret (a leader's draft proposal, her draft
campaign, a proposal in council review, her private picture and document):
the response names none of them (title, slug, file name; in the admin API, no
item with its id). A 403 or 404 is fine. Addresses that take an object get the
secret's id; every address gets a search for the secrets' shared word.
Positive controls (authors, co-authors, the reviewing council, site admins,
a shared picture) prove the probe would have seen a leak.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, TaskState, WorkflowState

from advocacy.proposals.factories import make_council, make_proposal, make_proposal_index
from advocacy.proposals.lifecycle import transition
from advocacy.proposals.models import ProposalStatus
from advocacy.proposals.policy import grant_coauthor, revoke_coauthor
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from campaigns.models import CampaignLead
from people import roles
from people.admin.permission_policies import private_collection_of
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_WORD = "Quillfeather"

# GET on these ends the session (the probe would go on signed out) or is not
# a page at all; each is covered elsewhere.
SKIPPED_VIEWS = {"wagtailadmin_logout"}


def _png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


@dataclass
class Secret:
    """Something some roles must not learn exists."""

    label: str
    kind: str  # "page", "image" or "document"
    obj: object
    words: list[str] = field(default_factory=list)


@dataclass
class World:
    author: object
    leader_b: object
    coauthor: object
    former_coauthor: object
    reviewing_facilitator: object
    other_council_facilitator: object
    organisation_member: object
    site_admin: object
    secrets: dict
    published_proposal: object
    shared_image: object
    public_page: object


@pytest.fixture
def world(db):
    root = Page.get_first_root_node()
    from home.models import HomePage

    home = HomePage(title="Home", slug="home-side-doors")
    root.add_child(instance=home)
    Site.objects.filter(is_default_site=True).update(root_page=home)

    author = UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Leader A")
    leader_b = UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Leader B")
    coauthor = UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Leader C")
    former_coauthor = UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Leader D")
    reviewing_facilitator = UserFactory(
        roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS], mfa=True
    )
    other_council_facilitator = UserFactory(
        roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS], mfa=True
    )
    organisation_member = UserFactory(roles=[roles.ORGANISATION_MEMBERS])
    site_admin = UserFactory(roles=[roles.SITE_ADMINS], mfa=True)
    site_admin.is_superuser = True
    site_admin.is_staff = True
    site_admin.save()

    reviewing_council = make_council("Reviewing council", facilitators=[reviewing_facilitator])
    make_council("Another council", facilitators=[other_council_facilitator])
    proposals = make_proposal_index(parent=home)
    campaigns = CampaignIndexPageFactory(parent=home)

    draft_proposal = make_proposal(
        proposals,
        owner=author,
        status=ProposalStatus.DRAFT,
        council=reviewing_council,
        title=f"{SECRET_WORD} draft proposal Orrisroot",
        slug="quillfeather-orrisroot",
    )
    grant_coauthor(draft_proposal, coauthor)
    # Leader D co-wrote the draft (her edit is in its history), then was
    # taken off it.
    grant_coauthor(draft_proposal, former_coauthor)
    draft_proposal.save_revision(user=former_coauthor, log_action=True)
    revoke_coauthor(draft_proposal, former_coauthor)
    in_review = make_proposal(
        proposals,
        owner=author,
        status=ProposalStatus.DRAFT,
        council=reviewing_council,
        title=f"{SECRET_WORD} proposal in review Brackenmoor",
        slug="quillfeather-brackenmoor",
    )
    transition(in_review, ProposalStatus.COUNCIL_REVIEW, by=author)
    published_proposal = make_proposal(
        proposals,
        owner=author,
        status=ProposalStatus.OPEN,
        council=reviewing_council,
        title=f"{SECRET_WORD} published proposal Meadowsweet",
        slug="quillfeather-meadowsweet",
    )
    draft_campaign = CampaignPageFactory(
        parent=campaigns,
        owner=author,
        live=False,
        title=f"{SECRET_WORD} draft campaign Sorrelgate",
        slug="quillfeather-sorrelgate",
    )
    draft_campaign.save_revision(user=author)
    CampaignLead.objects.create(page=draft_campaign, user=coauthor)

    private = private_collection_of(author)
    image = get_image_model().objects.create(
        title=f"{SECRET_WORD} private image Larkspur",
        file=_png("larkspur-private-photo.png"),
        uploaded_by_user=author,
        collection=private,
    )
    document = get_document_model().objects.create(
        title=f"{SECRET_WORD} private document Wrenfold",
        file=ContentFile(b"Notes for the campaign.\n", name="wrenfold-private-notes.txt"),
        uploaded_by_user=author,
        collection=private,
    )
    shared_image = get_image_model().objects.create(
        title="Shared picture Hollyhock",
        file=_png("hollyhock-shared.png"),
        uploaded_by_user=site_admin,
        collection=Collection.get_first_root_node(),
    )

    def page_secret(label, page):
        page = Page.objects.get(pk=page.pk)
        return Secret(label, "page", page, [page.title, page.slug])

    image.refresh_from_db()
    document.refresh_from_db()
    secrets = {
        "draft_proposal": page_secret("A's draft proposal", draft_proposal),
        "draft_campaign": page_secret("A's draft campaign", draft_campaign),
        "proposal_in_review": page_secret("a proposal in council review", in_review),
        "private_image": Secret(
            "A's private image", "image", image, [image.title, image.file.name.split("/")[-1]]
        ),
        "private_document": Secret(
            "A's private document",
            "document",
            document,
            [document.title, document.file.name.split("/")[-1]],
        ),
    }
    return World(
        author=author,
        leader_b=leader_b,
        coauthor=coauthor,
        former_coauthor=former_coauthor,
        reviewing_facilitator=reviewing_facilitator,
        other_council_facilitator=other_council_facilitator,
        organisation_member=organisation_member,
        site_admin=site_admin,
        secrets=secrets,
        published_proposal=published_proposal,
        shared_image=shared_image,
        public_page=home,
    )


# --- Walking the resolver ----------------------------------------------------


@dataclass
class AdminRoute:
    view_name: str | None
    route: str
    params: tuple[str, ...]


def _param_names(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def _walk(patterns, route="", namespace=None, params=()):
    for entry in patterns:
        entry_route = route + str(entry.pattern)
        entry_params = params + _param_names(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, entry_route, inner, entry_params)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield AdminRoute(name, entry_route, entry_params)


def admin_routes() -> list[AdminRoute]:
    routes = [r for r in _walk(get_resolver().url_patterns) if r.route.startswith("admin/")]
    assert len(routes) > 150, "the walk should find every admin address Wagtail registers"
    return routes


def _first_id(model) -> int:
    first = model._default_manager.order_by("pk").first()
    return first.pk if first else 1


def _pk_for(view_name: str, secret: Secret, world: World):
    """What a bare `pk` means in this view, filled with the secret where it fits."""
    if view_name.startswith(("wagtailimages", "wagtailadmin_api:images")):
        return secret.obj.pk if secret.kind == "image" else world.shared_image.pk
    if view_name.startswith(("wagtaildocs", "wagtailadmin_api:documents")):
        return secret.obj.pk if secret.kind == "document" else 1
    if view_name.startswith(("wagtailadmin_api:pages", "wagtailadmin_pages")):
        return secret.obj.pk if secret.kind == "page" else world.public_page.pk
    if view_name.startswith("wagtailusers_users"):
        return world.author.pk
    return 1


def _fill(route: AdminRoute, secret: Secret, world: World) -> dict:
    page = secret.obj if secret.kind == "page" else world.public_page
    revision = page.latest_revision or Page.objects.get(pk=page.pk).latest_revision
    workflow_state = WorkflowState.objects.filter(object_id=str(page.pk)).first()
    task_state = TaskState.objects.filter(workflow_state=workflow_state).first()
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": page.pk,
        "page_pk": page.pk,
        "object_id": str(page.pk),
        "revision_id": revision.pk if revision else 1,
        "revision_id_a": "earliest",
        "revision_id_b": str(revision.pk) if revision else "latest",
        "workflow_state_id": workflow_state.pk if workflow_state else 1,
        "task_state_id": task_state.pk if task_state else 1,
        "task_id": task_state.task_id if task_state else 1,
        "workflow_pk": workflow_state.workflow_id if workflow_state else 1,
        "image_id": secret.obj.pk if secret.kind == "image" else world.shared_image.pk,
        "document_id": secret.obj.pk if secret.kind == "document" else 1,
        "doc_id": secret.obj.pk if secret.kind == "document" else 1,
        "uploaded_file_id": 1,
        "session_id": 1,
        "collection_id": secret.obj.collection_id if secret.kind != "page" else 1,
        "filter_spec": "original",
        "action_name": "approve",
        "action": "delete",
        "app_label": "proposals" if secret.kind == "page" else "wagtailimages",
        "model_name": "reformproposalpage" if secret.kind == "page" else "image",
        "content_type_app_name": "proposals",
        "content_type_model_name": "reformproposalpage",
        "app_name": "home",
        "redirect_id": 1,
        "uidb64": "MQ",
        "token": "x-y",
    }
    kwargs = {}
    for name in route.params:
        if name == "pk":
            kwargs[name] = _pk_for(route.view_name or "", secret, world)
        else:
            kwargs[name] = values.get(name, 1)
    return kwargs


def _query(route: AdminRoute, world: World) -> dict:
    if (route.view_name or "").startswith("wagtailadmin_api:"):
        return {"search": SECRET_WORD}
    return {"q": SECRET_WORD, "id": [str(s.obj.pk) for s in world.secrets.values()]}


def _urls_for(route: AdminRoute, world: World):
    """(url, query) to request for one route: once per secret when the address
    takes an object (each address once), once otherwise; every one carries a
    search for the word all secrets share and the secrets' ids as `?id=`."""
    if route.view_name in SKIPPED_VIEWS:
        return
    if route.view_name is None:
        if not route.params:
            yield "/" + re.sub(r"[\^$]|\.\*", "", route.route).replace("//", "/x/"), {}
        return
    seen = set()
    for secret in world.secrets.values():
        try:
            url = reverse(route.view_name, kwargs=_fill(route, secret, world))
        except NoReverseMatch:  # a route these values do not fit: the next secret may
            continue
        if url not in seen:
            seen.add(url)
            yield url, _query(route, world)


def _body(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", "replace")


def _leaks(response, world: World, hidden: list[str]) -> list[str]:
    body = _body(response)
    text = body + " " + response.get("Location", "")
    found = []
    for key in hidden:
        secret = world.secrets[key]
        for word in secret.words:
            if word and word in text:
                found.append(f"{secret.label}: {word!r}")
        found.extend(_json_leaks(response, body, secret))
    return found


def _json_leaks(response, body, secret) -> list[str]:
    if "json" not in response.get("Content-Type", ""):
        return []
    try:
        data = json.loads(body)
    except ValueError:
        return []
    items = data.get("items", [data]) if isinstance(data, dict) else []
    kind_in_url = {"page": "/pages/", "image": "/images/", "document": "/documents/"}
    if kind_in_url[secret.kind] not in response.request["PATH_INFO"]:
        return []
    return [
        f"{secret.label}: id {secret.obj.pk} in the admin API"
        for item in items
        if isinstance(item, dict) and item.get("id") == secret.obj.pk
    ]


def _probe(client, world: World, hidden: list[str]):
    """GET every admin address as the signed-in client; return the leaks and
    how many addresses answered 200."""
    leaks, answered = [], 0
    for route in admin_routes():
        for url, query in _urls_for(route, world):
            response = client.get(url, query)
            if response.status_code == 200:
                answered += 1
            # Every response is checked for every secret the role may not
            # know: an address that takes one object may list the others.
            for leak in _leaks(response, world, hidden):
                leaks.append(f"{route.view_name} {url} ({response.status_code}): {leak}")
    return leaks, answered


def _client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


ALL_SECRETS = [
    "draft_proposal",
    "draft_campaign",
    "proposal_in_review",
    "private_image",
    "private_document",
]


@pytest.mark.parametrize(
    ("role", "hidden"),
    [
        ("leader_b", ALL_SECRETS),
        ("other_council_facilitator", ALL_SECRETS),
        ("organisation_member", ALL_SECRETS),
        # The reviewing council knows the proposals that name it, nothing else.
        ("reviewing_facilitator", ["draft_campaign", "private_image", "private_document"]),
        # Someone whose co-authorship was taken back knows nothing any more.
        ("former_coauthor", ALL_SECRETS),
        # A co-author and co-lead knows those drafts, not her private files.
        ("coauthor", ["proposal_in_review", "private_image", "private_document"]),
    ],
)
def test_no_admin_address_tells_a_role_about_what_it_may_not_know(world, role, hidden):
    user = getattr(world, role)
    client = _client_for(user)
    leaks, answered = _probe(client, world, hidden)
    assert leaks == [], "\n".join(leaks)
    if role != "organisation_member":  # no admin access at all
        # Not vacuous: the walk reached real admin pages as this person...
        assert answered >= 20, answered
        # ...and was still signed in at the end.
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


# --- Positive controls: the same probes do see what people may know ----------


def _api_detail(client, page):
    return client.get(reverse("wagtailadmin_api:pages:detail", args=[page.pk]))


def _search(client):
    return client.get(reverse("wagtailadmin_pages:search"), {"q": SECRET_WORD})


def test_the_author_sees_her_own_drafts_and_files(world):
    client = _client_for(world.author)
    for key in ("draft_proposal", "draft_campaign", "proposal_in_review"):
        page = world.secrets[key].obj
        assert _api_detail(client, page).json()["title"] == page.title
        assert page.title in _search(client).content.decode()
    images = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert world.secrets["private_image"].obj.title in images
    assert world.shared_image.title in images


def test_co_authors_and_the_reviewing_council_see_what_they_work_on(world):
    client = _client_for(world.coauthor)
    for key in ("draft_proposal", "draft_campaign"):
        page = world.secrets[key].obj
        assert _api_detail(client, page).status_code == 200
        assert page.title in _search(client).content.decode()
    client = _client_for(world.reviewing_facilitator)
    in_review = world.secrets["proposal_in_review"].obj
    assert _api_detail(client, in_review).json()["title"] == in_review.title


def test_other_leaders_still_see_published_pages_and_shared_pictures(world):
    client = _client_for(world.leader_b)
    assert world.published_proposal.title in _search(client).content.decode()
    images = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert world.shared_image.title in images
    assert world.secrets["private_image"].obj.title not in images


def test_site_admins_see_everything(world):
    client = _client_for(world.site_admin)
    search = _search(client).content.decode()
    for key in ("draft_proposal", "draft_campaign", "proposal_in_review"):
        page = world.secrets[key].obj
        assert page.title in search
        assert _api_detail(client, page).status_code == 200
    assert world.secrets["private_image"].obj.title in (
        client.get(reverse("wagtailimages:index")).content.decode()
    )
    assert world.secrets["private_document"].obj.title in (
        client.get(reverse("wagtaildocs:index")).content.decode()
    )
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert world.secrets["draft_proposal"].obj.title in history
