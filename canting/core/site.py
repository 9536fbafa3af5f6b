"""The site's public address, the one place every link that leaves the site is built from: QR codes on labels and
certificates, e-mails, shared links, canonical and sitemap addresses. Never the request's Host header."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str = "") -> str:
    """``path`` on the public site (``CANTING_SITE_URL``); the address itself, without a final slash, for no path."""
    if path.startswith(("http://", "https://")):
        return path  # object storage hands out absolute URLs already
    return str(settings.CANTING_SITE_URL).rstrip("/") + path
