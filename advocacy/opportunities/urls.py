from django.urls import path

from . import organisation_views as organisations
from . import views

app_name = "opportunities"

urlpatterns = [
    path("opportunities/feed.ics", views.public_feed, name="public_feed"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="detail"),
    path("opportunities/<int:pk>/edit/", views.edit_opportunity, name="edit"),
    path("opportunities/<int:pk>/apply/", views.apply, name="apply"),
    path("me/opportunities/", views.for_you, name="for_you"),
    path("me/opportunities/preferences/", views.preferences, name="preferences"),
    path("me/applications/", views.my_applications, name="my_applications"),
    path("me/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("me/applications/<int:pk>/take-back/", views.take_back, name="take_back"),
    path("me/engagements/", views.my_engagements, name="my_engagements"),
    path("me/engagements/<int:pk>/confirm/", views.confirm_payment, name="confirm_payment"),
    path("me/engagements/<int:pk>/rate/", views.rate, name="rate"),
    path("me/engagements/<int:pk>/cancel/", views.cancel_as_speaker, name="cancel_engagement"),
    path("me/calendar/new/", views.regenerate_feed, name="regenerate_feed"),
    path("me/calendar/revoke/", views.revoke_feed, name="revoke_feed"),
    path("calendar/<str:token>.ics", views.private_feed, name="private_feed"),
    path("review/applications/<int:pk>/", views.review_application, name="review"),
    path(
        "review/engagements/<int:pk>/cancel/",
        views.cancel_as_organisation,
        name="cancel_engagement_as_organisation",
    ),
    path("review/engagements/<int:pk>/<str:step>/", views.mark_engagement, name="mark_engagement"),
    path("organisations/<slug:slug>/", organisations.organisation_profile, name="organisation"),
    path("organisations/<slug:slug>/edit/", organisations.edit_profile, name="organisation_edit"),
    path("organisations/<slug:slug>/members/", organisations.members, name="organisation_members"),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/remove/",
        organisations.remove,
        name="remove_member",
    ),
    path(
        "organisations/<slug:slug>/opportunities/",
        views.organisation_dashboard,
        name="dashboard",
    ),
    path("organisations/<slug:slug>/opportunities/new/", views.edit_opportunity, name="new"),
]
