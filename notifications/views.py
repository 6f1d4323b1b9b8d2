"""A member's notices, and how they hear of them by email. Every view works
on the signed-in member's own notices only: another member's notice is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import NoticeSettingsForm
from .models import Notice
from .notices import show

PER_PAGE = 20


@login_required
def notice_list(request):
    """Newest first; what each says is worked out now, with what the reader
    may see now."""
    page = Paginator(Notice.objects.filter(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(notice, show(notice, request.user)) for notice in page]
    return render(
        request,
        "notifications/notice_list.html",
        {
            "page": page,
            "rows": rows,
            "any_unread": Notice.objects.unread().filter(user=request.user).exists(),
        },
    )


@login_required
@require_POST
def mark_read(request, pk):
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("Marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    Notice.objects.unread().filter(user=request.user).update(read_at=timezone.now())
    messages.success(request, _("All your notices are marked as read."))
    return redirect("notifications:list")


@login_required
def notice_settings(request):
    form = NoticeSettingsForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notice settings are saved."))
            return redirect("notifications:settings")
        messages.error(request, _("Please check the choices marked below; nothing was saved."))
    return render(request, "notifications/notice_settings.html", {"form": form})
