"""A short-lived cache of public pages for visitors (no login), so the public pages stay fast under load.

Every change a visitor could see bumps a version number, and cached pages of older versions are no longer used.
With the per-process memory cache of a laptop install, another worker may serve the old page until its entry
expires (CACHE_SECONDS); with a shared cache (CACHE_URL, e.g. Redis) every worker sees the change at once.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "showcase:version"
# How long a count of public records is kept (``cached_count``). Every change a visitor could see starts the counts
# over, as it does the pages, so this only bounds how long a change made around the services (the admin) goes
# unseen.
COUNT_SECONDS = 600
# Headers that describe the page itself and must come back with it; cookies and per-request headers never do.
KEPT_HEADERS = {"content-type", "content-language", "vary", "x-robots-tag", "cache-control", "link"}


def version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1


def bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_count(queryset: QuerySet[Any], key: str) -> int:
    """How many rows ``queryset`` holds, counted once for ``key`` (what decides the rows, e.g. a list's search and
    filters) and kept until anything public changes. Kept whether or not pages are cached (SHOWCASE_CACHE_SECONDS):
    the count is exact until the version moves on, and a page that missed the cache still skips counting."""
    name = f"showcase:{version()}:count:{hashlib.sha256(key.encode()).hexdigest()}"
    count = cache.get(name)
    if count is None:
        count = queryset.count()
        cache.set(name, count, COUNT_SECONDS)
    return int(count)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET page for visitors who are not signed in; signed-in users always get a fresh page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.SHOWCASE_CACHE_SECONDS
        if request.method != "GET" or request.user.is_authenticated or seconds <= 0:
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"showcase:{version()}:{get_language()}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies:
            kept = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
            cache.set(key, (response.content, kept), seconds)
        return response

    return wrapped
