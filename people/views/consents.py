from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.consent import revoke_consent
from people.models import ConsentRecord


@login_required
def my_consents(request):
    """Every disclosure I agreed to, newest first, each with one-click revoke."""
    records = (
        ConsentRecord.objects.filter(subject=request.user)
        .select_related("audience", "story_part", "context_type")
        .order_by("revoked_at", "-granted_at")
    )
    return render(request, "people/consents.html", {"records": records})


@login_required
@require_POST
def revoke(request, pk):
    # Only the person themself can revoke: another user's record is a 404.
    record = get_object_or_404(ConsentRecord, pk=pk, subject=request.user)
    revoke_consent(record, actor=request.user)
    messages.success(request, _("Done. Nobody can see that any more."))
    return redirect("people:consents")
