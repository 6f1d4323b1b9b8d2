"""The demo councils are complete and loading the demo twice changes nothing."""

from django.core.management import call_command
from django.urls import reverse

from councils.models import Council, Decision, Meeting, Membership, Message


def test_demo_councils_have_members_history_minutes_and_an_open_decision(demo_site, client):
    assert Council.objects.count() == 2
    counts = (Message.objects.count(), Membership.objects.count(), Meeting.objects.count())
    call_command("load_demo_data", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Message.objects.count(), Membership.objects.count(), Meeting.objects.count()) == counts
    leader = Membership.objects.filter(user__email="leader@example.org")
    assert leader.count() == 2
    for council in Council.objects.all():
        assert council.audience.group.user_set.filter(email="leader@example.org").exists()
        assert council.rooms.count() >= 2 and Message.objects.filter(room__council=council)
    assert Meeting.objects.exclude(minutes="").exists()
    assert Decision.objects.filter(closed_at__isnull=True).exists()
    client.force_login(leader.first().user)
    response = client.get(reverse("councils:room", args=["survivor-advisory-council"]))
    assert response.status_code == 200
    assert "Welcome, everyone." in response.content.decode()
