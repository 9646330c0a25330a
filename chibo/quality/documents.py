"""Quality in Party documents: the report to the superior (báo cáo kết quả sinh hoạt chi bộ) from the
statistics, and a meeting's self-rating as the minutes and the resolution print it.

Built here as plain data (reports.documents.PartyDocument) and rendered by the reports app's
renderers: chibo imports python-docx and WeasyPrint in one place only (reports/documents).
"""

import re
import unicodedata
from datetime import date

from chibo.organizations.models import Organization
from chibo.quality.models import ItemScore, MeetingRating, RaterKind
from chibo.quality.scoring import UNRATED
from chibo.reports.documents import PartyDocument, QualityRating, RatingPart
from chibo.reports.documents.model import Column, Header, Heading, Paragraph, PlaceDate, Signature, Table
from chibo.reports.statistics import Period, Statistics, vn_percent

LEVEL_WORDS = {"tot": "Tốt", "kha": "Khá", "trung_binh": "Trung bình", "kem": "Kém", UNRATED: "Chưa đánh giá"}
ROMAN = ("I", "II", "III", "IV", "V")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def body_name(org: Organization) -> str:
    """Who issues: 'Đảng bộ phường Đông Tiến' → 'Đảng ủy phường Đông Tiến'; a cell issues as itself."""
    name = _nfc(org.name)
    return "Đảng ủy" + name[len("Đảng bộ"):] if name.startswith("Đảng bộ") else name


def place_name(org: Organization) -> str:
    """The địa danh of the date line: 'Đảng bộ phường Đông Tiến' → 'Đông Tiến' (else the name itself)."""
    match = re.search(r"(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+(.+)$", _nfc(org.name), re.IGNORECASE)
    return match.group(1) if match else _nfc(org.name)


def period_words(period: Period) -> str:
    (y1, m1), (y2, m2) = period.first, period.last
    if period.first == period.last:
        return f"tháng {m1} năm {y1}"
    if y1 == y2 and m1 == 1 and m2 == 12:
        return f"năm {y1}"
    if y1 == y2 and m1 % 3 == 1 and m2 == m1 + 2:
        return f"quý {(m1 + 2) // 3} năm {y1}"
    return f"từ tháng {m1}/{y1} đến tháng {m2}/{y2}"


