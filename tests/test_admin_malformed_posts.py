"""Every admin form the project defines survives a malformed POST: with any
field missing, or an unknown one added, the answer is a 400 or the form with
its errors, never a 500, and nothing is saved unless the whole form was.

The forms are found, not listed: the create, edit and revert forms of every
page type of the project, the create and edit forms of every snippet and model
viewset it registers, and its site settings. Each valid body is the one a
browser would send for the form as the view rendered it (tests/admin_forms.py);
it is posted once as it is (it must save), once per field shape with that
field removed, and once with an unknown field added.
"""

import pytest
from django import forms
from django.apps import apps
from django.core import serializers
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, Site, get_page_models

from people import roles

from .admin_forms import field_shapes, form_data

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "home",
    "campaigns",
    "organisations",
    "opportunities",
    "proposals",
    "councils",
    "people",
    "pathways",
}
PAGE_MODELS = [m for m in get_page_models() if m._meta.app_label in PROJECT_APPS]
SETTING_MODELS = [m for m in settings_registry if m._meta.app_label in PROJECT_APPS]


def _label(model) -> str:
    return model._meta.label_lower


@pytest.fixture
def admin_client(client, user_factory, demo_site):
    admin = user_factory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin)
    client.raise_request_exception = False  # a 500 is a result to report, not a crash
    return client


def _snapshot(model, pk) -> tuple:
    """What a partial save would change."""
    row = model._default_manager.filter(pk=pk).first() if pk else None
    return (
        Revision.objects.count(),
        Page.objects.count(),
        PageLogEntry.objects.count(),
        ModelLogEntry.objects.count(),
        model._default_manager.count(),
        serializers.serialize("json", [row]) if row else None,
    )


def _form_pairs(client, url, fill_from=None, suffix="new") -> list[tuple[str, str]]:
    """The body for the form at `url`; empty fields of a create form take the
    values of `fill_from` (the body of an existing object's edit form)."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    form = response.context["form"]
    pairs = form_data(form)
    if fill_from:
        known = dict(fill_from)
        known["title"] = f"{known.get('title', '')} ({suffix})"
        known["slug"] = f"{known.get('slug', 'page')}-{suffix}"
        pairs = [(name, value or known.get(name, "")) for name, value in pairs]
        # A choice of several that is empty sends no pair at all: take the
        # example's (a required one, such as a remedy's outcomes, must be set).
        present = {name for name, _value in pairs}
        several = forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        for name, field in form.fields.items():
            if isinstance(field, several) and name not in present:
                pairs += [pair for pair in fill_from if pair[0] == name]
    return pairs


def _probe(client, url, model, pk=None, fill_from=None) -> list[str]:
    """POST the form at `url` whole, without each field, and with an extra one;
    return what went wrong."""
    pairs = _form_pairs(client, url, fill_from)
    problems = []
    bodies = [
        (f"without {name}", [p for p in pairs if p[0] != name])
        for name in field_shapes(pairs).values()
    ]
    bodies.append(("with an unknown field", [*pairs, ("not-a-field-count", "3")]))
    for what, body in bodies:
        existing = set(model._default_manager.values_list("pk", flat=True))
        before = _snapshot(model, pk)
        response = client.post(url, _multi(body))
        if response.status_code >= 500:
            problems.append(f"POST {url} {what}: {response.status_code}")
        elif response.status_code in (200, 400) and _snapshot(model, pk) != before:
            problems.append(f"POST {url} {what}: refused ({response.status_code}) but saved")
        elif pk is None:
            # Saved whole (the field was optional): remove it, so that page
            # types allowed once can be created again by the next body.
            for created in model._default_manager.exclude(pk__in=existing):
                created.delete()
    return problems


def _multi(pairs):
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def _assert_whole_body_saves(client, url, model, pk=None, fill_from=None):
    pairs = _form_pairs(client, url, fill_from, suffix="whole")
    before = _snapshot(model, pk)
    response = client.post(url, _multi(pairs))
    errors = response.context and response.context.get("form") and response.context["form"].errors
    assert response.status_code == 302, f"the whole body of {url} did not save: {errors}"
    assert _snapshot(model, pk) != before


def _parent_for(model):
    for parent in Page.objects.order_by("path").specific():
        if model.can_create_at(parent) and type(parent) in model.allowed_parent_page_models():
            return parent
    return None


def _make_room_for(model):
    """Page types limited to one (per parent) make room by removing the demo's."""
    if model.max_count or model.max_count_per_parent:
        for page in model.objects.all():
            page.delete()
    if model is PAGE_MODELS_BY_LABEL.get("home.homepage"):
        Site.objects.all().delete()


