import pytest
from django.contrib.auth.models import AnonymousUser

from people import roles

pytestmark = pytest.mark.django_db


def test_site_admins_are_the_group_and_superusers_while_active(user_factory):
    group_admin = user_factory(roles=[roles.SITE_ADMINS])
    superuser = user_factory(is_superuser=True)
    switched_off = user_factory(roles=[roles.SITE_ADMINS], is_active=False)
    leader = user_factory(roles=[roles.SURVIVOR_LEADERS])

    assert roles.is_site_admin(group_admin)
    assert roles.is_site_admin(superuser)
    assert not roles.is_site_admin(switched_off)
    assert not roles.is_site_admin(leader)
    assert not roles.is_site_admin(AnonymousUser())
    assert not roles.is_site_admin(None)
    # The queryset names the same people as the check.
    assert set(roles.site_admin_accounts()) == {group_admin, superuser}
