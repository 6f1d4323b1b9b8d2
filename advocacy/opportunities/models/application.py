from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.text_limits import length_limit

from .speaking_opportunity import SpeakingOpportunity


class OpportunityApplication(models.Model):
    """A survivor leader's application to one opportunity.

    What the organisation may learn is not stored here: each profile field or
    story part the applicant chose is a `people.ConsentRecord` whose context is
    this application. Access and support needs are kept here and shown only
    after acceptance, only to the organisation's named contact. The
    organisation's group gets `review_opportunityapplication` on this object
    (django-guardian) while the application is not withdrawn.

    There is one row per applicant and opportunity. Someone who withdrew may
    apply again: the same row is reopened as a new submission (`created_at`
    is then the time of applying again) and only what they choose that time
    is disclosed; the consents of the withdrawn application stay revoked.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    opportunity = models.ForeignKey(
        SpeakingOpportunity, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_applications"
    )
    pseudonym = models.CharField(
        _("name to use"),
        max_length=80,
        help_text=_("The organisation sees only this name."),
    )
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    message = models.TextField(_("message to the organisation"), max_length=3000, blank=True)
    access_needs = models.TextField(
        _("access and support needs"),
        max_length=3000,
        blank=True,
        help_text=_(
            "Shown only if you are accepted, and only to the organisation's named contact."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_message = models.TextField(
        _("message from the organisation"), blank=True, max_length=3000
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "advocacy_opportunityapplication"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        permissions = [("review_opportunityapplication", _("Can review an application"))]
        constraints = [
            length_limit("message", 3000),
            length_limit("access_needs", 3000),
            length_limit("decision_message", 3000),
            models.UniqueConstraint(
                fields=["opportunity", "applicant"], name="one_application_per_opportunity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} → {self.opportunity}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.SHORTLISTED)


class ApplicationUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table for applications."""

    content_object = models.ForeignKey(OpportunityApplication, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        db_table = "advocacy_applicationuserobjectpermission"


class ApplicationGroupObjectPermission(GroupObjectPermissionBase):
    """Direct-FK guardian table: the organisation's group reviews its applications."""

    content_object = models.ForeignKey(OpportunityApplication, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        db_table = "advocacy_applicationgroupobjectpermission"
