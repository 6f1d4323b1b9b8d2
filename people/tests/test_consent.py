"""The consent ledger: grants, revocations, expiry, the guardian grant behind
a shared story part, and the log."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from guardian.shortcuts import get_perms

from people.consent import expire_consents, grant_consent, record_access, revoke_consent
from people.models import Audience, ConsentEvent, ConsentRecord, DisclosureAccess, StoryPart
from people.policy import can_read_story_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(user_factory):
    owner = user_factory()
    part = StoryPart.objects.create(owner=owner, title="Getting out", body="<p>Text</p>")
    organisation = Audience.create(kind=Audience.Kind.ORGANISATION, name="Org", verified=True)
    reviewer = user_factory()
    organisation.add_member(reviewer)
    return owner, part, organisation, reviewer


def share(owner, part, audience, **extra):
    return grant_consent(
        owner,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=part,
        audience=audience,
        purpose="Speaker application",
        actor=owner,
        **extra,
    )


def test_sharing_a_part_grants_the_audience_group_through_guardian(story):
    owner, part, organisation, reviewer = story
    assert not can_read_story_part(reviewer, part)
    record = share(owner, part, organisation)
    assert "view_shared_storypart" in get_perms(organisation.group, part)
    assert can_read_story_part(reviewer, part)
    assert [e.action for e in record.events.all()] == ["granted"]


def test_sharing_twice_is_one_record(story):
    owner, part, organisation, _ = story
    assert share(owner, part, organisation) == share(owner, part, organisation)
    assert ConsentRecord.objects.count() == 1


def test_revoking_removes_access_and_the_grant_at_once_and_is_logged(story):
    owner, part, organisation, reviewer = story
    record = share(owner, part, organisation)
    revoke_consent(record, actor=owner)
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    assert not can_read_story_part(reviewer, part)
    assert "view_shared_storypart" not in get_perms(organisation.group, part)
    assert list(record.events.values_list("action", "actor")) == [
        ("granted", owner.pk),
        ("revoked", owner.pk),
    ]
    # Revoking again changes nothing and logs nothing.
    revoke_consent(record, actor=owner)
    assert record.events.count() == 2


def test_the_grant_stays_while_another_active_consent_needs_it(story):
    owner, part, organisation, reviewer = story
    first = share(owner, part, organisation)
    share(owner, part, organisation, context=owner)  # a second use of the same part
    revoke_consent(first, actor=owner)
    assert can_read_story_part(type(reviewer).objects.get(pk=reviewer.pk), part)


def test_a_never_share_part_cannot_be_granted(story):
    owner, part, organisation, _reviewer = story
    part.never_share = True
    part.save()
    with pytest.raises(ValidationError, match="never share"):
        share(owner, part, organisation)
    assert ConsentRecord.objects.count() == 0


def test_nobody_can_share_someone_elses_story(story, user_factory):
    _owner, part, organisation, _ = story
    with pytest.raises(ValidationError, match="your own story"):
        share(user_factory(), part, organisation)


def test_marking_a_shared_part_never_share_closes_it(story):
    owner, part, organisation, reviewer = story
    share(owner, part, organisation)
    part.never_share = True
    part.save()
    assert not can_read_story_part(reviewer, part)


def test_expired_consent_stops_counting_then_is_logged_and_tidied(story):
    owner, part, organisation, reviewer = story
    record = share(owner, part, organisation, expires_at=timezone.now() + timezone.timedelta(1))
    ConsentRecord.objects.filter(pk=record.pk).update(
        expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert not can_read_story_part(reviewer, part)
    assert expire_consents() == 1
    assert expire_consents() == 0
    assert "view_shared_storypart" not in get_perms(organisation.group, part)
    assert record.events.filter(action=ConsentEvent.Action.EXPIRED).count() == 1
    call_command("expire_consents", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_consents_need_a_purpose_and_a_future_end(story):
    owner, part, organisation, _ = story
    with pytest.raises(ValidationError):
        grant_consent(owner, kind="story_part", story_part=part, audience=organisation, purpose=" ")
    with pytest.raises(ValidationError):
        share(owner, part, organisation, expires_at=timezone.now() - timezone.timedelta(1))
    with pytest.raises(ValidationError):
        grant_consent(owner, kind="profile_field", field_name="password", purpose="x")


def test_story_text_is_sanitised(user_factory):
    part = StoryPart.objects.create(
        owner=user_factory(), title="t", body='<p onclick="x()">Hi</p><script>alert(1)</script>'
    )
    assert part.body == "<p>Hi</p>"


def test_access_log_records_others_but_not_oneself(story):
    owner, _part, organisation, reviewer = story
    record_access(viewer=reviewer, subject=owner, what="Story: Getting out", audience=organisation)
    record_access(viewer=owner, subject=owner, what="own story")
    log = DisclosureAccess.objects.get()
    assert (log.viewer, log.subject, log.audience) == (reviewer, owner, organisation)
