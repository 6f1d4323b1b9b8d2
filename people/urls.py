from django.urls import path

from .views import account, consents, content_warnings, data, directory, mfa_setup, story

app_name = "people"

urlpatterns = [
    path("me/", account.account_home, name="account"),
    path("me/profile/", account.edit_profile, name="profile"),
    path("me/preferences/", account.preferences, name="preferences"),
    path("me/sessions/", account.sessions, name="sessions"),
    path("me/sessions/<int:pk>/end/", account.end_session, name="end_session"),
    path("me/sessions/end-all/", account.sign_out_everywhere, name="sign_out_everywhere"),
    # Named mfa_*: open to people still setting up their second factor.
    path(
        "me/two-step/continue/",
        mfa_setup.continue_after_setup,
        name="mfa_setup_continue",
    ),
    path("me/access-log/", account.access_log, name="access_log"),
    path("me/data/", data.your_data, name="your_data"),
    path("me/data/export/", data.export, name="export"),
    path("me/data/erase/", data.erase, name="erase"),
    path("me/consents/", consents.my_consents, name="consents"),
    path("me/consents/<int:pk>/revoke/", consents.revoke, name="revoke_consent"),
    path("me/story/", story.story_vault, name="story"),
    path("me/story/new/", story.edit_part, name="story_new"),
    path("me/story/<int:pk>/", story.edit_part, name="story_edit"),
    path("me/story/<int:pk>/delete/", story.delete_part, name="story_delete"),
    path("me/story/<int:pk>/share/", story.share_part, name="story_share"),
    path("shared/story/<int:pk>/", story.read_shared_part, name="story_read"),
    path(
        "content-warnings/",
        content_warnings.content_warning_choices,
        name="content_warnings",
    ),
    path("directory/", directory.directory, name="directory"),
    path("directory/<int:pk>/", directory.directory_profile, name="directory_profile"),
    path("people/<int:pk>/photo/", directory.profile_photo, name="photo"),
]
