"""The directory's filter form (GET, every field optional, plain selects that
work without JavaScript) and the form an organisation's admins edit their
listing with."""

from __future__ import annotations

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core import site_wide
from core.text_limits import LimitedTextField
from core.widgets import QuickSelect
from people.forms import LanguageCheckboxes
from safety.sanitize import strip_tags_to_text

from ..models import Jurisdiction, ServiceCost, ServiceLanguage, ServiceListing, SupportService
from ..models.service_language import language_choices
from .languages import named_languages


class JurisdictionOptions:
    """Every jurisdiction, read once with the country it lies within: the
    choices of a jurisdiction select, grouped by country, and the lookup of a
    chosen code, with no further query (`with_ancestors` walks the joined
    parents)."""

    def __init__(self):
        # Jurisdictions are a snippet: any change bumps the site tag, and with
        # it what each process keeps (core/site_wide.py).
        self.places = site_wide.remember(
            ("jurisdictions",), lambda: tuple(Jurisdiction.objects.select_related("parent"))
        )
        self.by_code = {place.code: place for place in self.places}

    def get(self, code: str | None) -> Jurisdiction | None:
        return self.by_code.get(code or "")

    def choices(self) -> list:
        """Countries in order; a country with states is a group holding the
        country itself, then its states."""
        states: dict[int, list[Jurisdiction]] = {}
        for place in self.places:
            if place.parent_id is not None:
                # Under the country it lies within, however deep.
                country = place.with_ancestors()[-1]
                states.setdefault(country.pk, []).append(place)
        choices = []
        for place in self.places:
            if place.parent_id is not None:
                continue
            inside = states.get(place.pk)
            if inside:
                options = [(place.code, place.name), *((s.code, s.name) for s in inside)]
                choices.append((place.name, options))
            else:
                choices.append((place.code, place.name))
        return choices


def jurisdiction_field(options: JurisdictionOptions, *, label, empty_label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", empty_label), *options.choices()],
        required=False,
        widget=QuickSelect,
        error_messages={
            "invalid_choice": _("We do not know the place “%(value)s”. Choose one from the list.")
        },
    )


class DirectoryFilterForm(forms.Form):
    """Filters on the directory. Its choices are read once by the view and
    handed in, so validating a choice costs no query. A choice that is not
    valid is reported on the page and left out of the filtering; the others
    still apply."""

    def __init__(
        self,
        data=None,
        *,
        jurisdictions: JurisdictionOptions,
        services: list[SupportService],
        languages: list[str],
    ):
        super().__init__(data, auto_id="directory-%s")
        self.jurisdictions = jurisdictions
        self.services = {service.key: service for service in services}
        self.fields["jurisdiction"] = jurisdiction_field(
            jurisdictions, label=_("Where you are"), empty_label=_("Anywhere")
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language they work in"),
            choices=[("", _("Any language")), *named_languages(languages)],
            required=False,
            widget=QuickSelect,
            error_messages={
                "invalid_choice": _(
                    "No service in the directory works in the language “%(value)s” yet."
                    " Choose one from the list."
                )
            },
        )
        self.fields["service"] = forms.ChoiceField(
            label=_("Kind of help"),
            choices=[("", _("Any kind of help")), *((s.key, s.label) for s in services)],
            required=False,
            widget=QuickSelect,
            error_messages={
                "invalid_choice": _(
                    "We do not know the service “%(value)s”. Choose one from the list."
                )
            },
        )
        self.fields["cost"] = forms.ChoiceField(
            label=_("Cost"),
            choices=[("", _("Any cost")), *ServiceCost.choices],
            required=False,
            widget=QuickSelect,
            error_messages={
                "invalid_choice": _("“%(value)s” is not a cost we know. Choose one from the list.")
            },
        )

    def chosen(self) -> dict:
        """The valid choices, as objects: jurisdiction, service, language, cost
        (None where nothing valid was chosen)."""
        if not self.is_bound:
            return dict.fromkeys(("jurisdiction", "service", "language", "cost"))
        self.is_valid()
        data = self.cleaned_data
        return {
            "jurisdiction": self.jurisdictions.get(data.get("jurisdiction")),
            "service": self.services.get(data.get("service") or ""),
            "language": data.get("language") or None,
            "cost": data.get("cost") or None,
        }


class ServicesNearYouForm(forms.Form):
    """The jurisdiction select on a remedy page ("Find services near you")."""

    def __init__(self, data=None, *, jurisdictions: JurisdictionOptions):
        super().__init__(data, auto_id="services-near-%s")
        self.fields["jurisdiction"] = jurisdiction_field(
            jurisdictions, label=_("Where you are"), empty_label=_("Choose a place")
        )


# --- Editing a listing ----------------------------------------------------

PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{2,38}$")


def plain(value: str) -> str:
    """Text as typed, with any markup pasted in taken out: listings are shown
    as plain text, and survivors should never see stray tags."""
    return strip_tags_to_text(value or "").strip()


def clean_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(
            _("Write the number with digits, spaces and an optional + in front, e.g. +1 555 0100.")
        )
    return value


class ListingTextCleaning:
    """The text clean-up both listing forms share (the site's and the Wagtail admin's)."""

    def clean_summary(self):
        return plain(self.cleaned_data.get("summary"))

    def clean_contact_notes(self):
        return plain(self.cleaned_data.get("contact_notes"))

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))


class ServiceListingAdminForm(ListingTextCleaning, WagtailAdminModelForm):
    """The Wagtail admin's listing form, with the same text clean-up."""


class ListingForm(ListingTextCleaning, forms.ModelForm):
    """What an organisation's admins say about their services. The
    organisation and its verification are not theirs to change here."""

    summary = LimitedTextField(
        label=_("What you offer"),
        limit=600,
        too_long_message=_(
            "What you offer can be up to %(limit)s characters; yours has %(length)s."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In plain words, for a survivor looking for help. No graphic detail."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=language_choices,
        widget=LanguageCheckboxes,
        error_messages={"required": _("Tick at least one language.")},
    )

    class Meta:
        model = ServiceListing
        fields = ["summary", "services", "jurisdictions", "cost", "phone", "contact_notes"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "jurisdictions": forms.CheckboxSelectMultiple,
            "cost": forms.RadioSelect,
        }
        error_messages = {
            "services": {"required": _("Tick at least one service.")},
            "jurisdictions": {"required": _("Tick at least one place you serve.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = self.fields["jurisdictions"]
        places.queryset = Jurisdiction.objects.select_related("parent")
        places.label_from_instance = _place_label
        places.help_text = _("Serving a whole country includes each of its states.")
        self.fields["services"].label_from_instance = _service_label
        self.fields["cost"].choices = ServiceCost.choices
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = [row.language for row in self.instance.languages.all()]

    @transaction.atomic
    def save_for(self, organisation) -> ServiceListing:
        """Save the listing of `organisation`, with its languages."""
        listing = self.save(commit=False)
        listing.organisation = organisation
        listing.save()
        self.save_m2m()
        wanted = set(self.cleaned_data["languages"])
        rows = ServiceLanguage.objects.filter(listing=listing)
        rows.exclude(language__in=wanted).delete()
        have = set(rows.values_list("language", flat=True))
        ServiceLanguage.objects.bulk_create(
            ServiceLanguage(listing=listing, language=code) for code in sorted(wanted - have)
        )
        return listing


def _service_label(service) -> str:
    return service.label


def _place_label(place: Jurisdiction) -> str:
    return f"{place.name} ({place.parent.name})" if place.parent_id else place.name
