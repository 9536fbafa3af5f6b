"""Placeholder for pages being built; removed when every route has its view."""

from django.http import HttpRequest, HttpResponse
from django.views import View


class Stub(View):
    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        return HttpResponse("not yet", status=501)
