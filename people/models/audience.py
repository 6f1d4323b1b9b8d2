import uuid

from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Audience(models.Model):
    """A party that information can be disclosed to: an organisation, a council,
    a campaign or a proposal.

    Each audience has its own auth group holding the people who act for it (an
    organisation's reviewers, a council's members, a campaign's leads). The
    feature app that owns the object keeps that group in sync, so that this
    app can decide who sees what without importing any feature app, and so that
    django-guardian grants go to the group.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        COUNCIL = "council", _("Advisory council")
        CAMPAIGN = "campaign", _("Campaign")
        PROPOSAL = "proposal", _("Reform proposal")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="audience", editable=False
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Organisations: checked by site admins. Only verified ones see the directory."),
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audience")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_audience_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @classmethod
    @transaction.atomic
    def create(cls, *, kind: str, name: str, owner=None, verified: bool = False) -> "Audience":
        """Create an audience and its group (named so it never clashes with a role)."""
        audience = cls(kind=kind, name=name, verified=verified)
        if owner is not None:
            audience.content_type = ContentType.objects.get_for_model(owner)
            audience.object_id = owner.pk
        group = Group.objects.create(name=f"audience:{kind}:{uuid.uuid4().hex[:12]}")
        audience.group = group
        audience.save()
        return audience

    def follow(self, owner, **fields) -> None:
        """Once `owner` is saved: point this audience at it and copy what this
        app needs to know of it (`name`; an organisation's `verified`)."""
        fields.update(content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk)
        type(self).objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    def dissolve(self) -> None:
        """Delete this audience and its group, once its owner is deleted."""
        group = self.group
        self.delete()
        group.delete()

    def add_member(self, user) -> None:
        user.groups.add(self.group)

    def remove_member(self, user) -> None:
        user.groups.remove(self.group)

    def has_member(self, user) -> bool:
        return user.is_authenticated and user.groups.filter(pk=self.group_id).exists()


def owned_audience(related_name: str) -> models.OneToOneField:
    """The `audience` field of an `AudienceOwner`; `related_name` names the
    owner from its audience (`audience.organisation`, `audience.council`)."""
    return models.OneToOneField(
        Audience, on_delete=models.PROTECT, related_name=related_name, editable=False
    )


class AudienceOwner(models.Model):
    """An object that owns an audience: an organisation or a council. It
    declares `audience = owned_audience(...)` and its `audience_kind`.

    Saving creates the audience (and its group) the first time, in the same
    transaction, and keeps what this app knows of the owner in step
    (`audience_fields`); deleting the owner dissolves its audience.
    """

    audience_kind: str = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        creating = self.pk is None
        with transaction.atomic():
            if self.audience_id is None:
                self.audience = Audience.create(kind=self.audience_kind, **self.audience_fields())
            super().save(*args, **kwargs)
            self.audience.follow(self, **self.audience_fields())
            self.after_save_with_audience(creating=creating)

    def delete(self, *args, **kwargs):
        audience = self.audience
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            audience.dissolve()
        return result

    def audience_fields(self) -> dict:
        """What the audience copies of its owner."""
        return {"name": self.name}

    def after_save_with_audience(self, *, creating: bool) -> None:
        """Runs in the saving transaction, once the audience follows the owner."""