def build_quality_report(stats: Statistics, *, flagged: list[tuple[str, list[str]]], issued_on: date) -> PartyDocument:
    """BÁO CÁO kết quả sinh hoạt chi bộ …: the METRICS.md figures, the units, the cells needing support.

    `flagged` is (cell name, reasons) for the cells the alert rules flag over the period.
    """
    org, totals = stats.org, stats.totals
    words = period_words(stats.period)
    body: list = [Heading(f"{ROMAN[0]}- TÌNH HÌNH CHUNG")]
    if not org.is_cell:
        body.append(Paragraph.of(f"Toàn đảng bộ có {totals.cells} chi bộ. Trong {words}, các chi bộ tổ chức "
                                 f"{totals.meetings} buổi sinh hoạt ({totals.regular} thường kỳ, {totals.thematic} "
                                 f"chuyên đề); {totals.missed_regular_meetings} lượt chi bộ không sinh hoạt thường kỳ "
                                 "trong tháng."))
    else:
        body.append(Paragraph.of(f"Trong {words}, chi bộ tổ chức {totals.meetings} buổi sinh hoạt ({totals.regular} "
                                 f"thường kỳ, {totals.thematic} chuyên đề); {totals.missed_regular_meetings} tháng "
                                 "không sinh hoạt thường kỳ."))
    body += [
        Paragraph.of(f"Tỷ lệ đảng viên dự sinh hoạt {vn_percent(totals.attendance_rate)}; "
                     f"{vn_percent(totals.share_attendance_ge_90)} số buổi có từ 90% đảng viên dự; "
                     f"{vn_percent(totals.share_over_half_spoke)} số buổi có trên một nửa số đảng viên dự họp phát "
                     f"biểu; ý kiến đề xuất phương hướng, giải pháp chiếm {vn_percent(totals.proposal_share)} số ý kiến."),
        Heading(f"{ROMAN[1]}- XẾP LOẠI CHẤT LƯỢNG SINH HOẠT"),
        Table(columns=(Column("Xếp loại", 2.4), Column("Số buổi", 1, "right"), Column("Tỷ lệ", 1, "right")),
              rows=tuple((LEVEL_WORDS[level], str(count), vn_percent(share)) for level, count, share in totals.level_rows)),
    ]
    if totals.disagreements:
        body.append(Paragraph.of(f"Có {totals.disagreements} buổi chi bộ tự xếp loại khác với kết quả đánh giá của "
                                 "cấp trên."))
    if stats.by_child:
        body += [
            Heading(f"{ROMAN[2]}- KẾT QUẢ CỦA CÁC ĐƠN VỊ TRỰC THUỘC"),
            Table(columns=(Column("Đơn vị", 3), Column("Số buổi", 1, "right"), Column("Tỷ lệ dự", 1.1, "right"),
                           Column("Trên nửa phát biểu", 1.3, "right"), Column("Tốt", 0.8, "right"),
                           Column("TB, Kém", 0.9, "right")),
                  rows=tuple((_nfc(child.name), str(t.meetings), vn_percent(t.attendance_rate),
                              vn_percent(t.share_over_half_spoke), str(t.levels.get("tot", 0)),
                              str(t.levels.get("trung_binh", 0) + t.levels.get("kem", 0)))
                             for child, t in stats.by_child)),
        ]
    body.append(Heading(f"{ROMAN[3 if stats.by_child else 2]}- CHI BỘ CẦN TẬP TRUNG HỖ TRỢ"))
    if flagged:
        for name, reasons in flagged:
            body.append(Paragraph.of(f"- {_nfc(name)}: {' '.join(reasons)}", indent=False, align="left"))
    else:
        body.append(Paragraph.of("Không có chi bộ nào thuộc diện cần hỗ trợ theo các tiêu chí cảnh báo."))
    superior = body_name(org.parent) if org.parent else ""
    return PartyDocument(
        header=Header(issuer=body_name(org).upper(), superior=_nfc(org.parent.name).upper() if org.parent else ""),
        place_date=PlaceDate(place_name(org), issued_on),
        title="BÁO CÁO",
        summary=f"kết quả sinh hoạt chi bộ {words}",
        body=tuple(body),
        signatures=(Signature((f"T/M {'CHI BỘ' if org.is_cell else 'ĐẢNG ỦY'}", "BÍ THƯ")),),
        recipients=tuple(r for r in (f"{superior} (báo cáo)" if superior else "",
                                     "Lưu Chi bộ" if org.is_cell else "Lưu Văn phòng") if r),
        file_title=f"Báo cáo kết quả sinh hoạt chi bộ {words} — {_nfc(org.name)}",
    )


def meeting_rating_input(meeting) -> QualityRating | None:
    """The cell's latest self-rating of `meeting` as the documents layer takes it (resolution part IV,
    the minutes): total, level as printed and the points of each criterion. None when not self-rated."""
    rating = (MeetingRating.objects.filter(meeting=meeting, rater_kind=RaterKind.SELF)
              .select_related("rubric").order_by("-created_at", "-id").first())
    if rating is None:
        return None
    points: dict[int, int] = {}
    for score in ItemScore.objects.filter(rating=rating).select_related("item"):
        points[score.item.criterion_id] = points.get(score.item.criterion_id, 0) + score.points
    parts = tuple(RatingPart(label=_nfc(c.name), points=points.get(c.pk, 0), max_points=c.max_points)
                  for c in rating.rubric.criteria.order_by("order"))
    return QualityRating(total=rating.total, level=LEVEL_WORDS[rating.level], parts=parts,
                         max_total=rating.rubric.total_points)
