"""Work in progress: replaced by the real views."""

from django.http import Http404


def member_list(request, **kwargs):
    raise Http404


def member_create(request, **kwargs):
    raise Http404


def member_detail(request, **kwargs):
    raise Http404


def member_edit(request, **kwargs):
    raise Http404


def member_transfer(request, **kwargs):
    raise Http404


def member_attach(request, **kwargs):
    raise Http404


def attachment_end(request, **kwargs):
    raise Http404


def member_exempt(request, **kwargs):
    raise Http404


def exemption_end(request, **kwargs):
    raise Http404


def member_exit(request, **kwargs):
    raise Http404


def position_assign(request, **kwargs):
    raise Http404


def position_end(request, **kwargs):
    raise Http404
