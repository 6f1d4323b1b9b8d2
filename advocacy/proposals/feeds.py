"""RSS and Atom feeds: all proposals, and one proposal's milestones."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from content.translations import in_language_all, in_source_language
from people.languages import home_url

from .listing import LISTED_STATUSES
from .models import ProposalMilestone, ReformProposalPage

FEED_SIZE = 50


class AllProposalsFeed(Feed):
    title = _("Reform proposals")
    description = _("Policy changes proposed by survivor leaders.")

    def link(self):
        return home_url()

    def items(self):
        return in_language_all(
            in_source_language(ReformProposalPage.objects.live())
            .filter(status__in=LISTED_STATUSES)
            .select_related("policy_area")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.proposed_change

    def item_link(self, item):
        return item.url or home_url()

    def item_pubdate(self, item):
        return item.first_published_at


class AllProposalsAtomFeed(AllProposalsFeed):
    feed_type = Atom1Feed
    subtitle = AllProposalsFeed.description


class ProposalMilestonesFeed(Feed):
    """What has happened to one published proposal in the real world."""

    def get_object(self, request, pk):
        proposal = ReformProposalPage.objects.live().filter(pk=pk).first()
        if proposal is None:
            raise Http404
        return proposal

    def title(self, obj):
        return _("Milestones: %(title)s") % {"title": obj.title}

    def description(self, obj):
        return _("What has happened to this proposal in the real world.")

    def link(self, obj):
        return obj.url or home_url()

    def items(self, obj):
        return (
            ProposalMilestone.objects.filter(proposal=obj)
            .select_related("proposal")
            .order_by("-happened_on", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()} ({item.happened_on:%Y-%m-%d})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.source_url or f"{item.proposal.url}#milestone-{item.pk}"

    def item_guid(self, item):
        return f"proposal-milestone-{item.pk}"

    item_guid_is_permalink = False


class ProposalMilestonesAtomFeed(ProposalMilestonesFeed):
    feed_type = Atom1Feed
