from django.urls import path  # noqa: F401

app_name = "pathways"

# The private guide and the directory of services; remedy pages themselves
# are Wagtail pages.
urlpatterns = []
