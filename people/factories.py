"""Test data for accounts."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from people.models import User

DEFAULT_PASSWORD = "a-long-test-password-1"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose email address is verified; `roles=[...]` adds groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))
