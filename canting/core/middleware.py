from __future__ import annotations

from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware


class CantingLocaleMiddleware(LocaleMiddleware):
    """Signed-in users work in Indonesian unless they pick English with the switch; visitors get the language
    their browser asks for, so a foreign buyer opening a public page reads it in English."""

    def process_request(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
