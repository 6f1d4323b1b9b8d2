"""What the directory shows, as querysets whose cost does not grow with the
data: every filter is a subquery on one relation (no joins that multiply
rows, no DISTINCT), and every listing is displayed with a fixed set of
prefetches.

Jurisdictions nest: a listing serving a country serves each of its states,
so choosing California finds listings serving California or the whole
country; choosing a country finds listings serving it or any of its states.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from pathways.models import Jurisdiction, ServiceLanguage, ServiceListing, SupportService

# How many services a remedy page lists before pointing to the directory.
REMEDY_SERVICES_LIMIT = 10

_ListingJurisdiction = ServiceListing.jurisdictions.through
_ListingService = ServiceListing.services.through


def for_display(listings: QuerySet[ServiceListing]) -> QuerySet[ServiceListing]:
    """`listings` with everything an entry shows, in four queries whatever
    their number: the organisation (joined), services, jurisdictions with
    their country (joined) and languages (one prefetch each)."""
    return listings.select_related("organisation").prefetch_related(
        Prefetch("services", queryset=SupportService.objects.order_by("position", "name")),
        Prefetch(
            "jurisdictions",
            queryset=Jurisdiction.objects.select_related("parent").order_by("position", "name"),
        ),
        Prefetch("languages", queryset=ServiceLanguage.objects.order_by("language")),
    )


def related_jurisdiction_ids(jurisdiction: Jurisdiction) -> Q:
    """A condition on a jurisdiction row: `jurisdiction` itself, the places it
    lies within, and the places that lie within it."""
    ancestors = [place.pk for place in jurisdiction.with_ancestors()]
    return Q(jurisdiction_id__in=ancestors) | Q(jurisdiction__parent_id=jurisdiction.pk)


def serving(listings: QuerySet[ServiceListing], jurisdiction: Jurisdiction | None):
    """Listings that serve `jurisdiction`, its country, or (for a country) any
    of its states. None leaves `listings` as they are."""
    if jurisdiction is None:
        return listings
    rows = _ListingJurisdiction.objects.filter(related_jurisdiction_ids(jurisdiction))
    return listings.filter(pk__in=rows.values("servicelisting_id"))


def offering(listings: QuerySet[ServiceListing], services: Iterable[SupportService | int]):
    """Listings offering at least one of `services`."""
    ids = [getattr(service, "pk", service) for service in services]
    rows = _ListingService.objects.filter(supportservice_id__in=ids)
    return listings.filter(pk__in=rows.values("servicelisting_id"))


def speaking(listings: QuerySet[ServiceListing], language: str):
    """Listings that work in `language` (a code, e.g. "th")."""
    rows = ServiceLanguage.objects.filter(language=language)
    return listings.filter(pk__in=rows.values("listing_id"))


def listed_languages() -> list[str]:
    """The language codes some listed service works in: the only ones worth
    offering in the directory's language filter."""
    return list(
        ServiceLanguage.objects.filter(listing__in=ServiceListing.listed())
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )


def services_for_remedy(
    remedy, jurisdiction: Jurisdiction | None, *, services=None
) -> QuerySet[ServiceListing]:
    """Listed services offering any of the services that help with `remedy`
    (a RemedyPage), in `jurisdiction` as the directory matches it (None: in
    any jurisdiction), ready to display. Empty when the remedy names no
    services. `services`: the remedy's services when the caller has read them
    already. Not sliced: the caller takes as many as it shows."""
    if services is None:
        # Read through the page (not by a reverse query) so a preview of
        # unsaved changes shows the services it names.
        services = remedy.services.all()
    service_ids = [service.pk for service in services]
    if not service_ids:
        return ServiceListing.objects.none()
    listings = offering(ServiceListing.listed(), service_ids)
    return for_display(serving(listings, jurisdiction))
