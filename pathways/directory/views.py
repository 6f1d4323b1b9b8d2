"""The public directory of legal and support services, and the page where an
organisation's admins keep their own listing current."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from advocacy.organisations.models import Organisation
from content.visibility import public

from ..models import RemedyPage, ServiceListing, SupportService
from . import policy, queries
from .forms import DirectoryFilterForm, JurisdictionOptions, ListingForm

PER_PAGE = 20


def _remedy(value: str | None) -> RemedyPage | None:
    """The live, public remedy page `?remedy=` names, or None (also for junk)."""
    if not value or not value.isdigit():
        return None
    return public(RemedyPage.objects.live()).filter(pk=int(value)).first()


def directory(request):
    """Verified organisations' services, filtered by the reader's choices (all
    in the address, all optional), a page at a time. A constant number of
    queries however many listings there are. Nothing is saved about the reader."""
    jurisdictions = JurisdictionOptions()
    form = DirectoryFilterForm(
        request.GET or None,
        jurisdictions=jurisdictions,
        services=list(SupportService.objects.all()),
        languages=queries.listed_languages(),
    )
    chosen = form.chosen()
    listings = ServiceListing.listed()
    listings = queries.serving(listings, chosen["jurisdiction"])
    if chosen["service"] is not None:
        listings = queries.offering(listings, [chosen["service"]])
    if chosen["language"]:
        listings = queries.speaking(listings, chosen["language"])
    if chosen["cost"]:
        listings = listings.filter(cost=chosen["cost"])
    remedy = _remedy(request.GET.get("remedy"))
    remedy_services = []
    if remedy is not None:
        # Arriving from a remedy page: the services that help with it.
        remedy_services = list(remedy.services.all())
        listings = queries.offering(listings, remedy_services)
    page = Paginator(queries.for_display(listings), PER_PAGE).get_page(request.GET.get("page"))
    without_remedy = request.GET.copy()
    for key in ("remedy", "page"):
        without_remedy.pop(key, None)
    return render(
        request,
        "pathways/directory/directory.html",
        {
            "form": form,
            "page": page,
            "listings": page.object_list,
            "remedy": remedy,
            "remedy_services": remedy_services,
            "without_remedy": without_remedy.urlencode(),
            "filtered": any(value is not None for value in chosen.values()) or remedy,
        },
    )


@login_required
def edit_listing(request, slug):
    """An organisation's admins write or update its directory listing. Anyone
    else gets "not found", so the page does not confirm who runs what."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not policy.may_edit_listing(request.user, organisation):
        raise Http404
    listing = ServiceListing.objects.filter(organisation=organisation).first()
    if listing is None and not policy.may_start_listing(organisation):
        # Its admins are told why (every admin of an organisation sees the
        # link to this page); a listing sent anyway is refused.
        return render(
            request,
            "pathways/directory/cannot_list.html",
            {"organisation": organisation},
            status=403 if request.method == "POST" else 200,
        )
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        form.save_for(organisation)
        messages.success(request, _("Your directory listing is saved."))
        return redirect("pathways:listing_edit", slug=organisation.slug)
    return render(
        request,
        "pathways/directory/edit_listing.html",
        {"organisation": organisation, "form": form, "listing": listing},
    )
