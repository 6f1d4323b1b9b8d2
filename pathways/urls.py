from django.urls import path

from . import feeds

app_name = "pathways"

# The private guide and the directory of services; remedy pages themselves
# are Wagtail pages.
urlpatterns = [
    path("feeds/rss/", feeds.RemedyFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.RemedyAtomFeed(), name="feed_atom"),
]
