"""Breadcrumbs through the organization tree: ancestors the user may open are links, the rest text."""

from dataclasses import dataclass

from django.urls import reverse

from chibo.accounts.access import user_scope
from chibo.organizations.models import Organization
from chibo.organizations.selectors import organization_ancestors


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None


def organization_crumbs(user, org: Organization, *, extra: list[Crumb] | None = None,
                        link_last: bool | None = None) -> list[Crumb]:
    """Crumbs from the root down to `org`, then any `extra` crumbs (e.g. the member list, a member).

    The last crumb is not a link unless `link_last` says so (it defaults to True when extras follow).
    """
    scope = user_scope(user)
    chain = [*organization_ancestors(org), org]
    crumbs = []
    for node in chain:
        visible = scope.reads(node) or node.pk in scope.own_cell_ids
        url = reverse("organizations:organization_detail", args=[node.code]) if visible else None
        crumbs.append(Crumb(node.name, url))
    if extra:
        crumbs.extend(extra)
    if crumbs and not (link_last if link_last is not None else False):
        last = crumbs[-1]
        crumbs[-1] = Crumb(last.label, None)
    return crumbs
