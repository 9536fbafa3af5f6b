from django.http import HttpRequest, HttpResponse
from django.views import View


class Stub(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        return HttpResponse(status=501)
