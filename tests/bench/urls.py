"""The site's URLs plus the baseline view every page figure is divided by."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def baseline_view(request):
    """A minimal Django view: the same middleware and server, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline_view, name="bench_baseline"), *site_urlpatterns]
