"""The private guide's catalogue: the live, public remedies of the current
site with their outcomes, kinds of harm, deadlines and questions for a lawyer,
and the managed lists the questions offer. Read in a constant number of
queries, whatever the number of remedies."""

from dataclasses import asdict

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.models import Site

from content.translations import in_language_all, is_untranslated, shown_language
from content.visibility import public
from pathways import freshness
from pathways.models import HarmKind, Jurisdiction, LawyerQuestion, Outcome, RemedyPage

from .suggest import Catalogue, Choice, DeadlineRecord, Place, RemedyRecord


def general_questions() -> tuple[str, ...]:
    """Questions worth asking whatever the remedy (in the reader's language)."""
    return (
        _("Which of these could apply to me, and which would you start with?"),
        _("Which deadlines apply to me, and from which date do they count?"),
        _("What would it cost me, and can I get free legal help?"),
        _("Will I have to give a statement or meet the person who caused harm?"),
        _("How will my name, address and story be kept private?"),
        _("Could this affect my immigration status, and how?"),
    )


def remedies_for(site: Site | None):
    """The live, public remedy pages of `site` (none without a site), with
    what the guide reads prefetched: four queries besides the pages' own."""
    if site is None:
        return RemedyPage.objects.none()
    return (
        public(RemedyPage.objects.live())
        .descendant_of(site.root_page)
        .prefetch_related(
            "outcomes",
            "harm_kinds",
            "deadlines",
            Prefetch("lawyer_questions", queryset=LawyerQuestion.objects.order_by("sort_order")),
        )
    )


def build_catalogue(request) -> Catalogue:
    """The catalogue for the site `request` is for."""
    today = freshness.today()
    places = list(Jurisdiction.objects.only("code", "name", "parent_id", "position"))
    by_id = {place.pk: place for place in places}
    site = Site.find_for_request(request)
    remedies = []
    for page in in_language_all(remedies_for(site)):
        deadlines = tuple(
            DeadlineRecord(
                jurisdiction=by_id[deadline.jurisdiction_id].code,
                jurisdiction_name=by_id[deadline.jurisdiction_id].name,
                kind=deadline.kind,
                kind_label=str(deadline.get_kind_display()),
                period=deadline.period,
                notes=deadline.notes,
                source_title=deadline.source_title,
                source_url=deadline.source_url,
                checked_on=deadline.checked_on.isoformat(),
                checked_label=formats.date_format(deadline.checked_on),
                stale=freshness.is_stale(deadline.checked_on, on=today),
            )
            for deadline in page.deadlines.all()
        )
        remedies.append(
            RemedyRecord(
                id=page.pk,
                title=page.title,
                url=page.get_url(request) or "",
                summary=page.summary,
                pathway=str(page.get_pathway_display()),
                outcomes=tuple(outcome.key for outcome in page.outcomes.all()),
                harm_kinds=tuple(kind.key for kind in page.harm_kinds.all()),
                deadlines=deadlines,
                questions=tuple(question.question for question in page.lawyer_questions.all()),
                language=shown_language(page) if is_untranslated(page) else "",
            )
        )
    remedies.sort(key=lambda remedy: (remedy.title.casefold(), remedy.id))
    return Catalogue(
        remedies=tuple(remedies),
        harm_kinds=tuple(Choice(kind.key, kind.label) for kind in HarmKind.objects.all()),
        outcomes=tuple(Choice(outcome.key, outcome.label) for outcome in Outcome.objects.all()),
        places=tuple(
            Place(
                place.code,
                place.name,
                by_id[place.parent_id].code if place.parent_id in by_id else None,
            )
            for place in places
        ),
        general_questions=general_questions(),
    )


def catalogue_as_json(catalogue: Catalogue) -> dict:
    """The catalogue as the page's script reads it (through `json_script`)."""
    return asdict(catalogue)
