"""The words of the managed lists a new site starts with (pathways migration
0002), translated like the rest of the interface.

Outcomes, kinds of harm and support services are snippets: editors may rename
them or add more, and what they write is shown as written. An entry still
bearing its first name is shown in the reader's language, through the
catalogue; these are that first wording, keyed by the entry's stable `key`.
"""

from django.utils.translation import gettext, gettext_noop

OUTCOMES = {
    "compensation": (
        gettext_noop("Compensation"),
        gettext_noop("Money for what was taken, lost or harmed."),
    ),
    "clean-record": (
        gettext_noop("A clean record"),
        gettext_noop("Convictions or arrests that came from being trafficked, cleared."),
    ),
    "immigration-status": (
        gettext_noop("Immigration status"),
        gettext_noop("The right to stay, work and bring family."),
    ),
    "safety": (
        gettext_noop("Safety"),
        gettext_noop("Protection from the people who caused harm."),
    ),
    "acknowledgement": (
        gettext_noop("Being heard"),
        gettext_noop("Acknowledgement of what happened, on your own terms."),
    ),
    "change-for-others": (
        gettext_noop("Preventing harm to others"),
        gettext_noop("Change that protects other people."),
    ),
}

HARM_KINDS = {
    "labour": gettext_noop("Forced or exploited work"),
    "sexual": gettext_noop("Commercial sexual exploitation"),
    "criminal": gettext_noop("Being made to commit crimes"),
    "domestic": gettext_noop("Domestic servitude"),
}

SERVICES = {
    "civil-litigation": gettext_noop("Civil litigation"),
    "criminal-advocacy": gettext_noop("Criminal case advocacy"),
    "restitution": gettext_noop("Restitution"),
    "immigration": gettext_noop("Immigration relief"),
    "vacatur": gettext_noop("Vacatur and record clearing"),
    "counselling": gettext_noop("Counselling"),
    "shelter": gettext_noop("Shelter"),
}


def shown(first_wording: str | None, written: str) -> str:
    """`written` in the reader's language when it is still the first wording;
    as written otherwise (an editor's own words)."""
    if first_wording and written == first_wording:
        return gettext(first_wording)
    return written
