"""Lets the site's script move between pages without adding Back entries."""

from django.utils.deprecation import MiddlewareMixin

# Sent by site/static/js/one-entry.js with the forms it posts through fetch().
SAME_ENTRY_HEADER = "X-Same-Entry"
SAME_ENTRY_LOCATION_HEADER = "X-Same-Entry-Location"


class SameEntryRedirectMiddleware(MiddlewareMixin):
    """Tells one-entry.js where a form's redirect points, instead of redirecting.

    The script posts forms with fetch() so that the page after a form can replace
    the current history entry (location.replace()) rather than add one. fetch()
    either follows a redirect itself, which would load the next page unseen and
    use up its one-time messages, or hides where it points. So a redirect that
    answers a request marked with `X-Same-Entry: 1` becomes `204 No Content` with
    the address in `X-Same-Entry-Location`; cookies and other headers are kept.
    Without the header (no JavaScript, other clients) redirects are unchanged.
    """

    def process_response(self, request, response):
        if (
            request.method in ("GET", "HEAD", "OPTIONS")
            or request.headers.get(SAME_ENTRY_HEADER) != "1"
            or not 300 <= response.status_code < 400
            or not response.has_header("Location")
        ):
            return response
        response[SAME_ENTRY_LOCATION_HEADER] = response["Location"]
        del response["Location"]
        response.status_code = 204
        response.content = b""
        return response
