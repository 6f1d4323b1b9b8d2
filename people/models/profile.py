import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.locales import country_name
from core.text_limits import html_length_limit
from people.visibility import DEFAULT_VISIBILITY, PROFILE_FIELDS, NameContext, Visibility

from .content_warnings import ContentWarningTopic
from .topics import ExpertiseTopic

# A region is a country plus, at most, a state or province name: letters,
# spaces and a little punctuation. Digits are refused, because a street
# address or postcode is exactly what must never be stored.
SUBDIVISION_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '\-.][^\W\d_]+)*\.?$")


def validate_subdivision(value: str) -> None:
    if value and not SUBDIVISION_PATTERN.match(value.strip()):
        raise ValidationError(
            _(
                "Please give only a state or province name, without numbers. "
                "Never enter a street address or postcode."
            )
        )


def visibility_default() -> dict:
    return dict(DEFAULT_VISIBILITY)


class Profile(models.Model):
    """What a person chooses to tell others about themselves, field by field.

    Every field has its own visibility (`visibility`); `people.policy` is the
    only place that decides what a given viewer sees. Pseudonyms let a person
    appear under a different name in public pages, councils and applications.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    bio = models.TextField(
        _("about me"), blank=True, max_length=5000, help_text=_("Sanitised rich text.")
    )
    topics = models.ManyToManyField(
        ExpertiseTopic, blank=True, related_name="profiles", verbose_name=_("topics of expertise")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    country = CountryField(_("country"), blank=True)
    subdivision = models.CharField(
        _("state or province"), max_length=80, blank=True, validators=[validate_subdivision]
    )
    available_for_speaking = models.BooleanField(_("available for speaking"), default=False)
    availability_note = models.CharField(_("availability"), max_length=200, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="private/profile-photos/", blank=True, max_length=255
    )
    visibility = models.JSONField(_("who can see each field"), default=visibility_default)

    public_pseudonym = models.CharField(_("name on public pages"), max_length=80, blank=True)
    council_pseudonym = models.CharField(_("name in councils"), max_length=80, blank=True)
    application_pseudonym = models.CharField(_("name in applications"), max_length=80, blank=True)
    in_directory = models.BooleanField(
        _("list me in the changemaker directory"),
        default=False,
        help_text=_("Verified organisations can find you; they see only what you allow."),
    )

    # Preferences
    content_warning_topics = models.ManyToManyField(
        ContentWarningTopic,
        blank=True,
        related_name="+",
        verbose_name=_("collapse content about"),
    )
    content_warnings_chosen = models.BooleanField(
        _("has chosen which content to collapse"),
        default=False,
        editable=False,
        help_text=_("Until someone chooses, everything that carries a warning is collapsed."),
    )
    preferred_language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    notify_opportunity_digest = models.BooleanField(_("weekly opportunities"), default=False)
    helpline_country = models.CharField(
        _("country for helplines"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_(
            "The country whose helplines the footer shows. Private: only the member "
            "sees it, and it is never guessed from their connection."
        ),
    )

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            html_length_limit("bio", 5000),
        ]
        verbose_name = _("profile")

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @classmethod
    def for_user(cls, user) -> "Profile":
        """The user's profile, created (all fields private) on first use."""
        profile, _created = cls.objects.get_or_create(user=user)
        return profile

    def visibility_of(self, field: str) -> str:
        if field not in PROFILE_FIELDS:
            raise KeyError(field)
        value = (self.visibility or {}).get(field, Visibility.ONLY_ME)
        return value if value in Visibility.values else Visibility.ONLY_ME.value

    def pseudonym_for(self, context: str) -> str:
        """The name chosen for `context` (a NameContext), or "" if none was chosen."""
        return {
            NameContext.PUBLIC: self.public_pseudonym,
            NameContext.COUNCIL: self.council_pseudonym,
            NameContext.APPLICATION: self.application_pseudonym,
        }[NameContext(context)]

    @property
    def region(self) -> str:
        parts = [self.subdivision, country_name(self.country.code) if self.country else ""]
        return ", ".join(p for p in parts if p)
