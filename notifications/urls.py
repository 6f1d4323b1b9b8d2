from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notices/", views.notice_list, name="list"),
    path("notices/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("notices/read-all/", views.mark_all_read, name="mark_all_read"),
    path("notices/settings/", views.notice_settings, name="settings"),
]
