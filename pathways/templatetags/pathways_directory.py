"""Template tags of the directory of services: the services a remedy page
lists for the reader's jurisdiction, and the small filters an entry uses."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from core.locales import language_name as _language_name
from pathways.directory import queries
from pathways.directory.forms import JurisdictionOptions, ServicesNearYouForm
from pathways.display import remedy_relations

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """A language code by its name in the reader's language ("th" → "Thai")."""
    return _language_name(code)


@register.filter
def tel_href(phone: str) -> str:
    """A `tel:` address for a phone number as written ("+1 (555) 010-0100"
    → "tel:+15550100100"); empty when it holds no digits."""
    digits = re.sub(r"[^0-9]", "", phone or "")
    if not digits:
        return ""
    return f"tel:{'+' if (phone or '').strip().startswith('+') else ''}{digits}"


@register.inclusion_tag("pathways/directory/services_for_remedy.html")
def services_for_remedy(page, request):
    """ "Find services near you" on a remedy page: a jurisdiction select (a GET
    form, read back from `?jurisdiction=`) and up to REMEDY_SERVICES_LIMIT
    listed services for the remedy there, with a link to the whole directory
    filtered the same way. Nothing when the remedy names no services. A
    constant number of queries."""
    services = list(remedy_relations(page, request).services)
    if not services:
        return {"show": False}
    jurisdictions = JurisdictionOptions()
    code = request.GET.get("jurisdiction", "")
    form = ServicesNearYouForm(
        {"jurisdiction": code} if code else None, jurisdictions=jurisdictions
    )
    chosen = jurisdictions.get(code) if code and form.is_valid() else None
    listings, more = [], False
    if chosen is not None:
        # One more than shown tells whether there are more, without a count.
        found = list(
            queries.services_for_remedy(page, chosen, services=services)[
                : queries.REMEDY_SERVICES_LIMIT + 1
            ]
        )
        listings, more = (
            found[: queries.REMEDY_SERVICES_LIMIT],
            len(found) > queries.REMEDY_SERVICES_LIMIT,
        )
    query = {"remedy": page.pk, **({"jurisdiction": chosen.code} if chosen else {})}
    return {
        "show": True,
        "page": page,
        "form": form,
        "jurisdiction": chosen,
        "listings": listings,
        "more": more,
        "services": services,
        "directory_url": f"{reverse('pathways:directory')}?{urlencode(query)}",
        "request": request,
    }
