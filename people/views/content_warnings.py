from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from people.content_warnings import hidden_topic_ids, save_choice
from people.forms import ContentWarningChoiceForm


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def content_warning_choices(request):
    """Anyone, signed in or not, chooses which topics are collapsed for them."""
    if request.method == "POST":
        form = ContentWarningChoiceForm(request.POST)
        if form.is_valid():
            response = HttpResponseRedirect(_safe_next(request) or request.path)
            save_choice(request, response, form.cleaned_data["topics"])
            messages.success(request, _("Your choice is saved."))
            return response
    else:
        form = ContentWarningChoiceForm(initial={"topics": sorted(hidden_topic_ids(request))})
    return render(
        request, "people/content_warnings.html", {"form": form, "next": _safe_next(request)}
    )
