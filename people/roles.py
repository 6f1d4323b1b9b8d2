"""Site-level roles, kept as Django groups (created by a data migration).

A visitor is anyone not signed in; every other role is a group. Council and
organisation roles that apply to one council or organisation live with those
objects; the groups here are what the site as a whole knows about a person.
"""

from django.utils.translation import gettext_lazy as _

SURVIVOR_LEADERS = "Survivor leaders"
ORGANISATION_MEMBERS = "Organisation members"
ORGANISATION_ADMINS = "Organisation admins"
COUNCIL_FACILITATORS = "Council facilitators"
SITE_ADMINS = "Site admins"
TRANSLATORS = "Translators"

ROLE_GROUPS = {
    SURVIVOR_LEADERS: _("Registered survivor leaders: publish campaigns and proposals."),
    ORGANISATION_MEMBERS: _("People who work for a verified organisation."),
    ORGANISATION_ADMINS: _("Manage an organisation, its opportunities and reviewers."),
    COUNCIL_FACILITATORS: _("Facilitate a survivor advisory council."),
    SITE_ADMINS: _("Run the site and its Wagtail admin."),
    TRANSLATORS: _("Translate pages into the site's other languages."),
}

# Roles that can see or change other people's data: two-step verification is
# required before they can use anything but their account pages.
MFA_REQUIRED_GROUPS = (ORGANISATION_ADMINS, COUNCIL_FACILITATORS, SITE_ADMINS)


def role_names(user) -> set[str]:
    """The site roles (group names) of `user`, cached on the instance."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in role_names(user)


def is_site_admin(user) -> bool:
    """Site admins (the group, or a superuser) may see and change anything the
    site holds. The one check every app asks; an account that is switched off
    is nobody's admin."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or has_role(user, SITE_ADMINS))
    )


def site_admin_accounts():
    """The active site admins (the group or superusers), as a queryset: the
    same people `is_site_admin` answers yes for."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(Q(groups__name=SITE_ADMINS) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def mfa_required_for(user) -> bool:
    """Staff, site admins, council facilitators and organisation admins must use MFA."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(role_names(user) & set(MFA_REQUIRED_GROUPS))


def can_use_admin(user) -> bool:
    """True for people who may open the Wagtail admin (site admins, survivor
    leaders and facilitators who author there); the one check for links to it."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )
