from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.text_limits import html_length_limit
from safety.sanitize import sanitize_html


class StoryPart(models.Model):
    """One part of a survivor's story, written once and shared use by use.

    Each use (a campaign, an application, a press request) is a separate,
    revocable `ConsentRecord`; a part marked "never share" cannot be granted.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_parts"
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("text"), max_length=20000)
    position = models.PositiveIntegerField(_("position"), default=0)
    never_share = models.BooleanField(
        _("never share"),
        default=False,
        help_text=_("Keep this part for yourself: it cannot be shared with anyone."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            html_length_limit("body", 20000),
        ]
        ordering = ["owner", "position", "pk"]
        verbose_name = _("story part")
        permissions = [("view_shared_storypart", _("Can read a story part shared with you"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class StoryPartUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table: cheap joins when listing shared story parts."""

    content_object = models.ForeignKey(StoryPart, on_delete=models.CASCADE)


class StoryPartGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(StoryPart, on_delete=models.CASCADE)
