from django.urls import path

from .guide.views import guide

app_name = "pathways"

# The private guide and the directory of services; remedy pages themselves
# are Wagtail pages.
urlpatterns = [
    path("guide/", guide, name="guide"),
]
