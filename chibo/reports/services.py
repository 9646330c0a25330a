"""Writes of the document layer: issuing document numbers."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.organizations.models import Organization
from chibo.reports.documents.model import DocNumber
from chibo.reports.models import DocumentNumber

# Type codes are short Latin words that may carry Đ: NQ, BB, CTr, TTr, ĐA, QĐ.
CODE = re.compile(r"^[A-Za-zĐđ]{1,10}$")


@transaction.atomic
def document_number_next(
    *, organization: Organization, doc_type: str, term: str, issuer_code: str = "CB", issued_by=None,
) -> DocNumber:
    """Give the next number of `doc_type` for this issuer and term: 1, 2, 3 … restarting in a new term.

    The counter row is locked (SELECT … FOR UPDATE) for the rest of the caller's transaction, so two
    resolutions issued at the same moment never share a number. Call it in the same transaction that
    stores the issued document, so a failure after it gives the number back.
    """
    doc_type, issuer_code, term = text.clean(doc_type), text.clean(issuer_code), text.clean(term)
    if not CODE.match(doc_type) or not CODE.match(issuer_code):
        raise RuleViolation(_("Ký hiệu loại văn bản hoặc cơ quan ban hành không hợp lệ."))
    if not term or len(term) > 20:
        raise RuleViolation(_("Cần ghi nhiệm kỳ (tối đa 20 ký tự), ví dụ 2025-2030."))
    key = {"organization": organization, "issuer_code": issuer_code, "doc_type": doc_type, "term": term}
    counter = DocumentNumber.objects.select_for_update().filter(**key).first()
    if counter is None:
        try:
            # A savepoint: if another transaction created the row first, its unique constraint
            # stops us here and we lock and use that row instead.
            with transaction.atomic():
                counter = DocumentNumber.objects.create(**key)
        except IntegrityError:
            counter = DocumentNumber.objects.select_for_update().get(**key)
    counter.last_number += 1
    counter.save(update_fields=["last_number", "updated_at"])
    issued = DocNumber(n=counter.last_number, doc_type=doc_type, issuer=issuer_code)
    audit_record(actor=issued_by, action="document_number.issue", obj=counter,
                 summary=f"{issued.n:02d}-{doc_type}/{issuer_code} ({term})")
    return issued
