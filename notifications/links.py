"""Addresses in emails written by a background task, where no request says
which host the reader uses: the default site's root address (Wagtail's
Sites settings)."""

from __future__ import annotations

from wagtail.models import Site


def site_url(path: str, memo: dict | None = None) -> str:
    """`path` ("/opportunities/3/") as a full address on the default site."""
    if memo is not None and "site_root" in memo:
        root = memo["site_root"]
    else:
        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site is not None else ""
        if memo is not None:
            memo["site_root"] = root
    return root.rstrip("/") + path
