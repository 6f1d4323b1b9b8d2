from django.urls import path

from . import feeds, views

app_name = "proposals"

urlpatterns = [
    path("proposals/feed/rss/", feeds.AllProposalsFeed(), name="feed_rss"),
    path("proposals/feed/atom/", feeds.AllProposalsAtomFeed(), name="feed_atom"),
    path(
        "proposals/<int:pk>/milestones/rss/",
        feeds.ProposalMilestonesFeed(),
        name="milestones_rss",
    ),
    path(
        "proposals/<int:pk>/milestones/atom/",
        feeds.ProposalMilestonesAtomFeed(),
        name="milestones_atom",
    ),
    path("proposals/<int:pk>/move/", views.move_proposal, name="move"),
    path("proposals/<int:pk>/review/", views.council_review, name="council_review"),
    path("proposals/<int:pk>/endorse/", views.endorse, name="endorse"),
    path(
        "proposals/<int:pk>/endorse/organisation/<int:organisation_pk>/",
        views.endorse_for,
        name="endorse_for",
    ),
    path("proposals/endorsements/<int:endorsement_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("proposals/<int:pk>/amend/", views.amend, name="amend"),
    path(
        "proposals/amendments/<int:amendment_pk>/decide/",
        views.decide_amendment,
        name="decide_amendment",
    ),
    path("proposals/<int:pk>/milestones/add/", views.add_milestone, name="add_milestone"),
    path("proposals/<int:pk>/coauthors/", views.coauthors, name="coauthors"),
    path("proposals/<int:pk>/my-name/", views.name_on_proposal, name="name_on_proposal"),
]
