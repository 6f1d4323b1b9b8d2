from django.urls import path

from .views import facilitation, meetings, workspace

app_name = "councils"

urlpatterns = [
    path("councils/", workspace.my_councils, name="list"),
    path("councils/join/<str:token>/", facilitation.join, name="join"),
    path("councils/invitations/<int:invite_id>/", facilitation.invitation, name="invitation"),
    path("councils/<slug:slug>/", workspace.room, name="room"),
    path("councils/<slug:slug>/rooms/<int:room_id>/", workspace.room, name="room"),
    path("councils/<slug:slug>/rooms/<int:room_id>/post/", workspace.post_message, name="post"),
    path(
        "councils/<slug:slug>/messages/<int:message_id>/edit/",
        workspace.edit_message,
        name="edit",
    ),
    path(
        "councils/<slug:slug>/messages/<int:message_id>/remove/",
        workspace.redact_message,
        name="redact",
    ),
    path(
        "councils/<slug:slug>/messages/<int:message_id>/report/",
        workspace.report_message,
        name="report",
    ),
    path(
        "councils/<slug:slug>/messages/<int:message_id>/history/",
        workspace.message_history,
        name="message_history",
    ),
    path("councils/<slug:slug>/settings/", workspace.preferences, name="preferences"),
    path("councils/<slug:slug>/leave/", workspace.leave, name="leave"),
    path("councils/<slug:slug>/members/", facilitation.members, name="members"),
    path(
        "councils/<slug:slug>/members/<int:membership_id>/remove/",
        facilitation.remove_member,
        name="remove_member",
    ),
    path("councils/<slug:slug>/reports/", facilitation.reports, name="reports"),
    path(
        "councils/<slug:slug>/reports/<int:report_id>/resolve/",
        facilitation.resolve_report,
        name="resolve_report",
    ),
    path("councils/<slug:slug>/meetings/", meetings.meetings, name="meetings"),
    path("councils/<slug:slug>/meetings/<int:meeting_id>/", meetings.meeting, name="meeting"),
    path(
        "councils/<slug:slug>/meetings/<int:meeting_id>/minutes/",
        meetings.save_minutes,
        name="save_minutes",
    ),
    path(
        "councils/<slug:slug>/meetings/<int:meeting_id>/agenda/",
        meetings.add_agenda_item,
        name="add_agenda_item",
    ),
    path(
        "councils/<slug:slug>/meetings/<int:meeting_id>/minutes.md",
        meetings.export_minutes,
        name="export_minutes",
    ),
    path("councils/<slug:slug>/decisions/new/", meetings.new_decision, name="new_decision"),
    path("councils/<slug:slug>/decisions/<int:decision_id>/", meetings.decision, name="decision"),
    path(
        "councils/<slug:slug>/decisions/<int:decision_id>/close/",
        meetings.close_decision,
        name="close_decision",
    ),
]
