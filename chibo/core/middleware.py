from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    """Ignore the browser's Accept-Language: chibo speaks Vietnamese unless the user picks English.

    Many secretaries' phones are set to English; they expect the Party's Vietnamese terms.
    The language switch in the top bar sets Django's language cookie, which LocaleMiddleware
    (placed right after this one) still honours.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
