"""Test data for campaigns."""

import factory
import wagtail_factories

from .models import CampaignIndexPage, CampaignPage, CampaignUpdatePage, Pledge, PreventionTopic


class PreventionTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreventionTopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Campaigns"
    slug = "campaigns"
    intro = "Prevention campaigns led by survivors."


class CampaignPageFactory(wagtail_factories.PageFactory):
    """A published campaign; pass `owner=` for its lead and `parent=` for the index."""

    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    summary = "Know the signs of a fake job offer before you travel."
    pledge_target = 10
    region = "South-East Asia"
    languages = ["en", "th"]
    live = True


class CampaignUpdatePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignUpdatePage

    title = factory.Sequence(lambda n: f"Update {n}")
    slug = factory.Sequence(lambda n: f"update-{n}")
    summary = "What we did this month."


class PledgeFactory(factory.django.DjangoModelFactory):
    """An unconfirmed pledge; `confirmed=True` confirms it (and updates the count)."""

    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pledger{n}@example.net")
    display_name = factory.Sequence(lambda n: f"Pledger {n}")

    @factory.post_generation
    def confirmed(self, create, extracted, **kwargs):
        if create and extracted:
            from .pledges import confirm_pledge

            confirm_pledge(self)
            self.refresh_from_db()


__all__ = [
    "CampaignIndexPageFactory",
    "CampaignPageFactory",
    "CampaignUpdatePageFactory",
    "PledgeFactory",
    "PreventionTopicFactory",
]
