"""Speaking opportunities: listing, posting, applying, reviewing, engagements,
matching and calendars. Every view asks `advocacy.opportunities.policy`."""

from __future__ import annotations

import hmac

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from advocacy.organisations.models import Organisation
from people import roles
from people.consent import record_access
from people.models import Profile, User

from . import policy, workflow
from .calendar_feed import CalendarEvent, calendar_response
from .forms import (
    ApplicationForm,
    CancellationForm,
    DecisionForm,
    OpportunityForm,
    PreferencesForm,
    RatingForm,
)
from .matching import matching_opportunities
from .models import (
    CalendarFeedToken,
    Engagement,
    OpportunityApplication,
    OpportunityPreferences,
    SpeakingOpportunity,
)


def opportunity_detail(request, pk):
    opportunity = get_object_or_404(
        SpeakingOpportunity.objects.select_related("organisation").prefetch_related(
            "topics", "content_warnings"
        ),
        pk=pk,
    )
    if not policy.can_view_opportunity(request.user, opportunity):
        raise Http404
    mine = None
    if request.user.is_authenticated:
        mine = (
            OpportunityApplication.objects.filter(opportunity=opportunity, applicant=request.user)
            .select_related("engagement")
            .first()
        )
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "can_apply": (mine is None or policy.can_reopen(mine))
            and policy.can_apply(request.user, opportunity),
            "can_manage": policy.can_manage_opportunity(request.user, opportunity),
            "my_application": mine,
        },
    )


