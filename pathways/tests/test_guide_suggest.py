"""The private guide's rules (pathways.guide.suggest), on hand-made
catalogues: no database involved, as in the page."""

import pytest

from pathways.guide.suggest import (
    Answers,
    Catalogue,
    Choice,
    DeadlineRecord,
    Place,
    RemedyRecord,
    chosen_places,
    score,
    suggest,
)

PLACES = (
    Place("cc", "Country C", None),
    Place("cc-north", "North C", "cc"),
    Place("cc-south", "South C", "cc"),
    Place("dd", "Country D", None),
)


def deadline(place, period="5 years", stale=False):
    return DeadlineRecord(
        jurisdiction=place,
        jurisdiction_name=place.upper(),
        kind="limitation",
        kind_label="Time limit",
        period=period,
        notes="",
        source_title="Statute",
        source_url="https://example.org/statute",
        checked_on="2026-01-01",
        checked_label="1 January 2026",
        stale=stale,
    )


def remedy(id, title, outcomes=(), harm=("labour",), deadlines=(), questions=()):
    return RemedyRecord(
        id=id,
        title=title,
        url=f"/justice/{id}/",
        summary="",
        pathway="Procedural",
        outcomes=tuple(outcomes),
        harm_kinds=tuple(harm),
        deadlines=tuple(deadlines),
        questions=tuple(questions),
    )


def catalogue(*remedies, general=("General?",)):
    return Catalogue(
        remedies=tuple(remedies),
        harm_kinds=(Choice("labour", "Work"), Choice("sexual", "Sexual")),
        outcomes=(Choice("money", "Money"), Choice("record", "Record"), Choice("safe", "Safe")),
        places=PLACES,
        general_questions=tuple(general),
    )


def answers(harm=(), happened=None, lives=None, priorities=()):
    return Answers(tuple(harm), happened, lives, tuple(priorities))


def titles(suggestions):
    return [s.remedy.title for s in suggestions]


def test_places_are_both_answers_with_what_they_lie_within_nearest_first_once():
    places = chosen_places(catalogue(), answers(happened="cc-north", lives="cc-south"))
    assert places == ("cc-north", "cc", "cc-south")
    assert chosen_places(catalogue(), answers(happened="dd", lives="dd")) == ("dd",)
    assert chosen_places(catalogue(), answers(happened="unknown")) == ()


def test_weights_are_three_two_one_for_offered_priorities():
    r = remedy(1, "A", outcomes=("money", "safe"))
    assert score(r, ("money", "record", "safe")) == 3 + 1
    assert score(r, ("safe",)) == 3
    assert score(r, ()) == 0


def test_kind_of_harm_filters_and_not_sure_keeps_everything():
    cat = catalogue(
        remedy(1, "Work only", harm=("labour",)), remedy(2, "Sex only", harm=("sexual",))
    )
    assert titles(suggest(cat, answers(harm=("sexual",))).suggested) == ["Sex only"]
    assert set(titles(suggest(cat, answers()).suggested)) == {"Work only", "Sex only"}


def test_order_follows_what_matters_then_catalogue_order():
    cat = catalogue(
        remedy(1, "Alpha", outcomes=("safe",)),
        remedy(2, "Beta", outcomes=("money",)),
        remedy(3, "Gamma", outcomes=("record", "safe")),
        remedy(4, "Delta", outcomes=()),
    )
    result = suggest(cat, answers(priorities=("money", "record", "safe")))
    # Beta 3, Gamma 2+1=3, Alpha 1, Delta 0; ties keep the catalogue's order.
    assert titles(result.suggested) == ["Beta", "Gamma", "Alpha", "Delta"]


def test_remedies_with_a_record_for_the_places_come_first_with_only_those_deadlines():
    cat = catalogue(
        remedy(1, "Federal", outcomes=(), deadlines=[deadline("dd"), deadline("cc")]),
        remedy(2, "Northern", outcomes=("money",), deadlines=[deadline("cc-north")]),
        remedy(3, "Anywhere", outcomes=("money",)),
        remedy(4, "Only D", outcomes=("money",), deadlines=[deadline("dd")]),
    )
    result = suggest(cat, answers(happened="cc-north", priorities=("money",)))
    assert titles(result.suggested) == ["Northern", "Federal", "Anywhere"]
    assert [d.jurisdiction for d in result.suggested[1].deadlines] == ["cc"]
    assert result.suggested[2].deadlines == ()
    assert result.elsewhere == ()


def test_deadlines_are_shown_nearest_place_first():
    r = remedy(1, "Both", deadlines=[deadline("cc"), deadline("cc-south"), deadline("cc-north")])
    result = suggest(catalogue(r), answers(happened="cc-south", lives="cc-north"))
    assert [d.jurisdiction for d in result.suggested[0].deadlines] == ["cc-south", "cc", "cc-north"]


def test_when_nothing_matches_the_places_other_records_show_apart():
    cat = catalogue(
        remedy(1, "Only D", outcomes=("money",), deadlines=[deadline("dd")], questions=["Q D?"]),
    )
    result = suggest(cat, answers(happened="cc", priorities=("money",)))
    assert result.suggested == ()
    assert titles(result.elsewhere) == ["Only D"]
    assert result.elsewhere[0].deadlines == ()
    assert result.questions == ("Q D?", "General?")


def test_without_a_place_everything_is_suggested_and_no_deadline_shown():
    cat = catalogue(
        remedy(1, "Only D", outcomes=(), deadlines=[deadline("dd")]),
        remedy(2, "Anywhere", outcomes=("money",)),
    )
    result = suggest(cat, answers(priorities=("money",)))
    assert result.places == ()
    assert titles(result.suggested) == ["Anywhere", "Only D"]
    assert all(s.deadlines == () for s in result.suggested)
    assert result.elsewhere == ()


def test_stale_marks_travel_with_the_deadline():
    r = remedy(1, "Old", deadlines=[deadline("cc", stale=True)])
    assert suggest(catalogue(r), answers(happened="cc")).suggested[0].deadlines[0].stale


def test_lawyer_questions_are_the_suggested_ones_once_then_general():
    cat = catalogue(
        remedy(1, "A", outcomes=("money",), questions=["Shared?", " A only? "]),
        remedy(2, "B", outcomes=(), questions=["Shared?", "B only?"]),
        remedy(3, "C", harm=("sexual",), questions=["Not shown?"]),
        general=("General?", "Shared?"),
    )
    result = suggest(cat, answers(harm=("labour",), priorities=("money",)))
    assert result.questions == ("Shared?", "A only?", "B only?", "General?")


@pytest.mark.parametrize("harm", [(), ("labour",)])
def test_an_empty_catalogue_still_gives_general_questions(harm):
    result = suggest(catalogue(), answers(harm=harm, happened="cc"))
    assert result.suggested == () and result.elsewhere == ()
    assert result.questions == ("General?",)
