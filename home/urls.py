from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("browse-safely/", views.BrowseSafelyView.as_view(), name="browse_safely"),
    path("search/", views.search, name="search"),
    path("helplines/country/", views.helpline_country, name="helpline_country"),
]
