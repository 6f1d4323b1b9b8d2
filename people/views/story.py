import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.consent import grant_consent, record_access, revoke_consent
from people.forms import ShareStoryPartForm, StoryPartForm
from people.models import ConsentRecord, StoryPart
from people.policy import shared_story_audience


@login_required
def story_vault(request):
    parts = StoryPart.objects.filter(owner=request.user).prefetch_related("consents__audience")
    return render(request, "people/story_vault.html", {"parts": parts})


@login_required
def edit_part(request, pk=None):
    part = get_object_or_404(StoryPart, pk=pk, owner=request.user) if pk else None
    form = StoryPartForm(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        part = form.save(commit=False)
        part.owner = request.user
        part.save()
        messages.success(request, _("Saved in your story vault."))
        return redirect("people:story")
    return render(request, "people/story_part_form.html", {"form": form, "part": part})


@login_required
@require_POST
def delete_part(request, pk):
    part = get_object_or_404(StoryPart, pk=pk, owner=request.user)
    for record in part.consents.active():
        revoke_consent(record, actor=request.user)
    part.delete()
    messages.success(request, _("That part of your story is deleted."))
    return redirect("people:story")


@login_required
def share_part(request, pk):
    part = get_object_or_404(StoryPart, pk=pk, owner=request.user)
    form = ShareStoryPartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
            if expires_on
            else None
        )
        try:
            grant_consent(
                request.user,
                kind=ConsentRecord.Kind.STORY_PART,
                story_part=part,
                audience=form.cleaned_data["audience"],
                purpose=form.cleaned_data["purpose"],
                expires_at=expires_at,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Shared. You can take it back at any time."))
            return redirect("people:consents")
    return render(request, "people/story_share.html", {"form": form, "part": part})


@login_required
def read_shared_part(request, pk):
    """A story part shared with an audience the reader acts for."""
    part = get_object_or_404(StoryPart.objects.select_related("owner"), pk=pk)
    if part.owner_id != request.user.pk:
        audience = shared_story_audience(request.user, part)
        if audience is None:
            # 404, not 403: do not confirm that the part exists.
            raise Http404
        record_access(
            viewer=request.user,
            subject=part.owner,
            what=_("Story: %(title)s") % {"title": part.title},
            audience=audience,
        )
    return render(request, "people/story_read.html", {"part": part})