PAGE_MODELS_BY_LABEL = {_label(m): m for m in PAGE_MODELS}


def _demo_page(model):
    page = model.objects.order_by("path").first()
    assert page is not None, f"the demo data has no {_label(model)}"
    return page


@pytest.mark.parametrize("model", PAGE_MODELS, ids=_label)
def test_page_forms_survive_missing_and_extra_fields(admin_client, model):
    """Edit, revert to a revision, then create (after making room for page
    types allowed only once)."""
    page = _demo_page(model)
    if page.latest_revision is None:
        page.save_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    revision = page.revisions.order_by("created_at").first()
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
    problems = _probe(admin_client, edit_url, model, page.pk)
    problems += _probe(admin_client, revert_url, model, page.pk)
    _assert_whole_body_saves(admin_client, edit_url, model, page.pk)

    example_body = _form_pairs(admin_client, edit_url)
    _make_room_for(model)
    parent = _parent_for(model)
    assert parent is not None, f"nowhere to create a {_label(model)}"
    add_url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    problems += _probe(admin_client, add_url, model, fill_from=example_body)
    assert problems == []
    _assert_whole_body_saves(admin_client, add_url, model, fill_from=example_body)


def _project_viewsets():
    found = []
    for viewset in admin_viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(viewset, ModelViewSet) and model and model._meta.app_label in PROJECT_APPS:
            found.append(viewset)
    return found


def test_snippet_and_model_viewset_forms_survive_missing_and_extra_fields(admin_client):
    viewsets = _project_viewsets()
    assert {_label(v.model) for v in viewsets} >= {
        "organisations.organisation",
        "opportunities.speakingopportunity",
        "proposals.policyarea",
        "councils.council",
        "pathways.servicelisting",
        "pathways.jurisdiction",
    }
    problems = []
    for viewset in viewsets:
        model = viewset.model
        instance = model._default_manager.order_by("pk").first()
        assert instance is not None, f"the demo data has no {_label(model)}"
        add_url = reverse(viewset.get_url_name("add"))
        edit_url = reverse(viewset.get_url_name("edit"), args=[instance.pk])
        problems += _probe(admin_client, add_url, model)
        problems += _probe(admin_client, edit_url, model, instance.pk)
    assert problems == []


@pytest.mark.parametrize("model", SETTING_MODELS, ids=_label)
def test_site_settings_forms_survive_missing_and_extra_fields(admin_client, model):
    site = Site.objects.get(is_default_site=True)
    setting = model.for_site(site)
    url = reverse(
        "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk]
    )
    assert _probe(admin_client, url, model, setting.pk) == []
    _assert_whole_body_saves(admin_client, url, model, setting.pk)


def test_the_project_defines_the_forms_this_checks():
    assert {_label(m) for m in PAGE_MODELS} >= {
        "home.homepage",
        "home.standardpage",
        "campaigns.campaignindexpage",
        "campaigns.campaignpage",
        "proposals.proposalindexpage",
        "proposals.reformproposalpage",
        "pathways.remedyindexpage",
        "pathways.remedypage",
    }
    assert "home.safetysettings" in {_label(m) for m in SETTING_MODELS}
    assert apps.get_model("proposals", "ReformProposalPage") in PAGE_MODELS


def test_the_reported_case_answers_400_in_the_admins_look_and_saves_nothing(admin_client):
    """A proposal's edit form without its evidence count (the issue's example)."""
    proposal = _demo_page(PAGE_MODELS_BY_LABEL["proposals.reformproposalpage"])
    url = reverse("wagtailadmin_pages:edit", args=[proposal.pk])
    pairs = [(n, v) for n, v in _form_pairs(admin_client, url) if n != "evidence-count"]
    pairs = [(n, "A new title" if n == "title" else v) for n, v in pairs]
    before = _snapshot(type(proposal), proposal.pk)

    response = admin_client.post(url, _multi(pairs))

    assert response.status_code == 400
    html = response.content.decode()
    assert "The form was incomplete; nothing was saved." in html
    assert f'href="{url}"' in html  # open the form again
    assert "wagtailadmin/js/sidebar.js" in html  # the admin's own page, not a bare error
    assert _snapshot(type(proposal), proposal.pk) == before
