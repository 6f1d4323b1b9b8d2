from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit
from people.visibility import PROFILE_FIELDS

from .audience import Audience
from .story import StoryPart


def language_in_use() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


class ConsentRecordQuerySet(models.QuerySet):
    def active(self, at=None):
        """Granted, not revoked, not expired: the only consents that count."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )

    def expired(self, at=None):
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__lte=at)


class ConsentRecord(models.Model):
    """One disclosure a person agreed to: what, to whom, for what, until when.

    Nothing about a survivor is shown anywhere unless a record like this allows
    it. Revoking sets `revoked_at` (records are never deleted, so the ledger
    stays complete); an expired record stops counting without anyone acting.
    Use `people.consent.grant_consent()` / `revoke_consent()`, which also keep
    the django-guardian grant behind a record and the event log in step.
    """

    class Kind(models.TextChoices):
        PROFILE_FIELD = "profile_field", _("Profile field")
        STORY_PART = "story_part", _("Part of my story")
        NAME = "name", _("My name")
        QUOTE = "quote", _("A quote from me")

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("whose"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    field_name = models.CharField(_("field"), max_length=40, blank=True)
    story_part = models.ForeignKey(
        StoryPart, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    text = models.TextField(_("quoted or shown text"), blank=True, max_length=2000)
    audience = models.ForeignKey(
        Audience,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
        help_text=_("Empty means the public."),
    )
    # Where the disclosure is used: an application, a campaign, an endorsement.
    context_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    context_id = models.PositiveBigIntegerField(null=True, blank=True)
    context = GenericForeignKey("context_type", "context_id")
    purpose = models.CharField(_("purpose"), max_length=300)
    # The purpose is kept as the person read it when they agreed; pages mark
    # it with this language wherever the reader's differs.
    language = models.CharField(
        _("language of the purpose"), max_length=10, blank=True, default=language_in_use
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("consent record")
        indexes = [
            models.Index(fields=["subject", "kind", "revoked_at"]),
            models.Index(fields=["audience", "kind", "revoked_at"]),
            models.Index(fields=["context_type", "context_id"]),
        ]
        constraints = [
            length_limit("text", 2000),
            models.CheckConstraint(
                condition=~Q(kind="story_part") | Q(story_part__isnull=False),
                name="story_consent_names_a_part",
            ),
            models.CheckConstraint(
                condition=~Q(kind="profile_field") | ~Q(field_name=""),
                name="field_consent_names_a_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.audience or _('the public')}"

    @property
    def what(self) -> str:
        """What was shared, in the words the person used when sharing it."""
        if self.kind == self.Kind.PROFILE_FIELD:
            label = PROFILE_FIELDS.get(self.field_name, self.field_name.replace("_", " "))
            return _("From your profile: %(field)s") % {"field": label}
        if self.kind == self.Kind.STORY_PART and self.story_part_id:
            return _("Part of your story: %(title)s") % {"title": self.story_part.title}
        return str(self.get_kind_display())

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"


class ConsentEvent(models.Model):
    """The log of the ledger: every grant, revocation and expiry, with who did it."""

    class Action(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    record = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # Expiry is logged once, however many workers run the expiry job.
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(action="expired"),
                name="one_expiry_per_consent",
            )
        ]
        verbose_name = _("consent event")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class DisclosureAccess(models.Model):
    """Access log: an organisation member opened something a survivor disclosed."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="disclosure_accesses"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewer_label = models.CharField(max_length=200, help_text=_("Kept if the account is deleted."))
    audience = models.ForeignKey(
        Audience, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access to disclosed information")

    def __str__(self) -> str:
        return f"{self.viewer_label} opened {self.what}"
