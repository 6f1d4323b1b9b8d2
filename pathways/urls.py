from django.urls import path

from . import feeds
from .directory import views as directory
from .guide.views import guide

app_name = "pathways"

# Feeds, the private guide and the directory of services; remedy pages
# themselves are Wagtail pages.
urlpatterns = [
    path("guide/", guide, name="guide"),
    path("feeds/rss/", feeds.RemedyFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.RemedyAtomFeed(), name="feed_atom"),
    path("services/", directory.directory, name="directory"),
    path(
        "organisations/<slug:slug>/listing/",
        directory.edit_listing,
        name="listing_edit",
    ),
]
