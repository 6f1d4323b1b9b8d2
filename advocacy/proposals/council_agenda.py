"""A proposal sent to a council for review appears on that council's agenda.

Advocacy depends on councils (never the other way round): when the lifecycle
moves a proposal into council review, the item goes on the next planned
meeting of the chosen council, or waits for one, with a link to the review
(a page that sends each council member where they can follow it).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from councils.models import Council
from councils.services.agenda import add_agenda_item

from .lifecycle import proposal_entered_council_review


def council_review_path(proposal) -> str:
    """The agenda's link to the review, stored in its unprefixed form: each
    reader sees it in their own language (people.languages.in_active_language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("proposals:council_review", args=[proposal.pk])


def put_proposal_on_council_agenda(sender, proposal, by=None, **kwargs) -> None:
    council = Council.objects.filter(audience_id=proposal.council_id).first()
    if council is None:
        return
    add_agenda_item(
        council,
        title=_("Review the reform proposal “%(title)s”") % {"title": proposal.title},
        notes=_("Facilitators approve it or ask for changes in the review workflow."),
        link=council_review_path(proposal),
    )


def connect_council_agenda() -> None:
    proposal_entered_council_review.connect(
        put_proposal_on_council_agenda, dispatch_uid="proposal-on-council-agenda"
    )
