"""Campaign views: listing context, the campaign page, pledges, export, chart.

The pledge, confirmation, export, chart and feed addresses hang off each
campaign page (`CampaignPage` routes call these functions), so they follow
the page's own address and publication state: an unpublished campaign has
none of them.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from content.caching import children_tag, kept_with_page
from content.template_translations import content_lang
from content.translations import in_language_all, in_source_language, reader_language
from content.visibility import public
from core import page_cache, site_wide
from people.consent import kept_by_consent
from people.models import ConsentRecord

from .cards import campaign_cards, listed_ids
from .forms import ConfirmPledgeForm, PledgeForm, normalise_email
from .models import CampaignPage, CampaignUpdatePage, Pledge, PreventionTopic
from .pledges import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    UNSUBSCRIBE_MAX_AGE,
    UNSUBSCRIBE_SALT,
    allow_attempt,
    confirm_pledge,
    pledge_from_token,
    submit_pledge,
    unsubscribe,
)
from .policy import can_manage_campaign, lead_ids
from .progress import pledge_chart_svg

PER_PAGE = 12
SEARCH_LIMIT = 1000  # matches considered; more is noise, and bounds the cost
# What campaign_card.html's {% picture %} asks for: every size in WebP and JPEG.
CARD_PICTURE = "fill-{320x180,480x270,720x405} format-{webp,jpeg}"


def listed_campaigns(queryset=None):
    """Live, public campaigns with everything a card shows, at a fixed cost:
    topics, warnings and the card's image rendition are prefetched."""
    queryset = queryset if queryset is not None else CampaignPage.objects.all()
    images = get_image_model().objects.prefetch_renditions(*Filter.expand_spec(CARD_PICTURE))
    return (
        public(queryset.live())
        # Cards never show the body; its JSON is the bulk of each row.
        .defer_streamfields()
        .prefetch_related(
            Prefetch("hero_image", queryset=images),
            "topics",
            "content_warnings",
        )
        .order_by("-featured", "-first_published_at", "-pk")
    )


def _filter_campaigns(request, campaigns):
    chosen = {
        "topic": request.GET.get("topic", ""),
        "region": request.GET.get("region", ""),
        "language": request.GET.get("language", ""),
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", "").strip()[:200],
    }
    if chosen["topic"]:
        campaigns = campaigns.filter(topics__slug=chosen["topic"])
    if chosen["region"]:
        campaigns = campaigns.filter(region=chosen["region"])
    if chosen["language"]:
        campaigns = campaigns.filter(languages__contains=f",{chosen['language']},")
    if chosen["status"] in CampaignPage.Status.values:
        campaigns = campaigns.filter(status=chosen["status"])
    return campaigns, chosen


def filter_topics() -> tuple[PreventionTopic, ...]:
    """The topics to filter by: a snippet, read once per process while the
    site tag holds (core.site_wide)."""
    return site_wide.remember(("campaign-topics",), lambda: tuple(PreventionTopic.objects.all()))


def filter_regions() -> tuple[str, ...]:
    """The regions live campaigns name, read again when a campaign changes."""

    def read():
        return tuple(
            in_source_language(CampaignPage.objects.live())
            .exclude(region="")
            .order_by("region")
            .values_list("region", flat=True)
            .distinct()
        )

    return site_wide.remember(
        ("campaign-regions",), read, tags=(page_cache.pages_tag(CampaignPage),)
    )


def _among_choices(chosen: dict) -> bool:
    """Whether every filter chosen is one the form offers (so that the lists
    kept per filter stay bounded whatever addresses visitors make up)."""
    languages = {code for code, _name in _language_choices()}
    return (
        (not chosen["topic"] or chosen["topic"] in {topic.slug for topic in filter_topics()})
        and (not chosen["region"] or chosen["region"] in filter_regions())
        and (not chosen["language"] or chosen["language"] in languages)
        and (not chosen["status"] or chosen["status"] in CampaignPage.Status.values)
    )


def _language_choices():
    return CampaignPage._meta.get_field("languages").formfield().choices


