from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .languages import language_of
from .mfa_setup import signed_in_moments_ago
from .roles import mfa_required_for


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up can be closed with ACCOUNT_ALLOW_SIGNUP=False (e.g. invitation-only)."""

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """An email to a member is written in the language they chose, its
        links too, whatever the language of the page it was asked for from
        (anyone can ask for a password reset); to anyone else, in the page's."""
        member = context.get("user") or next(iter(filter_users_by_email(email)), None)
        language = language_of(member)
        context = {
            name: translate_url(value, language)
            if isinstance(value, str) and value.startswith(("https://", "http://"))
            else value
            for name, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up a first second factor right after signing in does not ask
        for the password again (see `people.mfa_setup`); everything else, and
        the same set-up later, does."""
        request = self.request
        if app == "allauth.mfa" and request is not None and signed_in_moments_ago(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """Someone whose role requires MFA cannot remove their last second factor."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if not mfa_required_for(user):
            return True
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return True
        others = (
            Authenticator.objects.filter(
                user_id=user.pk,
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
            )
            .exclude(pk=authenticator.pk)
            .exists()
        )
        return others
