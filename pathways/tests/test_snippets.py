"""The managed lists behind remedy pages are snippets that only site admins
and editors given the model's permissions may change."""

import pytest
from django.urls import reverse

from pathways.models import HarmKind, Jurisdiction, Outcome, SupportService
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Outcome, HarmKind, Jurisdiction, SupportService]


def _list_url(model):
    return reverse(f"wagtailsnippets_pathways_{model._meta.model_name}:list")


def _add_url(model):
    return reverse(f"wagtailsnippets_pathways_{model._meta.model_name}:add")


@pytest.mark.parametrize("model", MODELS)
def test_site_admins_manage_the_lists(client, model):
    client.force_login(UserFactory(roles=[roles.SITE_ADMINS], mfa=True))
    assert client.get(_list_url(model)).status_code == 200
    assert client.get(_add_url(model)).status_code == 200


def test_a_site_admin_adds_a_jurisdiction(client):
    client.force_login(UserFactory(roles=[roles.SITE_ADMINS], mfa=True))
    client.post(
        _add_url(Jurisdiction), {"name": "Thailand", "code": "th", "parent": "", "position": 0}
    )
    assert Jurisdiction.objects.filter(code="th", name="Thailand").exists()


@pytest.mark.parametrize("model", MODELS)
def test_leaders_and_facilitators_may_not_change_them(client, model):
    client.force_login(
        UserFactory(roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS], mfa=True)
    )
    assert client.get(_add_url(model)).status_code in (302, 403)
    outcome = Outcome.objects.get(key="compensation")
    url = reverse("wagtailsnippets_pathways_outcome:edit", args=[outcome.pk])
    response = client.post(url, {"name": "Renamed", "key": "compensation", "position": 0})
    assert response.status_code in (302, 403)
    assert Outcome.objects.get(pk=outcome.pk).name != "Renamed"
