"""The "Browse safely" help page, and error views that work even when the
database does not."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from people.languages import home_url


class BrowseSafelyView(TemplateView):
    """What the site does to keep a visit private, what it cannot do, and what
    a person can do themselves (private windows, shared devices, history).

    A view rather than a Wagtail page: it describes how the site's own code
    behaves, so it ships and is translated with that code, and it is there
    before any content exists.
    """

    template_name = "home/browse_safely.html"


@require_POST
def helpline_country(request):
    """Remember the reader's country for the footer's helplines, then go back
    to the page they were on (works without JavaScript)."""
    from .helplines import is_valid_choice, save_choice

    code = request.POST.get("country", "")
    if not is_valid_choice(code):
        return render(
            request,
            "home/helpline_country_error.html",
            {"next": _safe_next(request)},
            status=400,
        )
    response = HttpResponseRedirect(_safe_next(request) + "#helplines-heading")
    save_choice(request, response, code)
    return response


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return home_url()


def search(request):
    """Site search over what anyone may read (`home.search`)."""
    from .search import search_context

    return render(request, "home/search.html", search_context(request))


def csrf_failure(request, reason=""):
    """A form was sent without a valid security token (often an expired page).

    Back does not lead to the form (site/static/js/one-entry.js keeps the site
    to one history entry), so the page links to it: the page the form was sent
    from, when that is a page of this site.
    """
    referer = request.headers.get("Referer", "")
    form_page = (
        referer
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else None
    )
    return render(request, "403_csrf.html", {"form_page": form_page}, status=403)


def server_error(request):
    """The 500 page: rendered without context processors or database access."""
    template = loader.get_template("500.html")
    context = {
        "quick_exit_url": settings.QUICK_EXIT_FALLBACK_URL,
        "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
    }
    return HttpResponseServerError(template.render(context))
