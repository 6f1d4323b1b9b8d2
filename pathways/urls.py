from django.urls import path

from .directory import views as directory

app_name = "pathways"

# The private guide and the directory of services; remedy pages themselves
# are Wagtail pages.
urlpatterns = [
    path("services/", directory.directory, name="directory"),
    path(
        "organisations/<slug:slug>/listing/",
        directory.edit_listing,
        name="listing_edit",
    ),
]
