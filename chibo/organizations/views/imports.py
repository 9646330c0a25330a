"""Work in progress: replaced by the real views."""

from django.http import Http404


def import_template(request, **kwargs):
    raise Http404


def import_upload(request, **kwargs):
    raise Http404


def import_detail(request, **kwargs):
    raise Http404


def import_status(request, **kwargs):
    raise Http404


def import_confirm(request, **kwargs):
    raise Http404


def import_errors(request, **kwargs):
    raise Http404
