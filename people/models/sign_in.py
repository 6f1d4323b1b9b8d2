from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Device labels are kept as written ("Firefox on Android", "A browser"), like
# any record, and shown in the reader's language by SignInSession.device_shown.
# Translators: a browser the site cannot name, where someone is signed in.
ANY_BROWSER = gettext_noop("A browser")


class SignInSession(models.Model):
    """One place a person is signed in, so they can see and end them all.

    Deliberately no IP address and no full user agent: both can reveal where
    someone is. Only a coarse device label ("Firefox on Android") is kept.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    device = models.CharField(_("device"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("signed in"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sign-in session")

    def __str__(self) -> str:
        return f"{self.device or 'Unknown device'} ({self.created_at:%Y-%m-%d})"

    @property
    def device_shown(self) -> str:
        """The device label in the reader's language ("Firefox บน Android" in
        Thai); the names of browsers and systems stay as they are."""
        browser, on, system = self.device.partition(" on ")
        if browser == ANY_BROWSER:
            browser = gettext(ANY_BROWSER)
        if not on:
            return browser
        # Translators: where someone is signed in, e.g. "Firefox on Android".
        return gettext("%(browser)s on %(system)s") % {"browser": browser, "system": system}
