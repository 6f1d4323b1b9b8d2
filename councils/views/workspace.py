"""The council workspace over HTTP: my councils, a room's history with the
agenda and open decisions, and posting, editing, removing and reporting
messages without JavaScript (through the same services as the socket, so
form posts are broadcast too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms import EditMessageForm, MessageForm, PreferencesForm, ReportForm
from ..models import AgendaItem, Decision, Meeting, Membership, Message, Room
from ..services import messages as message_changes
from ..services import posting, reports
from ..services.errors import CouncilActionError
from ..services.memberships import end_membership, update_preferences
from ..services.payloads import message_payload, names_for
from ..services.rooms import room_of
from .access import membership_or_404

PAGE_SIZE = 50


@login_required
def my_councils(request):
    """The councils the person belongs to now."""
    memberships = (
        Membership.objects.filter(user=request.user, left_at__isnull=True)
        .select_related("council")
        .order_by("council__name")
    )
    return render(request, "councils/my_councils.html", {"memberships": memberships})


def _room_or_404(membership, room_id):
    room = room_of(membership, room_id)
    if room is None:
        raise Http404
    return room


def _history(request, membership, room):
    """One page of history, newest last; `before` pages back by seq.

    Also returns the room's latest seq, read before the messages: every event
    up to it has committed, so the page's live updates continue from it and
    whatever happens after it reaches the page by backfill (an edit that
    lands between the two reads is shown, then replayed harmlessly)."""
    try:
        before = int(request.GET.get("before", ""))
    except ValueError:
        before = None
    latest = Room.objects.values_list("last_seq", flat=True).get(pk=room.pk)
    history = (
        Message.objects.filter(room=room, seq__lte=latest)
        .prefetch_related("content_warnings")
        .order_by("-seq")
    )
    if before is not None:
        history = history.filter(seq__lt=before)
    page = list(history[: PAGE_SIZE + 1])
    has_older = len(page) > PAGE_SIZE
    page = list(reversed(page[:PAGE_SIZE]))
    names = names_for(
        membership.council, {m.author_id for m in page if m.author_id}, viewer=request.user
    )
    for message in page:
        message.author_name = message_payload(message, names, "message.new")["author"]
        message.mine = message.author_id == request.user.pk
        message.can_edit = permissions.can_edit(membership, message)
        message.can_redact = permissions.can_redact(membership, message)
    return page, (page[0].seq if has_older and page else None), latest


@login_required
def room(request, slug, room_id=None, form=None):
    """A room's recent history, the next meeting's agenda and open decisions."""
    membership = membership_or_404(request, slug)
    current = _room_or_404(membership, room_id)
    council = membership.council
    page, older_than, latest_seq = _history(request, membership, current)
    now = timezone.now()
    next_meeting = (
        Meeting.objects.filter(council=council, starts_at__gte=now - timezone.timedelta(hours=3))
        .order_by("starts_at")
        .prefetch_related("agenda_items")
        .first()
    )
    waiting_items = list(AgendaItem.objects.filter(council=council, meeting__isnull=True))
    open_decisions = list(
        Decision.objects.filter(council=council, closed_at__isnull=True, closes_at__gt=now)
    )
    context = {
        "membership": membership,
        "council": council,
        "room": current,
        "rooms": list(Room.objects.filter(council=council)),
        "history": page,
        "older_than": older_than,
        # Live updates only on the latest page; they continue from its last seq.
        "live": "before" not in request.GET,
        "last_seq": latest_seq,
        "form": form or (MessageForm() if permissions.can_post(membership) else None),
        "next_meeting": next_meeting,
        "waiting_items": waiting_items,
        "open_decisions": open_decisions,
        "socket_path": f"/ws/councils/{council.pk}/",
        # Where a message's own pages live; the script adds "<id>/edit/" etc.
        # to messages it draws live, as the server does for its history.
        "messages_path": reverse("councils:edit", args=[council.slug, 0]).removesuffix("0/edit/"),
    }
    return render(request, "councils/room.html", context, status=400 if form else 200)


@login_required
@require_POST
def post_message(request, slug, room_id):
    membership = membership_or_404(request, slug)
    current = _room_or_404(membership, room_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            posting.post_message(
                user=request.user,
                council_id=membership.council_id,
                room_id=current.pk,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
                content_warnings=[t.pk for t in form.cleaned_data["content_warnings"]],
            )
        except CouncilActionError as error:
            form.add_error(None, error.message)
        else:
            return redirect(_room_url(membership, current))
    if not permissions.can_post(membership):
        raise Http404
    return room(request, slug, current.pk, form=form)


def _room_url(membership, room_obj) -> str:
    return reverse("councils:room", args=[membership.council.slug, room_obj.pk])


def _message_or_404(membership, message_id) -> Message:
    message = (
        Message.objects.select_related("room")
        .filter(pk=message_id, room__council_id=membership.council_id)
        .first()
    )
    if message is None:
        raise Http404
    return message


@login_required
def edit_message(request, slug, message_id):
    membership = membership_or_404(request, slug)
    message = _message_or_404(membership, message_id)
    if not permissions.can_edit(membership, message):
        raise Http404
    # A message from before plain text is edited as the text its readers see.
    initial = {"body": message.text, "content_warnings": list(message.content_warnings.all())}
    form = EditMessageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            message_changes.edit_message(
                user=request.user,
                council_id=membership.council_id,
                message_id=message.pk,
                body=form.cleaned_data["body"],
                content_warnings=[t.pk for t in form.cleaned_data["content_warnings"]],
            )
        except CouncilActionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your message was changed."))
            return redirect(_room_url(membership, message.room))
    return render(
        request,
        "councils/message_form.html",
        {"form": form, "membership": membership, "message": message, "title": _("Edit message")},
    )


@login_required
@require_POST
def redact_message(request, slug, message_id):
    membership = membership_or_404(request, slug)
    message = _message_or_404(membership, message_id)
    if not permissions.can_redact(membership, message):
        raise Http404
    message_changes.redact_message(
        user=request.user, council_id=membership.council_id, message_id=message.pk
    )
    messages.success(request, _("The message was removed. A note shows where it was."))
    return redirect(_room_url(membership, message.room))


@login_required
def report_message(request, slug, message_id):
    membership = membership_or_404(request, slug)
    message = _message_or_404(membership, message_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reports.report_message(
            user=request.user,
            council_id=membership.council_id,
            message_id=message.pk,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Thank you. The facilitators will look at it."))
        return redirect(_room_url(membership, message.room))
    return render(
        request,
        "councils/message_form.html",
        {"form": form, "membership": membership, "message": message, "title": _("Report")},
    )


@login_required
def message_history(request, slug, message_id):
    """Earlier versions of a message, for facilitators."""
    membership = membership_or_404(request, slug)
    if not permissions.can_see_revisions(membership):
        raise Http404
    message = _message_or_404(membership, message_id)
    return render(
        request,
        "councils/message_history.html",
        {"membership": membership, "message": message, "revisions": message.revisions.all()},
    )


@login_required
def preferences(request, slug):
    """Name in this council, presence and typing (both off unless chosen)."""
    membership = membership_or_404(request, slug)
    form = PreferencesForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        update_preferences(
            user=request.user,
            council_id=membership.council_id,
            pseudonym=form.cleaned_data["pseudonym"],
            show_presence=form.cleaned_data["show_presence"],
            share_typing=form.cleaned_data["share_typing"],
        )
        messages.success(request, _("Your council settings were saved."))
        return redirect("councils:room", membership.council.slug)
    return render(request, "councils/preferences.html", {"form": form, "membership": membership})


@login_required
@require_POST
def leave(request, slug):
    membership = membership_or_404(request, slug)
    end_membership(membership)
    messages.success(request, _("You left %(council)s.") % {"council": membership.council.name})
    return redirect("councils:list")
