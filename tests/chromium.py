"""Debian's Chromium, as the browser tests and the page-weight benchmark start it
(Playwright cannot download a browser of its own here)."""

import os
import shutil

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """CHROMIUM_PATH if set (None if it does not exist), else `chromium` on the PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")
