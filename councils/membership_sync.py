"""Memberships are the source of truth; the council's people.Audience group
follows them (signals, so the Wagtail admin keeps it in step too)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from .models import Membership


def _forget_viewer(user) -> None:
    # people.policy caches a person's circles on the user object.
    user.__dict__.pop("_privacy_viewer", None)


def _sync_facilitator_role(user) -> None:
    """The site role "Council facilitators" follows active facilitator
    memberships, because that role requires two-step verification: people who
    handle reports and see edit history must have it."""
    from django.contrib.auth.models import Group

    from people import roles

    group = Group.objects.filter(name=roles.COUNCIL_FACILITATORS).first()
    if group is None:
        return
    facilitates = Membership.objects.filter(
        user=user, role=Membership.Role.FACILITATOR, left_at__isnull=True
    ).exists()
    if facilitates:
        user.groups.add(group)
    elif Membership.objects.filter(user=user, role=Membership.Role.FACILITATOR).exists():
        # They facilitated a council and no longer do: the role ends with it.
        user.groups.remove(group)
    user.__dict__.pop("_role_names", None)


def _membership_saved(sender, instance: Membership, **kwargs) -> None:
    audience = instance.council.audience
    if instance.left_at is None and instance.user.is_active:
        audience.add_member(instance.user)
    else:
        audience.remove_member(instance.user)
    _sync_facilitator_role(instance.user)
    _forget_viewer(instance.user)


def _membership_deleted(sender, instance: Membership, **kwargs) -> None:
    from people.models import Audience, User

    user = User.objects.filter(pk=instance.user_id).first()
    audience = Audience.objects.filter(council__pk=instance.council_id).first()
    if user is not None and audience is not None:
        audience.remove_member(user)
    if user is not None:
        _sync_facilitator_role(user)
        _forget_viewer(user)


def connect_membership_signals() -> None:
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="council-member+")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="council-member-")