@login_required
def edit_opportunity(request, slug=None, pk=None):
    """Post (under an organisation) or edit an opportunity: verified organisations' admins."""
    if pk is not None:
        opportunity = get_object_or_404(SpeakingOpportunity, pk=pk)
        organisation = opportunity.organisation
    else:
        opportunity = None
        organisation = get_object_or_404(Organisation, slug=slug)
    if not policy.can_post(request.user, organisation):
        return render(
            request,
            "opportunities/cannot_post.html",
            {"organisation": organisation},
            status=403,
        )
    form = OpportunityForm(request.POST or None, instance=opportunity, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save(commit=False)
        if opportunity.created_by_id is None:
            opportunity.created_by = request.user
        opportunity.save()
        form.save_m2m()
        messages.success(request, _("Opportunity saved."))
        return redirect("opportunities:detail", pk=opportunity.pk)
    return render(
        request,
        "opportunities/form.html",
        {"form": form, "organisation": organisation, "opportunity": opportunity},
    )


@login_required
def organisation_dashboard(request, slug):
    """An organisation's opportunities and the applications this member may review."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.pk not in policy.member_organisation_ids(request.user):
        raise Http404
    opportunities = organisation.opportunities.order_by("-created_at")
    applications = (
        policy.reviewable_applications(request.user)
        .filter(opportunity__organisation=organisation)
        .select_related("opportunity", "engagement")
    )
    return render(
        request,
        "opportunities/dashboard.html",
        {
            "organisation": organisation,
            "opportunities": opportunities,
            "applications": applications,
            "can_post": policy.can_post(request.user, organisation),
        },
    )


@login_required
def apply(request, pk):
    opportunity = get_object_or_404(
        SpeakingOpportunity.objects.select_related("organisation"), pk=pk
    )
    if not policy.can_view_opportunity(request.user, opportunity):
        raise Http404
    if not policy.can_apply(request.user, opportunity):
        return HttpResponseForbidden(_("You cannot apply to this opportunity."))
    existing = (
        OpportunityApplication.objects.filter(opportunity=opportunity, applicant=request.user)
        .select_related("engagement")
        .first()
    )
    if existing is not None and not policy.can_reopen(existing):
        messages.info(request, _("You have already applied to this opportunity."))
        return redirect("opportunities:my_applications")
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workflow.submit_application(
                request.user,
                opportunity,
                pseudonym=data["pseudonym"],
                availability=data["availability"],
                message=data["message"],
                access_needs=data["access_needs"],
                fields=data["disclose_fields"],
                story_parts=data["story_parts"],
            )
        except (IntegrityError, workflow.AlreadyApplied):
            messages.info(request, _("You have already applied to this opportunity."))
        else:
            messages.success(
                request,
                _(
                    "Your application is sent. You can withdraw it, and everything you shared, "
                    "at any time."
                ),
            )
        return redirect("opportunities:my_applications")
    return render(
        request,
        "opportunities/apply.html",
        {"form": form, "opportunity": opportunity, "applying_again": existing is not None},
    )


@login_required
def my_applications(request):
    applications = (
        OpportunityApplication.objects.filter(applicant=request.user)
        .select_related("opportunity__organisation", "engagement")
        .order_by("-created_at")
    )
    is_leader = roles.has_role(request.user, roles.SURVIVOR_LEADERS)
    member_of = policy.member_organisation_ids(request.user)
    for application in applications:
        opportunity = application.opportunity
        # policy.can_apply_again, without a query per row.
        application.can_apply_again = (
            is_leader
            and policy.can_reopen(application)
            and opportunity.is_accepting
            and opportunity.organisation.verified
            and opportunity.organisation_id not in member_of
        )
        application.can_withdraw = policy.can_withdraw(request.user, application)
        application.can_take_back = policy.can_take_back(request.user, application)
    return render(request, "opportunities/my_applications.html", {"applications": applications})


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(OpportunityApplication, pk=pk, applicant=request.user)
    if not policy.can_withdraw(request.user, application):
        return HttpResponseForbidden(_("This application can no longer be withdrawn."))
    # Loaded by the check above (None when there is none).
    engagement = getattr(application, "engagement", None)
    cancels_engagement = engagement is not None and policy.is_cancellable(engagement)
    workflow.withdraw_application(application, actor=request.user)
    messages.success(
        request, _("Withdrawn. The organisation can no longer see anything you shared with it.")
    )
    if cancels_engagement:
        messages.info(request, _("Your engagement is cancelled, and the organisation is told."))
    return redirect("opportunities:my_applications")


@login_required
@require_POST
def take_back(request, pk):
    """After delivered work: revoke what was shared, keep the engagement."""
    application = get_object_or_404(OpportunityApplication, pk=pk, applicant=request.user)
    if not policy.can_take_back(request.user, application):
        return HttpResponseForbidden(_("There is nothing to take back here."))
    taken = workflow.take_back(application, actor=request.user)
    messages.success(
        request,
        ngettext(
            "Taken back. The organisation can no longer see the %(count)s thing you shared. "
            "Your engagement and its payment are not affected.",
            "Taken back. The organisation can no longer see the %(count)s things you shared. "
            "Your engagement and its payment are not affected.",
            taken,
        )
        % {"count": taken}
        if taken
        else _("Nothing you shared for this application was still visible to the organisation."),
    )
    return redirect("opportunities:my_applications")


@login_required
def review_application(request, pk):
    """One application as the organisation may see it: only what was disclosed for it."""
    application = get_object_or_404(
        OpportunityApplication.objects.select_related("opportunity__organisation"), pk=pk
    )
    if not policy.can_review(request.user, application):
        # 404, not 403: do not confirm that someone applied.
        raise Http404
    opportunity = application.opportunity
    form = DecisionForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST":
        if not application.is_open:
            return HttpResponseForbidden(_("This application has already been decided."))
        if form.is_valid():
            data = form.cleaned_data
            workflow.decide(
                application,
                status=data["decision"],
                message=data["message"],
                fee_amount=data.get("fee_amount"),
                currency=data.get("currency", ""),
                starts_at=data.get("starts_at"),
                time_zone=data.get("time_zone", ""),
            )
            messages.success(request, _("Decision saved and sent to the applicant."))
            return redirect("opportunities:review", pk=application.pk)
    shown = policy.disclosed_application(request.user, application)
    audience = opportunity.organisation.audience
    for name in shown.fields:
        record_access(
            viewer=request.user,
            subject=application.applicant,
            what=_("Application: %(field)s") % {"field": shown.field_labels[name]},
            audience=audience,
        )
    if shown.access_needs is not None:
        record_access(
            viewer=request.user,
            subject=application.applicant,
            what=_("Application: access and support needs"),
            audience=audience,
        )
    engagement = Engagement.objects.filter(application=application).first()
    return render(
        request,
        "opportunities/review.html",
        {
            "shown": shown,
            "application": application,
            "opportunity": opportunity,
            "form": form if application.is_open else None,
            "engagement": engagement,
            "can_mark_delivered": engagement
            and policy.can_mark_delivered(request.user, engagement),
            "can_mark_paid": engagement and policy.can_mark_paid(request.user, engagement),
            "can_cancel": engagement
            and policy.can_cancel_as_organisation(request.user, engagement),
        },
    )


@login_required
@require_POST
def mark_engagement(request, pk, step):
    """The organisation marks an engagement delivered, then paid."""
    engagement = get_object_or_404(Engagement.objects.select_related("application"), pk=pk)
    if not policy.can_review(request.user, engagement.application):
        raise Http404
    # The workflow re-checks in the same update, in case it was cancelled meanwhile.
    if (
        step == "delivered"
        and policy.can_mark_delivered(request.user, engagement)
        and workflow.mark_delivered(engagement)
    ):
        messages.success(request, _("Marked as delivered."))
    elif (
        step == "paid"
        and policy.can_mark_paid(request.user, engagement)
        and workflow.mark_paid(engagement)
    ):
        messages.success(request, _("Marked as paid. The speaker will confirm."))
    else:
        return HttpResponseForbidden(_("That step is not possible now."))
    return redirect("opportunities:review", pk=engagement.application_id)


@login_required
def my_engagements(request):
    engagements = (
        Engagement.objects.filter(application__applicant=request.user)
        .select_related("application__opportunity__organisation", "conduct_rating")
        .order_by("starts_at")
    )
    token = CalendarFeedToken.objects.filter(user=request.user).first()
    now = timezone.now()
    for engagement in engagements:
        engagement.overdue = engagement.is_overdue(now)
        # policy.can_cancel_as_speaker, without a query per row.
        engagement.can_cancel = (
            engagement.application.status == OpportunityApplication.Status.ACCEPTED
            and policy.is_cancellable(engagement)
        )
    return render(
        request,
        "opportunities/my_engagements.html",
        {
            "engagements": engagements,
            "feed_url": request.build_absolute_uri(
                reverse("opportunities:private_feed", args=[token.token])
            )
            if token
            else "",
        },
    )


@login_required
@require_POST
def confirm_payment(request, pk):
    engagement = get_object_or_404(
        Engagement.objects.select_related("application"),
        pk=pk,
        application__applicant=request.user,
    )
    if not policy.can_confirm_payment(request.user, engagement):
        return HttpResponseForbidden(_("There is no payment to confirm."))
    workflow.confirm_payment(engagement)
    messages.success(request, _("Thank you: payment confirmed."))
    return redirect("opportunities:my_engagements")


def _cancel_page(request, engagement, *, by, allowed, done):
    """The cancel form for either side: a reason is required; an error keeps what was typed."""
    if not allowed:
        return HttpResponseForbidden(
            _("This engagement can no longer be cancelled: it took place or is already cancelled.")
        )
    form = CancellationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.cancel_engagement(engagement, by=by, reason=form.cleaned_data["reason"])
        except workflow.CannotCancel:
            return HttpResponseForbidden(
                _(
                    "This engagement can no longer be cancelled: it took place or is already "
                    "cancelled."
                )
            )
        messages.success(request, _("The engagement is cancelled, and the other side is told."))
        return done
    return render(
        request,
        "opportunities/cancel.html",
        {
            "form": form,
            "engagement": engagement,
            "opportunity": engagement.application.opportunity,
            "by_speaker": by == Engagement.CancelledBy.SPEAKER,
        },
    )


@login_required
def cancel_as_speaker(request, pk):
    """The speaker cancels one of their engagements, from "My engagements"."""
    engagement = get_object_or_404(
        Engagement.objects.select_related("application__opportunity__organisation"),
        pk=pk,
        application__applicant=request.user,
    )
    return _cancel_page(
        request,
        engagement,
        by=Engagement.CancelledBy.SPEAKER,
        allowed=policy.can_cancel_as_speaker(request.user, engagement),
        done=redirect("opportunities:my_engagements"),
    )


@login_required
def cancel_as_organisation(request, pk):
    """The organisation's reviewers cancel, from the application review page."""
    engagement = get_object_or_404(
        Engagement.objects.select_related("application__opportunity__organisation"), pk=pk
    )
    if not policy.can_review(request.user, engagement.application):
        # 404, not 403: do not confirm that someone applied.
        raise Http404
    return _cancel_page(
        request,
        engagement,
        by=Engagement.CancelledBy.ORGANISATION,
        allowed=policy.can_cancel_as_organisation(request.user, engagement),
        done=redirect("opportunities:review", pk=engagement.application_id),
    )


@login_required
def rate(request, pk):
    engagement = get_object_or_404(
        Engagement.objects.select_related("application__opportunity__organisation"),
        pk=pk,
        application__applicant=request.user,
    )
    if not policy.can_rate(request.user, engagement):
        return HttpResponseForbidden(_("You can rate an engagement once, after it took place."))
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                workflow.rate_organisation(engagement, **form.cleaned_data)
        except IntegrityError:
            pass
        messages.success(
            request, _("Thank you. The organisation never sees who gave which rating.")
        )
        return redirect("opportunities:my_engagements")
    return render(request, "opportunities/rate.html", {"form": form, "engagement": engagement})


@login_required
def preferences(request):
    profile = Profile.for_user(request.user)
    instance = OpportunityPreferences.objects.filter(user=request.user).first()
    form = PreferencesForm(
        request.POST or None,
        instance=instance or OpportunityPreferences(user=request.user),
        profile=profile,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Preferences saved."))
        return redirect("opportunities:for_you")
    return render(request, "opportunities/preferences.html", {"form": form})


@login_required
def for_you(request):
    preferences = OpportunityPreferences.objects.filter(user=request.user).first()
    matches = matching_opportunities(preferences) if preferences else []
    return render(
        request,
        "opportunities/for_you.html",
        {"preferences": preferences, "matches": matches},
    )


def _opportunity_event(request, opportunity: SpeakingOpportunity) -> CalendarEvent:
    place = _("Remote") if opportunity.is_remote else opportunity.place
    return CalendarEvent(
        uid=f"opportunity-{opportunity.pk}@{request.get_host()}",
        summary=f"{opportunity.title} ({opportunity.organisation.name})",
        starts_at=opportunity.starts_at,
        ends_at=opportunity.ends_at,
        description=f"{opportunity.get_kind_display()} · {opportunity.fee_display}",
        location=place,
        url=request.build_absolute_uri(reverse("opportunities:detail", args=[opportunity.pk])),
    )


def public_feed(request):
    """Open opportunities with a date, for anyone's calendar."""
    events = [
        _opportunity_event(request, o)
        for o in SpeakingOpportunity.objects.listed().filter(starts_at__isnull=False)
    ]
    return calendar_response(_("Speaking opportunities"), events, private=False)


def _feed_owner(token: str):
    user_id, _sep, secret = token.partition(".")
    if not user_id.isdigit() or not secret:
        return None
    record = CalendarFeedToken.objects.filter(user_id=int(user_id)).select_related("user").first()
    # Compared in constant time so the secret cannot be guessed byte by byte.
    if record is None or not hmac.compare_digest(record.secret.encode(), secret.encode()):
        return None
    return record.user if record.user.is_active else None


def private_feed(request, token):
    """My engagements, at a secret address that works without signing in."""
    user: User | None = _feed_owner(token)
    if user is None:
        raise Http404
    # Cancelled engagements are left out rather than sent as STATUS:CANCELLED:
    # subscribed calendars drop an event that leaves the feed, and the feed
    # keeps nothing about work that is no longer happening.
    engagements = Engagement.objects.filter(
        application__applicant=user,
        application__status=OpportunityApplication.Status.ACCEPTED,
        cancelled_at__isnull=True,
    ).select_related("application__opportunity__organisation")
    events = []
    for engagement in engagements:
        opportunity = engagement.application.opportunity
        events.append(
            CalendarEvent(
                uid=f"engagement-{engagement.pk}@{request.get_host()}",
                summary=f"{opportunity.title} ({opportunity.organisation.name})",
                starts_at=engagement.starts_at,
                description=f"{opportunity.get_kind_display()} · {engagement.fee_display}",
                location=_("Remote") if opportunity.is_remote else opportunity.place,
            )
        )
    return calendar_response(_("My engagements"), events, private=True)


@login_required
@require_POST
def regenerate_feed(request):
    """Create, or replace (so the old address stops working), my calendar address."""
    token, created = CalendarFeedToken.objects.get_or_create(user=request.user)
    if not created:
        token.regenerate()
    messages.success(request, _("Your private calendar address is ready. Keep it to yourself."))
    return redirect("opportunities:my_engagements")


@login_required
@require_POST
def revoke_feed(request):
    CalendarFeedToken.objects.filter(user=request.user).delete()
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("opportunities:my_engagements")
