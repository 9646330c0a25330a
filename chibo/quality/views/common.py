"""Helpers shared by the quality views: a refused rule becomes a form error, never a 500."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from chibo.organizations.models import Organization
from chibo.organizations.navigation import Crumb, organization_crumbs
from chibo.quality.models import Rubric


def apply_to_form(form: forms.Form | forms.BaseFormSet, action: Callable[[], Any]) -> bool:
    """Validate, then run the service; what it refuses is shown on the form (on its field when it names one)."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        target = form if isinstance(form, forms.Form) else None
        if hasattr(error, "error_dict") and target is not None:
            for field, errors in error.message_dict.items():
                target.add_error(field if field in target.fields else None, errors)
        elif target is not None:
            target.add_error(None, error.messages)
        else:
            form._non_form_errors = form.error_class(error.messages)  # type: ignore[union-attr]
        return False
    return True


def rubric_crumbs(user, org: Organization, rubric: Rubric | None = None, *extra: Crumb) -> list[Crumb]:
    crumbs = [Crumb(_("Thang điểm"), reverse("quality:rubric_list", args=[org.code]))]
    if rubric is not None:
        crumbs.append(Crumb(rubric.name, reverse("quality:rubric_detail", args=[org.code, rubric.pk])))
    return organization_crumbs(user, org, extra=[*crumbs, *extra])
