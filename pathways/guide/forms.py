"""The private guide's questions, as the form that works without JavaScript.

Error messages never repeat what was sent: an answer must not come back in a
message (Django's own "X is not one of the available choices" would)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .suggest import MAX_PRIORITIES, Answers, Catalogue

# Values a managed list's key cannot take (keys are slugs, without ':').
NOT_SURE = ":not-sure"
ELSEWHERE = ":elsewhere"

NOT_READABLE = _("This answer could not be read. Please choose again.")


def place_choices(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Countries in their order, each followed by the places within it."""
    children: dict[str | None, list] = {}
    for place in catalogue.places:
        children.setdefault(place.parent, []).append(place)
    choices: list[tuple[str, str]] = []

    def add(place, depth: int) -> None:
        if any(code == place.code for code, _label in choices) or depth > 2:
            return
        parent_name = next((p.name for p in catalogue.places if p.code == place.parent), None)
        label = (
            _("%(place)s, %(within)s") % {"place": place.name, "within": parent_name}
            if parent_name
            else place.name
        )
        choices.append((place.code, label))
        for child in children.get(place.code, []):
            add(child, depth + 1)

    known = {place.code for place in catalogue.places}
    for place in catalogue.places:
        if place.parent is None or place.parent not in known:
            add(place, 0)
    return choices


class GuideForm(forms.Form):
    """Kind of harm, where it happened, where the person lives now, and up to
    three things that matter most, in order."""

    harm = forms.MultipleChoiceField(
        label=_("What kind of harm was it? Choose any that fit."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one, or “I'm not sure”."),
            "invalid_choice": NOT_READABLE,
            "invalid_list": NOT_READABLE,
        },
    )
    happened = forms.ChoiceField(
        label=_("Where did it happen?"),
        error_messages={
            "required": _("Choose a place, or “Somewhere else”."),
            "invalid_choice": NOT_READABLE,
        },
    )
    lives = forms.ChoiceField(
        label=_("Where do you live now?"),
        error_messages={
            "required": _("Choose a place, or “Somewhere else”."),
            "invalid_choice": NOT_READABLE,
        },
    )
    priority_1 = forms.ChoiceField(
        label=_("What matters most to you"),
        error_messages={
            "required": _("Choose what matters most to you."),
            "invalid_choice": NOT_READABLE,
        },
    )
    priority_2 = forms.ChoiceField(
        label=_("Second (optional)"),
        required=False,
        error_messages={"invalid_choice": NOT_READABLE},
    )
    priority_3 = forms.ChoiceField(
        label=_("Third (optional)"),
        required=False,
        error_messages={"invalid_choice": NOT_READABLE},
    )

    PRIORITY_FIELDS = tuple(f"priority_{n}" for n in range(1, MAX_PRIORITIES + 1))

    def __init__(self, *args, catalogue: Catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["harm"].choices = [
            *((kind.key, kind.name) for kind in catalogue.harm_kinds),
            (NOT_SURE, _("I'm not sure, or I'd rather not say")),
        ]
        places = [
            ("", _("Choose a place")),
            *place_choices(catalogue),
            (ELSEWHERE, _("Somewhere else, or I'd rather not say")),
        ]
        self.fields["happened"].choices = places
        self.fields["lives"].choices = places
        outcomes = [(outcome.key, outcome.name) for outcome in catalogue.outcomes]
        self.fields["priority_1"].choices = [("", _("Choose one")), *outcomes]
        for name in self.PRIORITY_FIELDS[1:]:
            self.fields[name].choices = [("", _("Nothing more")), *outcomes]

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for name in self.PRIORITY_FIELDS:
            value = cleaned.get(name)
            if value and value in seen:
                self.add_error(name, _("Choose each thing once: this one is already chosen."))
            seen.add(value)
        return cleaned

    def answers(self) -> Answers:
        """The checked answers ("not sure" wins over kinds chosen with it)."""
        data = self.cleaned_data
        harm = tuple(data["harm"])
        return Answers(
            harm_kinds=() if NOT_SURE in harm else harm,
            happened=None if data["happened"] == ELSEWHERE else data["happened"],
            lives=None if data["lives"] == ELSEWHERE else data["lives"],
            priorities=tuple(data[name] for name in self.PRIORITY_FIELDS if data.get(name)),
        )
