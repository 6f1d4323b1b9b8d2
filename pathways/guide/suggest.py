"""The private guide's rules: which remedies to suggest, in which order, with
which deadlines and which questions for a lawyer.

Pure functions over a `Catalogue` (built by `pathways.guide.catalogue`): no
database, no request, nothing kept. `pathways/static/pathways/js/guide.js`
implements the same rules in the page, step for step; a browser test runs
several sets of answers through both and compares the results, so a change
here must be made there too.

The rules:

1. Kind of harm. A remedy is kept when it applies to at least one chosen kind
   of harm; "not sure" (no kinds chosen) keeps every remedy.
2. Place. The chosen places are where it happened and where the person lives
   now, each with the places it lies within (a state, then its country),
   nearest first, without repeats. A remedy *matches* when it has a deadline
   record for one of them.
   - No place chosen ("somewhere else / rather not say"): every kept remedy is
     suggested, and no deadline is shown (we cannot say which apply).
   - Otherwise the suggestions are the matching remedies, then the remedies
     with no deadline record anywhere (their availability does not depend on
     a place we know of, e.g. a restorative process). Remedies whose records
     are all for other places are left out, because they most likely belong
     to another country's law; but when no remedy matches at all they are
     shown apart, as "may apply elsewhere: ask a lawyer", rather than an empty
     page.
3. Order. A remedy scores 3, 2 and 1 for offering the first, second and third
   thing that matters most; matching remedies come first, then higher
   scores, then the catalogue's order (by title).
4. Deadlines shown are those for the chosen places only, nearest place first,
   each marked when it has not been checked for twelve months.
5. Questions for a lawyer: the suggested remedies' questions in order (or, if
   none is suggested, those shown as "elsewhere"), without repeats, then a few
   general questions.
"""

from dataclasses import dataclass

# Points for offering the first, second and third thing that matters most.
PRIORITY_WEIGHTS = (3, 2, 1)
MAX_PRIORITIES = len(PRIORITY_WEIGHTS)


@dataclass(frozen=True)
class Choice:
    """An entry of a managed list (a kind of harm, an outcome)."""

    key: str
    name: str


@dataclass(frozen=True)
class Place:
    """A jurisdiction, with the code of the one it lies within."""

    code: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class DeadlineRecord:
    """A remedy's deadline in one jurisdiction, ready to show."""

    jurisdiction: str
    jurisdiction_name: str
    kind: str
    kind_label: str
    period: str
    notes: str
    source_title: str
    source_url: str
    checked_on: str  # ISO date
    checked_label: str  # the date as the reader's language writes it
    stale: bool


@dataclass(frozen=True)
class RemedyRecord:
    """A published remedy as the guide needs it."""

    id: int
    title: str
    url: str
    summary: str
    pathway: str
    outcomes: tuple[str, ...]
    harm_kinds: tuple[str, ...]
    deadlines: tuple[DeadlineRecord, ...]
    questions: tuple[str, ...]
    # The language of the title and summary when it is not the reader's (a
    # page not translated yet); empty when they are in the reader's language.
    language: str = ""


@dataclass(frozen=True)
class Catalogue:
    """Everything the guide knows, in the order it shows it. `remedies` is
    sorted by title: ties in the ranking keep this order."""

    remedies: tuple[RemedyRecord, ...]
    harm_kinds: tuple[Choice, ...]
    outcomes: tuple[Choice, ...]
    places: tuple[Place, ...]
    general_questions: tuple[str, ...]


# Answers and what is made of them have no repr: Django's template engine logs
# its context at DEBUG level when a variable is missing, and an answer must
# never reach a log line.
@dataclass(frozen=True, repr=False)
class Answers:
    """Checked answers. An empty `harm_kinds` means "not sure"; a place of
    None means "somewhere else, or rather not say"; `priorities` holds up to
    three outcome keys, most important first."""

    harm_kinds: tuple[str, ...]
    happened: str | None
    lives: str | None
    priorities: tuple[str, ...]


@dataclass(frozen=True, repr=False)
class Suggestion:
    remedy: RemedyRecord
    score: int
    matches_place: bool
    deadlines: tuple[DeadlineRecord, ...]


@dataclass(frozen=True, repr=False)
class Suggestions:
    places: tuple[str, ...]
    suggested: tuple[Suggestion, ...]
    elsewhere: tuple[Suggestion, ...]
    questions: tuple[str, ...]


def chosen_places(catalogue: Catalogue, answers: Answers) -> tuple[str, ...]:
    """Where it happened and where the person lives, each followed by the
    places it lies within; nearest first, no repeats, unknown codes ignored."""
    parents = {place.code: place.parent for place in catalogue.places}
    chain: list[str] = []
    for start in (answers.happened, answers.lives):
        code = start
        while code is not None and code in parents and code not in chain:
            chain.append(code)
            code = parents[code]
    return tuple(chain)


def applies_to_harm(remedy: RemedyRecord, harm_kinds: tuple[str, ...]) -> bool:
    """Not sure (nothing chosen) keeps every remedy."""
    return not harm_kinds or any(kind in remedy.harm_kinds for kind in harm_kinds)


def score(remedy: RemedyRecord, priorities: tuple[str, ...]) -> int:
    """3, 2 and 1 points for offering the first, second and third priority."""
    return sum(
        weight
        for weight, outcome in zip(PRIORITY_WEIGHTS, priorities, strict=False)
        if outcome in remedy.outcomes
    )


def relevant_deadlines(remedy: RemedyRecord, places: tuple[str, ...]) -> tuple[DeadlineRecord, ...]:
    """The remedy's deadlines for the chosen places, nearest place first (the
    editors' order within one place)."""
    found = [deadline for deadline in remedy.deadlines if deadline.jurisdiction in places]
    return tuple(sorted(found, key=lambda deadline: places.index(deadline.jurisdiction)))


def lawyer_questions(catalogue: Catalogue, shown: tuple[Suggestion, ...]) -> tuple[str, ...]:
    """The shown remedies' questions, then the general ones, each once."""
    seen: list[str] = []
    for suggestion in shown:
        for question in suggestion.remedy.questions:
            text = question.strip()
            if text and text not in seen:
                seen.append(text)
    for question in catalogue.general_questions:
        text = question.strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def suggest(catalogue: Catalogue, answers: Answers) -> Suggestions:
    """The remedies to read about for these answers (see the module's rules)."""
    places = chosen_places(catalogue, answers)
    ranked = []
    for position, remedy in enumerate(catalogue.remedies):
        if not applies_to_harm(remedy, answers.harm_kinds):
            continue
        deadlines = relevant_deadlines(remedy, places)
        suggestion = Suggestion(
            remedy=remedy,
            score=score(remedy, answers.priorities),
            matches_place=bool(deadlines),
            deadlines=deadlines,
        )
        ranked.append((not suggestion.matches_place, -suggestion.score, position, suggestion))
    ranked.sort(key=lambda entry: entry[:3])
    in_order = tuple(entry[3] for entry in ranked)

    if not places:
        suggested, elsewhere = in_order, ()
    else:
        suggested = tuple(s for s in in_order if s.matches_place or not s.remedy.deadlines)
        elsewhere = tuple(s for s in in_order if not s.matches_place and s.remedy.deadlines)
        if any(s.matches_place for s in suggested):
            elsewhere = ()
    return Suggestions(
        places=places,
        suggested=suggested,
        elsewhere=elsewhere,
        questions=lawyer_questions(catalogue, suggested or elsewhere),
    )
