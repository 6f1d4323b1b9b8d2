from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateUploadCollection(models.Model):
    """The Wagtail collection a person's own uploads (images, documents) go
    into. What is in it is seen only by that person and by site admins
    (`people.admin.permission_policies.PrivateUploadsPermissionPolicy`); a
    collection whose person has been erased stays private, to site admins."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="private_upload_collection",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("private upload collection")

    def __str__(self) -> str:
        return str(self.collection)
