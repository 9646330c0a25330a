"""Work in progress: replaced by the real views."""

from django.http import Http404


def organization_search(request, **kwargs):
    raise Http404


def organization_detail(request, **kwargs):
    raise Http404


def organization_history(request, **kwargs):
    raise Http404


def organization_create(request, **kwargs):
    raise Http404


def organization_edit(request, **kwargs):
    raise Http404


def organization_move(request, **kwargs):
    raise Http404


def organization_merge(request, **kwargs):
    raise Http404


def organization_split(request, **kwargs):
    raise Http404
