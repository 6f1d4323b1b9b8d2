"""Test data for justice pathways: taxonomies, remedy pages with their
deadlines, and directory listings."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from advocacy.organisations.factories import OrganisationFactory
from advocacy.organisations.models import Organisation

from .models import (
    Cost,
    Demand,
    HarmKind,
    Jurisdiction,
    JusticePathway,
    LawyerQuestion,
    Outcome,
    RelatedCampaign,
    RemedyDeadline,
    RemedyIndexPage,
    RemedyPage,
    RemedySource,
    ServiceCost,
    ServiceLanguage,
    ServiceListing,
    SupportService,
    TimeNeeded,
)


class OutcomeFactory(factory.django.DjangoModelFactory):
    """Outcomes seeded by migration are reused by key."""

    class Meta:
        model = Outcome
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"outcome-{n}")
    name = factory.Sequence(lambda n: f"Outcome {n}")


class HarmKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarmKind
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"harm-{n}")
    name = factory.Sequence(lambda n: f"Kind of harm {n}")


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportService
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")


class JurisdictionFactory(factory.django.DjangoModelFactory):
    """A country unless given a `parent`."""

    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"place-{n}")
    name = factory.Sequence(lambda n: f"Place {n}")


class RemedyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RemedyIndexPage

    title = "Justice pathways"
    slug = "justice"
    intro = "What justice you can seek, and what each path asks of you."


class RemedyPageFactory(wagtail_factories.PageFactory):
    """A published remedy; pass `parent=` (a RemedyIndexPage). `outcomes=` and
    `harm_kinds=` take lists; without them the page gets the seeded
    'compensation' outcome and applies to every seeded kind of harm."""

    class Meta:
        model = RemedyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Remedy {n}")
    slug = factory.Sequence(lambda n: f"remedy-{n}")
    pathway = JusticePathway.PROCEDURAL
    summary = "A way to ask a court for money for what was taken."
    who_it_is_for = "<p>Survivors of forced work or exploitation.</p>"
    time_needed = TimeNeeded.MONTHS
    testimony = Demand.SOMETIMES
    contact_with_trafficker = Demand.NONE
    cost = Cost.VARIES
    retraumatisation_risk = Demand.SOMETIMES
    live = True

    @factory.post_generation
    def outcomes(self, create, extracted, **kwargs):
        if create:
            self.outcomes.set(
                extracted if extracted is not None else Outcome.objects.filter(key="compensation")
            )
            self.save()

    @factory.post_generation
    def harm_kinds(self, create, extracted, **kwargs):
        if create:
            self.harm_kinds.set(extracted if extracted is not None else HarmKind.objects.all())
            self.save()


class RemedyDeadlineFactory(factory.django.DjangoModelFactory):
    """A time limit checked today; pass `page=` and `jurisdiction=`."""

    class Meta:
        model = RemedyDeadline

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    kind = RemedyDeadline.Kind.LIMITATION
    period = "10 years"
    years = 10
    source_title = "A statute"
    source_url = "https://example.org/law"
    checked_on = factory.LazyFunction(timezone.localdate)


class RemedySourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemedySource

    citation = factory.Sequence(lambda n: f"Source {n}")
    url = "https://example.org/source"


class LawyerQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LawyerQuestion

    question = factory.Sequence(lambda n: f"Question {n}?")


class ServiceListingFactory(factory.django.DjangoModelFactory):
    """A directory listing of a verified legal-services organisation.
    `services=`, `jurisdictions=` and `languages=` (codes) take lists."""

    class Meta:
        model = ServiceListing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.LEGAL)
    summary = "Free legal help for survivors."
    cost = ServiceCost.FREE

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)

    @factory.post_generation
    def jurisdictions(self, create, extracted, **kwargs):
        if create and extracted:
            self.jurisdictions.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            for code in extracted if extracted is not None else ["en"]:
                ServiceLanguage.objects.create(listing=self, language=code)


def checked_days_ago(days: int) -> datetime.date:
    """A date `days` before today, for freshness tests."""
    return timezone.localdate() - datetime.timedelta(days=days)


class RelatedCampaignFactory(factory.django.DjangoModelFactory):
    """A remedy page's link to a campaign; pass `page=` and `campaign=`."""

    class Meta:
        model = RelatedCampaign


def build_guide_example(home) -> dict:
    """A small catalogue for the private guide's tests, under `home`: places,
    a kind of harm and an outcome whose keys and names appear nowhere else,
    so finding one in a log, a URL or a table means an answer leaked.

    Returns the created objects by name."""
    vell = JurisdictionFactory(code="zq-vell", name="Vellmark")
    ost = JurisdictionFactory(code="zq-vell-ost", name="Ostvell", parent=vell)
    quor = JurisdictionFactory(code="zq-quor", name="Quorland")
    far = JurisdictionFactory(code="zq-far", name="Farland")
    lantern = HarmKindFactory(key="zq-harm-lantern", name="Lantern work")
    heron = OutcomeFactory(key="zq-out-heron", name="Heron acknowledgement")
    compensation = Outcome.objects.get(key="compensation")
    clean_record = Outcome.objects.get(key="clean-record")
    index = RemedyIndexPageFactory(parent=home)
    wages = RemedyPageFactory(
        parent=index,
        title="Court claim for lost wages",
        slug="wages",
        outcomes=[compensation, heron],
        harm_kinds=[lantern],
    )
    RemedyDeadlineFactory(page=wages, jurisdiction=vell, period="10 years")
    RemedyDeadlineFactory(
        page=wages, jurisdiction=ost, period="3 years", checked_on=checked_days_ago(500)
    )
    LawyerQuestionFactory(page=wages, question="Can I claim wages I was never paid?")
    LawyerQuestionFactory(page=wages, question="Who pays if the employer has gone?")
    record = RemedyPageFactory(
        parent=index,
        title="Clearing a record",
        slug="record",
        outcomes=[clean_record],
        harm_kinds=list(HarmKind.objects.all()),
    )
    RemedyDeadlineFactory(page=record, jurisdiction=quor, kind="none", period="")
    LawyerQuestionFactory(page=record, question="Who pays if the employer has gone?")
    circle = RemedyPageFactory(
        parent=index,
        title="Community circle",
        slug="circle",
        outcomes=[heron],
        harm_kinds=list(HarmKind.objects.all()),
    )
    far_fund = RemedyPageFactory(
        parent=index,
        title="Farland fund",
        slug="far-fund",
        outcomes=[compensation],
        harm_kinds=[lantern],
    )
    RemedyDeadlineFactory(page=far_fund, jurisdiction=far, period="2 years")
    return {
        "places": {"vell": vell, "ost": ost, "quor": quor, "far": far},
        "lantern": lantern,
        "heron": heron,
        "index": index,
        "wages": wages,
        "record": record,
        "circle": circle,
        "far_fund": far_fund,
    }
