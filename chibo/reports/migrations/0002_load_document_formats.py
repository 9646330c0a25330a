"""Load the format versions: HD 36-HD/VPTW (2018) in force, and the reported HD 05-HD/VPTW (2026) switched off.

The figures are written out here, not imported, so that this migration means the same thing
forever. Where they come from, and which are REPORTED or our own choice: docs/documents.md.
"""

from datetime import date

from django.db import migrations

HD36_LAYOUT = {
    "page": {"size": "A4"},
    # HD 36 gives ranges (REPORTED numbers, DOMAIN §10.1); we print at the lower bound of each,
    # which is also what the reported HD 05 practice uses (20/20/30/15 mm).
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "margin_ranges_mm": {"top": [20, 25], "bottom": [20, 25], "left": [30, 35], "right": [15, 20]},
    "font": {"family": "Times New Roman", "fallbacks": ["Liberation Serif", "serif"]},
    "sizes_pt": {
        "party_name": 15,  # UPPER 15 bold
        "superior": 14,  # UPPER 14 regular
        "issuer": 14,  # UPPER 14 bold
        "number": 14,  # 14 regular
        "place_date": 14,  # 14 italic
        "title": 15,  # UPPER 15–16 bold
        "summary": 14,  # 14–15 bold
        "body": 14,  # 14–15 regular
        "table": 13,  # not in DOMAIN: our choice
        "signature_authority": 14,  # UPPER 14 bold
        "signer_name": 14,  # 14 bold
        "recipients_label": 14,  # 14 underlined (REPORTED)
        "recipients": 12,  # 12
    },
    # Line spacing and indent are not given for HD 36 in DOMAIN: single spacing and a 10 mm
    # first-line indent are our choice (UNCONFIRMED).
    "paragraph": {"line_spacing_rule": "multiple", "line_spacing": 1.0, "first_line_indent_mm": 10,
                  "space_after_pt": 6},
    # Days below 10 and months 1–2 take a leading zero: "ngày 03 tháng 3", "ngày 05 tháng 02".
    "date_line": {"pad_day_below": 10, "pad_months": [1, 2]},
    # "Số 05-NQ/CB": from 01 for each document type within one committee term (REPORTED).
    "numbering": {"pattern": "Số {n:02d}-{type}/{issuer}", "restarts": "term"},
    "summary_rule": "-----",
    "signature_gap_lines": 4,
    # The right column (Party name, place-date line) gets 60%: at half the width a 14 pt italic
    # "Đông Tiến, ngày 21 tháng 11 năm 2026" wrapped in LibreOffice (seen when checking the .docx).
    "header_left_share": 0.4,
}

# DOMAIN §10.1 reports only margins, body size, exact line spacing and indent for HD 05;
# everything else is HD 36's until the text is seen.
HD05_LAYOUT = {
    **HD36_LAYOUT,
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "margin_ranges_mm": {"top": [20, 20], "bottom": [20, 20], "left": [30, 30], "right": [15, 15]},
    "sizes_pt": {**HD36_LAYOUT["sizes_pt"], "body": 14},
    "paragraph": {"line_spacing_rule": "exact", "line_spacing": 19, "first_line_indent_mm": 10,
                  "space_after_pt": 6},
}

FORMATS = [
    {
        "code": "HD 36-HD/VPTW",
        "title": "Hướng dẫn thể thức và kỹ thuật trình bày văn bản của Đảng",
        "issued_on": date(2018, 4, 3),
        "effective_from": date(2018, 4, 3),
        "effective_to": None,
        "status": "confirmed",
        "is_enabled": True,
        "source": "DOMAIN.md §10.1 (vpdangdoan.vinhuni.edu.vn; thuvienphapluat.vn Q&A; biquyetxaynha.com). "
                  "Margin ranges and the numbering rule are REPORTED.",
        "notes": "Margins printed at the lower bound of each range. Table size 13 pt, single line spacing and "
                 "10 mm first-line indent are chibo's choices: HD 36's figures for them were not available.",
        "layout": HD36_LAYOUT,
    },
    {
        "code": "HD 05-HD/VPTW",
        "title": "Hướng dẫn thể thức và kỹ thuật trình bày văn bản của Đảng (tên chưa xác minh)",
        "issued_on": date(2026, 5, 27),
        "effective_from": date(2026, 5, 27),
        "effective_to": None,
        "status": "reported",
        "is_enabled": False,
        "source": "DOMAIN.md §0.5 and §10.1: practitioner repositories only [REPORTED/UNCONFIRMED].",
        "notes": "Switched off until the text is seen. Reported: margins 20/20/30/15 mm, body 14 pt, exact line "
                 "spacing about 19 pt, 10 mm first-line indent, body ends with '.', last recipient 'Lưu Chi bộ.'. "
                 "All other figures are copied from HD 36. The effective date is assumed to be the issue date.",
        "layout": HD05_LAYOUT,
    },
]


def load(apps, schema_editor):
    DocumentFormat = apps.get_model("reports", "DocumentFormat")
    for row in FORMATS:
        DocumentFormat.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})


def unload(apps, schema_editor):
    apps.get_model("reports", "DocumentFormat").objects.filter(code__in=[row["code"] for row in FORMATS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_document_formats_and_numbers")]

    operations = [migrations.RunPython(load, unload)]
