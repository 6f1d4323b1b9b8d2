"""The older per-feature email switches became per-kind notice preferences
(people 0010, opportunities 0002): whoever had turned one off still gets no
email for the kinds it covered, and nobody else gets a preference row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("people", "0009_one_expiry_per_consent"),
    ("opportunities", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.runs_last
@pytest.mark.django_db(transaction=True)
def test_a_switch_turned_off_becomes_never_for_its_kinds():
    apps = _migrate(BEFORE)
    User = apps.get_model("people", "User")
    Profile = apps.get_model("people", "Profile")
    OpportunityPreferences = apps.get_model("opportunities", "OpportunityPreferences")
    quiet, busy = (
        User.objects.create(email="quiet@example.org", password="!"),
        User.objects.create(email="busy@example.org", password="!"),
    )
    Profile.objects.create(user=quiet, notify_council_activity=False, notify_campaign_updates=False)
    Profile.objects.create(user=busy)
    OpportunityPreferences.objects.create(user=quiet, notify_engagement_changes=False)
    OpportunityPreferences.objects.create(user=busy)

    apps = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    NoticePreference = apps.get_model("notifications", "NoticePreference")
    assert sorted(
        NoticePreference.objects.filter(user_id=quiet.pk).values_list("kind", "email")
    ) == [
        ("councils.decision_closed", "never"),
        ("councils.decision_opened", "never"),
        ("opportunities.engagement_cancelled", "never"),
        ("proposals.amendment_answered", "never"),
    ]
    assert not NoticePreference.objects.filter(user_id=busy.pk).exists()


def test_the_kinds_the_switches_became_are_still_declared():
    from notifications.notices import kinds

    declared = {kind.name for kind in kinds()}
    assert {
        "councils.decision_opened",
        "councils.decision_closed",
        "opportunities.engagement_cancelled",
        "proposals.amendment_answered",
    } <= declared
