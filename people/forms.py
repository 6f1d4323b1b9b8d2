from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.locales import country_choices, language_choices
from core.widgets import QuickSelect
from safety.sanitize import sanitize_html
from safety.uploads import strip_image_metadata

from .models import Audience, ContentWarningTopic, ExpertiseTopic, Profile, StoryPart
from .rich_text import RichTextarea
from .visibility import PROFILE_FIELDS, Visibility

# Named in the reader's language each time a form is made (core.locales).
LANGUAGE_CHOICES = language_choices

# The profile editor groups each field (or pair of fields) with its own
# "who can see" control: visibility name -> the form fields it covers.
PROFILE_FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "display_name": ("display_name",),
    "pronouns": ("pronouns",),
    "bio": ("bio",),
    "topics": ("topics",),
    "languages": ("languages",),
    "region": ("country", "subdivision"),
    "availability": ("available_for_speaking", "availability_note"),
    "photo": ("photo",),
}


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """Languages as checkboxes (not a ctrl-click list), the chosen ones first,
    in a scrolling box that checkbox-filter.js makes searchable."""

    template_name = "people/widgets/long_checkbox_list.html"
    filter_label = _("Find a language")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = self.filter_label
        return context

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        # Chosen first, then the rest, each alphabetical (a stable sort keeps the order).
        return sorted(groups, key=lambda group: not group[1][0]["selected"])


class ProfileForm(forms.ModelForm):
    """The profile and, beside each field, who may see it."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("It does not need to be your legal name."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=LanguageCheckboxes,
        help_text=_("Tick every language you speak."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics of expertise"),
        queryset=ExpertiseTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = [
            "pronouns",
            "bio",
            "topics",
            "languages",
            "country",
            "subdivision",
            "available_for_speaking",
            "availability_note",
            "photo",
            "public_pseudonym",
            "council_pseudonym",
            "application_pseudonym",
            "in_directory",
        ]
        widgets = {"bio": RichTextarea(attrs={"rows": 6})}
        help_texts = {
            "bio": _(
                "A few lines about you, in your own words. You can add bold text, lists and links."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].initial = self.instance.user.display_name
        # Named in the reader's language (django-countries lacks several).
        self.fields["country"].choices = [("", "---------"), *country_choices()]
        for name in PROFILE_FIELDS:
            self.fields[f"visibility_{name}"] = forms.ChoiceField(
                label=_("Who can see this"),
                choices=Visibility.choices,
                initial=self.instance.visibility_of(name),
            )

    def visibility_fields(self):
        return [self[f"visibility_{name}"] for name in PROFILE_FIELDS]

    def field_groups(self):
        """Each part of the profile with its fields and, beside them, who can see it."""
        return [
            {
                "name": name,
                "legend": PROFILE_FIELDS[name],
                "fields": [self[field] for field in PROFILE_FIELD_GROUPS[name]],
                "single": len(PROFILE_FIELD_GROUPS[name]) == 1,
                "visibility": self[f"visibility_{name}"],
            }
            for name in PROFILE_FIELDS
        ]

    def other_fields(self):
        """Fields without a visibility of their own: names per place, the directory."""
        grouped = {field for fields in PROFILE_FIELD_GROUPS.values() for field in fields}
        return [
            field
            for field in self
            if field.name not in grouped and not field.name.startswith("visibility_")
        ]

    def clean_bio(self):
        return sanitize_html(self.cleaned_data["bio"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        # A new upload (not the file already stored) loses its metadata first.
        if isinstance(photo, UploadedFile):
            return strip_image_metadata(photo)
        return photo

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.visibility = {
            name: self.cleaned_data[f"visibility_{name}"] for name in PROFILE_FIELDS
        }
        profile.user.display_name = self.cleaned_data["display_name"].strip()
        if commit:
            profile.user.save(update_fields=["display_name"])
            profile.save()
            self.save_m2m()
        return profile


class PreferencesForm(forms.ModelForm):
    content_warning_topics = forms.ModelMultipleChoiceField(
        label=_("Collapse content about these topics behind a warning"),
        queryset=ContentWarningTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = [
            "preferred_language",
            "content_warning_topics",
            "notify_opportunity_digest",
        ]

    def save(self, commit=True):
        self.instance.content_warnings_chosen = True
        return super().save(commit=commit)


class ContentWarningChoiceForm(forms.Form):
    """What a reader (visitor or member) wants collapsed behind a warning."""

    topics = forms.ModelMultipleChoiceField(
        label=_("Collapse content about these topics behind a warning"),
        help_text=_("Collapsed content stays one click away. You can change this at any time."),
        queryset=ContentWarningTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class StoryPartForm(forms.ModelForm):
    class Meta:
        model = StoryPart
        fields = ["title", "body", "never_share", "position"]
        widgets = {"body": RichTextarea(attrs={"rows": 12})}
        help_texts = {
            "body": _(
                "You can use bold, italics, lists and links. Write only what you want to keep here."
            ),
        }


class ShareStoryPartForm(forms.Form):
    """Grant one use of a story part to one audience."""

    audience = forms.ModelChoiceField(label=_("Who may read it"), queryset=Audience.objects.none())
    purpose = forms.CharField(
        label=_("What for"),
        max_length=300,
        help_text=_("For example: “my application to speak at the spring conference”."),
    )
    expires_on = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = shareable_audiences(user)

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value and value <= timezone.localdate():
            raise ValidationError(_("Choose a date after today."))
        return value


def shareable_audiences(user):
    """Verified organisations, and the councils and campaigns the person belongs to."""
    verified_organisation = Q(kind=Audience.Kind.ORGANISATION, verified=True)
    own_group = Q(group__user=user) & ~Q(kind=Audience.Kind.ORGANISATION)
    return (
        Audience.objects.filter(verified_organisation | own_group)
        .distinct()
        .order_by("kind", "name")
    )


class DirectoryFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=ExpertiseTopic.objects.all(), required=False
    )
    country = forms.CharField(label=_("Country code"), max_length=2, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: [("", _("Any")), *language_choices()],
        required=False,
        widget=QuickSelect,
    )
