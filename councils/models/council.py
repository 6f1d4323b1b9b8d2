from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit
from people.models import Audience, AudienceOwner, owned_audience
from safety.sanitize import plain_text


class Council(AudienceOwner):
    """A survivor advisory council: a private space where its members discuss,
    meet and decide together.

    Its `audience` (a people.Audience of kind council) holds the active members,
    so people.policy's "my councils" circle knows who shares a council without
    importing this app. Messages older than `retention_days` are deleted by the
    `apply_council_retention` command.
    """

    audience_kind = Audience.Kind.COUNCIL

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    purpose = models.TextField(_("purpose"), blank=True, max_length=2000)
    is_private = models.BooleanField(
        _("private"),
        default=True,
        help_text=_("Private councils are seen only by their members."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep messages for (days)"),
        default=365,
        help_text=_("Messages older than this are deleted for good."),
    )
    audience = owned_audience(related_name="council")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            length_limit("purpose", 2000),
        ]
        ordering = ["name", "pk"]
        verbose_name = _("advisory council")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Purpose is shown as plain text; store it without markup.
        self.purpose = self.purpose.strip()
        if not self.slug:
            self.slug = self._free_slug(slugify(self.name)[:72] or "council")
        super().save(*args, **kwargs)

    def after_save_with_audience(self, *, creating: bool) -> None:
        if creating:
            # Every council has its general room from the start.
            from .room import Room

            Room.objects.create(council=self, name=_("General"), kind=Room.Kind.GENERAL)

    @classmethod
    def _free_slug(cls, base: str) -> str:
        """`base`, or `base-2`, `base-3`…: two councils may share a name."""
        taken = set(cls.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def purpose_text(self) -> str:
        return plain_text(self.purpose)
