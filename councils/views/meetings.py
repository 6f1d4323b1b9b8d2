"""Meetings (agenda, attendance, minutes and their export) and decisions
(positions, closing, results hidden until close)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safety.sanitize import sanitize_html, strip_tags_to_text

from .. import decisions, notices, permissions
from ..forms import (
    AgendaItemForm,
    CloseDecisionForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    PositionForm,
)
from ..models import Decision, Meeting, Membership
from ..services import agenda
from ..services.errors import CouncilActionError
from ..services.payloads import names_for
from .access import facilitator_or_404, membership_or_404


@login_required
def meetings(request, slug):
    membership = membership_or_404(request, slug)
    council = membership.council
    form = None
    if permissions.can_facilitate(membership):
        form = MeetingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            meeting = form.save(commit=False)
            meeting.council = council
            agenda.plan_meeting(meeting)
            return redirect("councils:meeting", slug, meeting.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "councils/meetings.html",
        {
            "membership": membership,
            "meetings": Meeting.objects.filter(council=council),
            "decisions": Decision.objects.filter(council=council).order_by("-closes_at"),
            "form": form,
        },
    )


def _meeting(membership, meeting_id) -> Meeting:
    return get_object_or_404(
        Meeting.objects.prefetch_related("agenda_items", "attendees"),
        pk=meeting_id,
        council=membership.council,
    )


def _member_choices(council, viewer):
    active = Membership.objects.filter(council=council, left_at__isnull=True)
    names = names_for(council, viewer=viewer)
    return [(str(m.user_id), names.get(m.user_id)) for m in active]


@login_required
def meeting(request, slug, meeting_id):
    membership = membership_or_404(request, slug)
    return _meeting_page(request, membership, _meeting(membership, meeting_id))


def _meeting_page(
    request, membership, item: Meeting, *, minutes_form=None, agenda_form=None, status=200
):
    """The meeting page; with `minutes_form` or `agenda_form`, what the
    facilitator sent, with what was wrong, so that nothing written is lost."""
    names = names_for(membership.council, viewer=request.user)
    attendees = [names.get(user.pk) or _("A former member") for user in item.attendees.all()]
    context = {
        "membership": membership,
        "meeting": item,
        "attendees": attendees,
        "decisions": item.decisions.all(),
    }
    if permissions.can_facilitate(membership):
        context["minutes_form"] = minutes_form or MinutesForm(
            initial={
                "minutes": item.minutes,
                "attendees": [str(u.pk) for u in item.attendees.all()],
            },
            members=_member_choices(membership.council, request.user),
        )
        context["agenda_form"] = agenda_form or AgendaItemForm()
    return render(request, "councils/meeting.html", context, status=status)


@login_required
@require_POST
def save_minutes(request, slug, meeting_id):
    membership = facilitator_or_404(request, slug)
    item = _meeting(membership, meeting_id)
    form = MinutesForm(request.POST, members=_member_choices(membership.council, request.user))
    if form.is_valid():
        with transaction.atomic():
            item.minutes = sanitize_html(form.cleaned_data["minutes"])
            item.save(update_fields=["minutes"])
            item.attendees.set([int(pk) for pk in form.cleaned_data["attendees"]])
        messages.success(request, _("The minutes were saved."))
        return redirect("councils:meeting", slug, item.pk)
    messages.error(request, _("The minutes could not be saved. Please check the form."))
    return _meeting_page(request, membership, item, minutes_form=form, status=400)


@login_required
@require_POST
def add_agenda_item(request, slug, meeting_id):
    membership = facilitator_or_404(request, slug)
    item = _meeting(membership, meeting_id)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        agenda.add_agenda_item(
            item.council,
            meeting=item,
            title=form.cleaned_data["title"],
            notes=form.cleaned_data["notes"],
        )
        return redirect("councils:meeting", slug, item.pk)
    messages.error(request, _("The agenda item could not be added. Please check the form."))
    return _meeting_page(request, membership, item, agenda_form=form, status=400)


def minutes_as_markdown(item: Meeting, attendee_names: list[str]) -> str:
    """The minutes as a Markdown document (plain text, no HTML)."""
    lines = [f"# {item.title}", "", f"{item.starts_at:%Y-%m-%d %H:%M} UTC ({item.time_zone})", ""]
    lines += ["## " + _("Agenda"), ""]
    lines += [f"{n}. {a.title}" for n, a in enumerate(item.agenda_items.all(), start=1)]
    lines += ["", "## " + _("Who came"), ""] + [f"- {name}" for name in attendee_names]
    lines += ["", "## " + _("Minutes"), "", strip_tags_to_text(item.minutes), ""]
    return "\n".join(lines)


@login_required
def export_minutes(request, slug, meeting_id):
    membership = facilitator_or_404(request, slug)
    item = _meeting(membership, meeting_id)
    names = names_for(membership.council, viewer=request.user)
    text = minutes_as_markdown(item, [names.get(u.pk, "") for u in item.attendees.all()])
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    filename = f"minutes-{slugify(item.title) or item.pk}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def new_decision(request, slug):
    membership = facilitator_or_404(request, slug)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.save(commit=False)
        decision.council = membership.council
        decision.options = form.cleaned_data["options"]
        decision.created_by = request.user
        decision.save()
        notices.decision_opened(decision, by=request.user)
        return redirect("councils:decision", slug, decision.pk)
    return render(request, "councils/decision_form.html", {"membership": membership, "form": form})


@login_required
def decision(request, slug, decision_id):
    """A decision: take a position while open; results once closed."""
    membership = membership_or_404(request, slug)
    item = get_object_or_404(Decision, pk=decision_id, council=membership.council)
    form = None
    if permissions.can_vote(membership) and not item.is_closed():
        form = PositionForm(request.POST or None, decision=item)
        if request.method == "POST" and form.is_valid():
            try:
                decisions.take_position(
                    user=request.user,
                    council_id=membership.council_id,
                    decision_id=item.pk,
                    choice=form.cleaned_data["choice"],
                    reason=form.cleaned_data["reason"],
                    options=form.cleaned_data.get("options", []),
                )
            except CouncilActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your position was recorded."))
                return redirect("councils:decision", slug, item.pk)
    elif request.method == "POST":
        raise Http404
    closed = item.is_closed()
    positions = decisions.positions_for_display(item) if closed else []
    names = names_for(membership.council, viewer=request.user) if closed else {}
    for position in positions:
        position.name = names.get(position.member_id) if position.member_id else ""
    return render(
        request,
        "councils/decision.html",
        {
            "membership": membership,
            "decision": item,
            "closed": closed,
            "result": decisions.result_of(item),
            "positions": positions,
            "taken_part": decisions.taken_part(item),
            "has_taken_part": decisions.has_taken_part(item, request.user),
            "form": form,
            "close_form": CloseDecisionForm() if permissions.can_facilitate(membership) else None,
        },
    )


@login_required
@require_POST
def close_decision(request, slug, decision_id):
    membership = facilitator_or_404(request, slug)
    item = get_object_or_404(Decision, pk=decision_id, council=membership.council)
    form = CloseDecisionForm(request.POST)
    if form.is_valid():
        decisions.close_decision(
            user=request.user, decision=item, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("The decision is closed and its result is shown."))
    return redirect("councils:decision", slug, item.pk)
