"""Who acts for which organisation, and what that lets them do.

Memberships are the source of truth; the organisation's people.Audience group
and the site-wide role groups follow them (signals below, so the Wagtail admin
keeps them in step too). Views and other apps ask the functions here instead
of re-typing membership queries.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from people import roles

from .models import Organisation, OrganisationMembership

Role = OrganisationMembership.Role


def add_member(organisation: Organisation, user, role: str = Role.REVIEWER, *, is_contact=False):
    """Add `user` to `organisation` (or change their role); returns the membership."""
    membership, _created = OrganisationMembership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role, "is_contact": is_contact}
    )
    return membership


def remove_member(organisation: Organisation, user) -> None:
    OrganisationMembership.objects.filter(organisation=organisation, user=user).delete()


@transaction.atomic
def verify_organisation(organisation: Organisation, *, by) -> None:
    """Site admins vouch for an organisation: it may now post and search."""
    organisation.verified = True
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.save()


def memberships_of(user):
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")


def organisations_of(user, *, role: str | None = None, verified: bool | None = None):
    """Organisations `user` acts for, optionally only as `role` / only verified ones."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    qs = Organisation.objects.filter(memberships__user=user)
    if role is not None:
        qs = qs.filter(memberships__role=role)
    if verified is not None:
        qs = qs.filter(verified=verified)
    return qs.distinct()


def is_member(user, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and OrganisationMembership.objects.filter(organisation=organisation, user=user).exists()
    )


def is_admin(user, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and OrganisationMembership.objects.filter(
            organisation=organisation, user=user, role=Role.ADMIN
        ).exists()
    )


def _sync_site_roles(user) -> None:
    """Site role groups mirror memberships: any membership → organisation
    member; any admin membership → organisation admin (which requires MFA)."""
    memberships = OrganisationMembership.objects.filter(user=user)
    wanted = {
        roles.ORGANISATION_MEMBERS: memberships.exists(),
        roles.ORGANISATION_ADMINS: memberships.filter(role=Role.ADMIN).exists(),
    }
    for name, should_have in wanted.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if should_have:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    user.__dict__.pop("_role_names", None)
    user.__dict__.pop("_privacy_viewer", None)


def _membership_saved(sender, instance: OrganisationMembership, **kwargs):
    instance.organisation.audience.add_member(instance.user)
    _sync_site_roles(instance.user)


def _membership_deleted(sender, instance: OrganisationMembership, **kwargs):
    from people.models import Audience, User

    user = User.objects.filter(pk=instance.user_id).first()
    audience = Audience.objects.filter(organisation__pk=instance.organisation_id).first()
    if user is None:
        return
    if audience is not None:
        audience.remove_member(user)
    _sync_site_roles(user)


def connect_membership_signals() -> None:
    post_save.connect(_membership_saved, sender=OrganisationMembership, dispatch_uid="org-member+")
    post_delete.connect(
        _membership_deleted, sender=OrganisationMembership, dispatch_uid="org-member-"
    )
