"""Versioned format rules for Party documents, and the document-number counters.

The rules of HD 36-HD/VPTW (2018) are data with an effective range, not constants: the format
standard was reportedly replaced in 2026 (DOMAIN.md §0.5), and a document keeps the format of the
day it was issued.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chibo.reports.documents.layout import Layout, LayoutError


class SourceStatus(models.TextChoices):
    """How sure we are of the figures (DOMAIN.md status tags)."""

    CONFIRMED = "confirmed", _("Đã xác nhận")
    REPORTED = "reported", _("Chỉ có một nguồn (chưa đối chiếu văn bản gốc)")
    UNCONFIRMED = "unconfirmed", _("Chưa xác nhận")


class DocumentFormat(models.Model):
    """One version of the rules for laying out Party documents (thể thức văn bản của Đảng).

    `layout` holds the settings (paper, margins, font, sizes, spacing, numbering pattern, date-line
    padding) as JSON; chibo.reports.documents.layout.Layout validates it. `format_for(day)` picks
    the enabled version in force on a day; when ranges overlap, the latest `effective_from` wins.
    """

    code = models.CharField(_("số hiệu"), max_length=40, unique=True, help_text=_("Ví dụ: HD 36-HD/VPTW"))
    title = models.CharField(_("trích yếu"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    effective_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    source = models.TextField(_("nguồn"), help_text=_("Văn bản và trang đã dùng để lấy các thông số."))
    status = models.CharField(_("mức xác nhận"), max_length=15, choices=SourceStatus.choices)
    is_enabled = models.BooleanField(
        _("đang dùng"), default=True,
        help_text=_("Phiên bản tắt không được chọn khi in văn bản, kể cả trong thời gian áp dụng."),
    )
    layout = models.JSONField(_("thông số trình bày"))
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("thể thức văn bản")
        verbose_name_plural = _("thể thức văn bản")
        ordering = ["-effective_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="document_format_effective_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.issued_on:%d/%m/%Y})"

    def spec(self) -> Layout:
        """The validated layout, ready for the renderers."""
        return Layout.from_dict(self.layout, code=self.code)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        try:
            self.spec()
        except LayoutError as exc:
            errors["layout"] = exc.problems
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = _("Ngày kết thúc phải sau ngày bắt đầu áp dụng.")
        if errors:
            raise ValidationError(errors)


class DocumentNumber(models.Model):
    """The last number given to one document type of one issuer in one committee term.

    HD 36 §1.3.1(a) (REPORTED): numbers run from 01 for each type within a term, not per year.
    Only `document_number_next` writes `last_number`; the admin may set it once, for numbers
    issued on paper before the cell started using chibo.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức ban hành"), on_delete=models.PROTECT, related_name="+",
    )
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=10, help_text=_("CB, ĐU, UBKT, ĐH …"))
    doc_type = models.CharField(_("loại văn bản"), max_length=10, help_text=_("NQ, BB, BC, KH …"))
    term = models.CharField(_("nhiệm kỳ"), max_length=20, help_text=_("Ví dụ: 2025-2030"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering = ["organization", "term", "doc_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "issuer_code", "doc_type", "term"], name="document_number_unique_counter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}/{self.issuer_code} {self.term}: {self.last_number}"
