"""The private guide without JavaScript: a form posted to itself.

Nothing of the answers is kept or repeated anywhere but in the answer page
itself: the view writes no log line, touches no session, cache or database
(it only reads the published remedies), sends the answers by POST only (never
in a URL, so never in history or access logs), and marks every answer
`Cache-Control: no-store, private` with `Referrer-Policy: no-referrer`.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.html import json_script
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .catalogue import build_catalogue, catalogue_as_json
from .forms import GuideForm
from .suggest import suggest

TEMPLATE = "pathways/guide/guide.html"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def keep_private(response):
    """No cache may keep the page, and no link on it tells where it was."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    response["Referrer-Policy"] = "no-referrer"
    return response


class EmbeddedData:
    """Data for the page's script, written as Django's `json_script` does.

    Its repr says nothing: Django's template engine logs its whole context at
    DEBUG level when a variable is missing, and a context that repeats the
    catalogue would make a log that mentions every place look like a leak
    (and a leak harder to see)."""

    def __init__(self, data, element_id: str):
        self._data, self._element_id = data, element_id

    def __html__(self) -> str:
        return json_script(self._data, self._element_id)

    def __str__(self) -> str:
        return self.__html__()

    def __repr__(self) -> str:
        return f"<EmbeddedData #{self._element_id}>"


def script_labels() -> dict[str, str]:
    """The words the page's script shows, in the reader's language."""
    return {
        "next": _("Next"),
        "back": _("Back"),
        "step_error_harm": _("Choose at least one, or “I'm not sure”."),
        "step_error_place": _("Choose a place, or “Somewhere else”."),
        "step_error_priority": _("Choose what matters most to you."),
        "step_error_repeated": _("Choose each thing once: this one is already chosen."),
        "privacy": _("Your answers never leave this page: nothing is sent, saved or remembered."),
        "found": _("Suggestions are ready below."),
        "start_again": _("Start again"),
        "copy": _("Copy the questions"),
        "print": _("Print the questions"),
        "copied": _("The questions are copied. You can paste them anywhere."),
        "copy_failed": _(
            "Copying did not work here. The questions are selected: "
            "press Ctrl+C (or ⌘C) to copy them."
        ),
    }


def _render(request, *, catalogue=None, form=None, results=None, problem="", status=200):
    """The guide's page: the form (empty, or with what to correct), or the
    suggestions; `problem` says what went wrong, never what was answered."""
    if catalogue is None:
        catalogue = build_catalogue(request)
    if form is None:
        form = GuideForm(catalogue=catalogue)
    context = {
        "form": form,
        "results": results,
        "problem": problem,
        "catalogue": EmbeddedData(catalogue_as_json(catalogue), "guide-catalogue"),
        "labels": EmbeddedData(script_labels(), "guide-labels"),
    }
    return render(request, TEMPLATE, context, status=status)


def unreadable_body(request):
    """A page saying why the body of a POST cannot be read at all, or None.

    Read here, before the CSRF check reads it, so that a body too big or
    with too many fields gets this page rather than Django's bare 400 (the
    CSRF check would raise on it); nothing of the body is repeated or logged.
    Only the form's own encoding is read: anything else (files) is refused
    unread, so nothing is ever written to a temporary file.
    """
    # No content type at all (an empty POST) reads as an empty form: Django
    # then reads nothing of the body.
    if request.content_type not in (FORM_CONTENT_TYPE, ""):
        return _render(
            request,
            problem=_("These answers arrived in a form we cannot read. Nothing was kept."),
            status=400,
        )
    try:
        request.POST  # noqa: B018 - reading it is the check
    except RequestDataTooBig:
        return _render(
            request,
            problem=_("These answers were far too long to read. Nothing was kept."),
            status=413,
        )
    except TooManyFieldsSent:
        return _render(
            request,
            problem=_("These answers had far too many parts to read. Nothing was kept."),
            status=400,
        )
    return None


@csrf_protect
def _answer(request):
    if request.method != "POST":
        # A GET shows the empty form; query parameters are never read.
        return _render(request)
    catalogue = build_catalogue(request)
    form = GuideForm(request.POST, catalogue=catalogue)
    if not form.is_valid():
        return _render(
            request,
            catalogue=catalogue,
            form=form,
            problem=_("Some answers are missing or could not be read: see below."),
            status=400,
        )
    return _render(request, catalogue=catalogue, results=suggest(catalogue, form.answers()))


# The CSRF check runs inside the view (csrf_protect above), after
# `unreadable_body` has made sure the body can be read; it is never skipped.
@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def guide(request):
    """The private guide: the empty form (GET), or its answers (POST)."""
    if request.method == "POST":
        refused = unreadable_body(request)
        if refused is not None:
            return keep_private(refused)
    return keep_private(_answer(request))
