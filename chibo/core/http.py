from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from chibo.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request type of every view behind LoginRequiredMiddleware (all but login): user is a User."""

    user: User
    htmx: HtmxDetails
