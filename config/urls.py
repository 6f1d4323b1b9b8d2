from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path, re_path, reverse
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern as WAGTAIL_SERVE_PATTERN

from content import routing


class AdminLoginRedirectView(RedirectView):
    """The Wagtail admin's own login form would bypass allauth (MFA, rate limits),
    so its address sends people to the one sign-in page, keeping `next`."""

    permanent = False
    query_string = True

    def get_redirect_url(self, *args, **kwargs):
        self.url = reverse("account_login")
        return super().get_redirect_url(*args, **kwargs)


class FaviconRedirectView(RedirectView):
    """Browsers and feed readers ask for /favicon.ico whatever the page says;
    send them to the static file. Not permanent: the file's hashed address
    changes when the icon does."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


handler500 = "home.views.server_error"

urlpatterns = [
    path("favicon.ico", FaviconRedirectView.as_view(), name="favicon"),
    path("admin/login/", AdminLoginRedirectView.as_view(), name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Unprefixed addresses are English; other languages get /es/, /th/, ... so that
# translated pages (a later step) each have their own address.
urlpatterns += i18n_patterns(
    # Inside the prefixed patterns, so the page being left resolves in its own
    # language and the switch can keep the reader on the same page.
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("notifications.urls")),
    path("", include("councils.urls")),
    path("", include("advocacy.opportunities.urls")),
    path("", include("advocacy.proposals.urls")),
    path("pathways/", include("pathways.urls")),
    path("", include("home.urls")),
    # Wagtail's serve view, with the site and page found cheaply (content/routing.py);
    # named as Wagtail names it, so that addresses reverse (and translate) alike.
    re_path(WAGTAIL_SERVE_PATTERN, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
