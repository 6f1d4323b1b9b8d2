"""Test data for councils."""

import factory
from django.utils import timezone

from people.factories import UserFactory

from .models import Council, Decision, Meeting, Membership, Room


class CouncilFactory(factory.django.DjangoModelFactory):
    """A private council with its general room."""

    class Meta:
        model = Council
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Council {n}")
    purpose = "Advising on survivor-led work."

    @factory.post_generation
    def general_room(self, create, extracted, **kwargs):
        if create:
            Room.objects.get_or_create(council=self, kind=Room.Kind.GENERAL, name="General")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Topic {n}")
    kind = Room.Kind.TOPIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    council = factory.SubFactory(CouncilFactory)
    question = factory.Sequence(lambda n: f"Shall we do thing {n}?")
    method = Decision.Method.CONSENT
    quorum = 1
    closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=3))