def campaign_index_context(request, index) -> dict:
    """The index: filters, search, one page of campaign cards."""
    campaigns, chosen = _filter_campaigns(
        request, listed_campaigns(CampaignPage.objects.child_of(index))
    )
    if chosen["q"]:
        # Search finds the matching ids; the filters and the listing's
        # prefetching stay on the plain queryset (search backends only filter
        # on declared fields). A match in a translation finds its source.
        found = CampaignPage.objects.live().search(chosen["q"], operator="and")
        keys = {page.translation_key for page in found[:SEARCH_LIMIT]}
        campaigns = campaigns.filter(translation_key__in=keys)
        ids = tuple(campaigns.prefetch_related(None).values_list("pk", flat=True))
    elif _among_choices(chosen):
        ids = listed_ids(("list", index.pk, *sorted(chosen.items())), campaigns)
    else:
        ids = tuple(campaigns.prefetch_related(None).values_list("pk", flat=True))
    paginator = Paginator(ids, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = campaign_cards(request, page.object_list)
    return {
        "campaigns": page,
        "paginator_page": page,
        "filters": chosen,
        "topics": filter_topics(),
        "regions": filter_regions(),
        "statuses": CampaignPage.Status.choices,
        "languages": _language_choices(),
    }


def lead_names(campaign: CampaignPage) -> list[str]:
    """Each lead by the name they consented to show on this campaign; anyone
    without an active consent is "a survivor leader"."""
    # Kept with the page for naming (every change of leads bumps its tag);
    # what leads may do is always checked against the database (policy.py).
    ids = list(
        kept_with_page(
            "campaign-lead-ids", campaign, None, lambda: tuple(sorted(lead_ids(campaign)))
        )
    )

    def read():
        consents = list(
            ConsentRecord.objects.active()
            .filter(
                kind=ConsentRecord.Kind.NAME,
                audience__isnull=True,
                context_type=ContentType.objects.get_for_model(CampaignPage),
                context_id=campaign.pk,
                subject_id__in=ids,
            )
            .exclude(text="")
            .order_by("granted_at")
        )
        return {record.subject_id: record.text for record in consents}, consents

    names = kept_by_consent(("campaign-leads", campaign.pk), ids, read)
    return [names.get(user_id) or _("a survivor leader") for user_id in ids]


@dataclass(frozen=True)
class UpdateLink:
    """An update as the campaign page lists it."""

    title: str
    url: str
    date: datetime.date
    summary: str
    # ` lang="en"` when the update is not in the reader's language.
    lang: SafeString


def campaign_updates(request, campaign: CampaignPage) -> list[UpdateLink]:
    """The campaign's live updates, newest first, in the reader's language:
    kept per process with the page, language and host until an update is
    published, changed or unpublished (the campaign's children tag)."""
    tag = children_tag(campaign.pk)
    page_cache.depends_on(tag)

    def read() -> tuple[UpdateLink, ...]:
        updates = public(CampaignUpdatePage.objects.child_of(campaign).live())
        return tuple(
            UpdateLink(
                update.title,
                update.get_url(request) or "",
                update.date,
                update.summary,
                content_lang(update),
            )
            for update in in_language_all(updates.order_by("-date", "-pk"))
        )

    kept = kept_with_page(
        "campaign-updates",
        campaign,
        request,
        read,
        tags=(tag,),
        key=(reader_language(), request.get_host()),
    )
    return list(kept)


def campaign_page_context(request, campaign: CampaignPage) -> dict:
    return {
        "leads": lead_names(campaign),
        "updates": campaign_updates(request, campaign),
        "pledge_form": PledgeForm(),
        "can_manage": can_manage_campaign(request.user, campaign),
        **_topics_and_warnings(request, campaign),
    }


def _topics_and_warnings(request, campaign: CampaignPage) -> dict:
    """The campaign's prevention topics and content warnings, kept per process
    with the page (its tag: both are saved when it is published)."""

    def read():
        return tuple(campaign.topics.all()), tuple(campaign.content_warnings.all())

    topics, warnings = kept_with_page("campaign-topics", campaign, request, read)
    return {"topics_list": list(topics), "warnings_list": list(warnings)}


def _page_with_form(request, campaign, form, status=200):
    response = campaign.render(request, context_overrides={"pledge_form": form})
    response.status_code = status
    return response


def pledge(request, campaign: CampaignPage):
    """POST a pledge. Errors redisplay the page with everything typed kept."""
    if request.method != "POST":
        return HttpResponseRedirect(campaign.url + "#pledge")
    form = PledgeForm(request.POST)
    if form.is_bot:
        # Look like success, so that bots learn nothing.
        messages.success(request, _("Thank you. Please check your email to confirm."))
        return HttpResponseRedirect(campaign.url + "#pledge")
    if not campaign.is_open_for_pledges:
        form.add_error(None, _("This campaign is not taking pledges at the moment."))
        return _page_with_form(request, campaign, form, status=400)
    email = normalise_email(request.POST.get("email", ""))[:254]
    if not allow_attempt(request, email or None):
        form.is_valid()
        form.add_error(
            None,
            _("Too many tries in a short time. Please wait an hour and try again."),
        )
        return _page_with_form(request, campaign, form, status=429)
    if not form.is_valid():
        return _page_with_form(request, campaign, form, status=400)
    submit_pledge(request, campaign, form.cleaned_data)
    messages.success(
        request,
        _(
            "Thank you. We have sent a link to that address: your pledge counts once you "
            "open it. Each address counts once per campaign, so pledging again changes nothing."
        ),
    )
    return HttpResponseRedirect(campaign.url + "#pledge")


def _invalid_link(request, campaign):
    return TemplateResponse(
        request, "campaigns/invalid_link.html", {"page": campaign, "campaign": campaign}, status=400
    )


def confirm(request, campaign: CampaignPage, token: str):
    """GET shows a button; POST confirms (link scanners only GET)."""
    found = pledge_from_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if found is None or found.campaign_id != campaign.pk:
        return _invalid_link(request, campaign)
    if request.method == "POST":
        confirmed = confirm_pledge(found)
        messages.success(
            request,
            _("Thank you: your pledge is confirmed and counted.")
            if confirmed
            else _("Your pledge was already confirmed. It counts once, as it should."),
        )
        return HttpResponseRedirect(campaign.url + "#progress")
    return TemplateResponse(
        request,
        "campaigns/confirm_pledge.html",
        {"page": campaign, "campaign": campaign, "form": ConfirmPledgeForm()},
    )


def unsubscribe_view(request, campaign: CampaignPage, token: str):
    found = pledge_from_token(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if found is None or found.campaign_id != campaign.pk:
        return _invalid_link(request, campaign)
    if request.method == "POST":
        unsubscribe(found)
        messages.success(request, _("Done: you will get no more updates from this campaign."))
        return HttpResponseRedirect(campaign.url)
    return TemplateResponse(
        request,
        "campaigns/unsubscribe.html",
        {"page": campaign, "campaign": campaign, "form": ConfirmPledgeForm()},
    )


def _csv_cell(value: str) -> str:
    """Spreadsheets run cells starting with these as formulas."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_pledges(request, campaign: CampaignPage):
    """Confirmed pledges as CSV, for leads and site admins. Emails only of
    those who agreed to be contacted (and have not unsubscribed)."""
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pledges-{campaign.slug}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(
        [_("Name shown"), _("Organisation"), _("Confirmed"), _("Wants updates"), _("Email")]
    )
    for row in Pledge.objects.confirmed().filter(campaign=campaign).order_by("confirmed_at", "pk"):
        writer.writerow(
            [
                _csv_cell(row.shown_name),
                _csv_cell(row.organisation),
                row.confirmed_at.isoformat(),
                _("yes") if row.wants_updates else _("no"),
                row.email if row.wants_updates else "",
            ]
        )
    return response


def progress(request, campaign: CampaignPage):
    """The pledge chart, for leads and site admins."""
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "campaigns/progress.html",
        {
            "page": campaign,
            "campaign": campaign,
            # Built from numbers and escaped text only (see pledge_chart_svg).
            "chart": mark_safe(pledge_chart_svg(campaign)),  # noqa: S308
        },
    )
