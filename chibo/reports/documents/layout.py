"""The layout settings of one format version (HD 36-HD/VPTW, …), validated, without Django.

`DocumentFormat.layout` stores these settings as JSON; `Layout.from_dict` is the one validator
for that JSON (the model's clean(), the data migration's test and the renderers all go through it),
so a typo in the admin is a form error and never a broken document.

The figures themselves are data (see the data migration and docs/documents.md); nothing in this
module knows what HD 36 says.
"""

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

SIDES = ("top", "bottom", "left", "right")
SIZE_KEYS = (
    "party_name",  # ĐẢNG CỘNG SẢN VIỆT NAM
    "superior",  # ĐẢNG BỘ PHƯỜNG …
    "issuer",  # CHI BỘ …
    "number",  # Số 05-NQ/CB
    "place_date",  # Đông Tiến, ngày 03 tháng 3 năm 2026
    "title",  # NGHỊ QUYẾT
    "summary",  # trích yếu
    "body",
    "table",
    "signature_authority",  # T/M CHI BỘ / BÍ THƯ
    "signer_name",
    "recipients_label",  # Nơi nhận:
    "recipients",
)
NUMBER_FIELDS = {"n", "type", "issuer"}
LINE_RULES = ("multiple", "exact")
PAPER_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}


class LayoutError(ValueError):
    """The layout JSON is incomplete or out of range; `problems` lists every finding."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class Layout:
    """Everything a renderer needs to know about a format version. Lengths in mm, sizes in pt."""

    code: str
    paper: str
    page_width_mm: float
    page_height_mm: float
    margins: Margins
    margin_ranges: Mapping[str, tuple[float, float]]
    font_family: str
    fallback_fonts: tuple[str, ...]
    sizes: Mapping[str, float]
    line_spacing_rule: str  # "multiple" (× single) or "exact" (pt)
    line_spacing: float
    first_line_indent_mm: float
    space_after_pt: float
    number_pattern: str  # "Số {n:02d}-{type}/{issuer}"
    numbering_restarts: str  # "term": from 01 for each document type within one committee term
    date_pad_day_below: int  # days below this take a leading zero
    date_pad_months: tuple[int, ...]  # months that take a leading zero
    summary_rule: str  # the short rule printed under the summary, e.g. "-----"
    signature_gap_lines: int  # empty lines left for the handwritten signature
    header_left_share: float  # share of the text width given to the left header column

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margins.left - self.margins.right

    def size(self, key: str) -> float:
        return self.sizes[key]

    def number_text(self, n: int, doc_type: str, issuer: str) -> str:
        """'Số 05-NQ/CB' for n=5, doc_type='NQ', issuer='CB' under the HD 36 pattern."""
        return self.number_pattern.format(n=n, type=doc_type, issuer=issuer)

    def date_text(self, place: str, day: date) -> str:
        """'Đông Tiến, ngày 03 tháng 3 năm 2026': the place-date line, padded as the version says."""
        day_text = f"{day.day:02d}" if day.day < self.date_pad_day_below else str(day.day)
        month_text = f"{day.month:02d}" if day.month in self.date_pad_months else str(day.month)
        return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, code: str = "") -> "Layout":
        """Validate the stored JSON and return a Layout; raise LayoutError listing every problem."""
        reader = _Reader(data)
        paper = reader.get("page.size", str)
        width, height = PAPER_SIZES_MM.get(paper or "", (0.0, 0.0))
        if paper and paper not in PAPER_SIZES_MM:
            reader.problems.append(f"page.size: {paper!r} is not one of {', '.join(PAPER_SIZES_MM)}")
        margins = {side: reader.number(f"margins_mm.{side}", 0, 60) for side in SIDES}
        ranges: dict[str, tuple[float, float]] = {}
        for side in SIDES:
            low = reader.number(f"margin_ranges_mm.{side}.0", 0, 60)
            high = reader.number(f"margin_ranges_mm.{side}.1", 0, 60)
            ranges[side] = (low, high)
            if low > high:
                reader.problems.append(f"margin_ranges_mm.{side}: {low} > {high}")
            elif not low <= margins[side] <= high:
                reader.problems.append(f"margins_mm.{side}: {margins[side]} mm is outside {low}–{high} mm")
        sizes = {key: reader.number(f"sizes_pt.{key}", 6, 30) for key in SIZE_KEYS}
        rule = reader.get("paragraph.line_spacing_rule", str)
        if rule not in LINE_RULES:
            reader.problems.append(f"paragraph.line_spacing_rule: {rule!r} is not one of {', '.join(LINE_RULES)}")
        spacing = reader.number("paragraph.line_spacing", 0.5, 3) if rule == "multiple" else (
            reader.number("paragraph.line_spacing", 6, 40))
        pattern = reader.get("numbering.pattern", str) or ""
        _check_pattern(pattern, reader.problems)
        restarts = reader.get("numbering.restarts", str)
        if restarts != "term":
            reader.problems.append(f"numbering.restarts: {restarts!r} is not supported (only 'term')")
        pad_months = reader.get("date_line.pad_months", list) or []
        if not all(isinstance(m, int) and 1 <= m <= 12 for m in pad_months):
            reader.problems.append("date_line.pad_months: months must be whole numbers 1–12")
        fallbacks = reader.get("font.fallbacks", list) or []
        layout = cls(
            code=code,
            paper=paper or "",
            page_width_mm=width,
            page_height_mm=height,
            margins=Margins(**margins),
            margin_ranges=ranges,
            font_family=reader.get("font.family", str) or "",
            fallback_fonts=tuple(str(f) for f in fallbacks),
            sizes=sizes,
            line_spacing_rule=rule or "",
            line_spacing=spacing,
            first_line_indent_mm=reader.number("paragraph.first_line_indent_mm", 0, 30),
            space_after_pt=reader.number("paragraph.space_after_pt", 0, 24),
            number_pattern=pattern,
            numbering_restarts=restarts or "",
            date_pad_day_below=int(reader.number("date_line.pad_day_below", 1, 32)),
            date_pad_months=tuple(m for m in pad_months if isinstance(m, int)),
            summary_rule=reader.get("summary_rule", str) or "",
            signature_gap_lines=int(reader.number("signature_gap_lines", 0, 12)),
            header_left_share=reader.number("header_left_share", 0.3, 0.7),
        )
        if not layout.font_family.strip():
            reader.problems.append("font.family: empty")
        if reader.problems:
            raise LayoutError(reader.problems)
        return layout


class _Reader:
    """Reads dotted paths from nested JSON and collects problems instead of stopping at the first."""

    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        self.problems: list[str] = []

    def get(self, path: str, kind: type | tuple[type, ...]) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if isinstance(value, Mapping) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                self.problems.append(f"{path}: missing")
                return None
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            expected = "number" if isinstance(kind, tuple) else kind.__name__
            self.problems.append(f"{path}: expected {expected}, got {type(value).__name__}")
            return None
        return value

    def number(self, path: str, low: float, high: float) -> float:
        value = self.get(path, (int, float))
        if value is None:
            return 0.0
        if not low <= value <= high:
            self.problems.append(f"{path}: {value} is outside {low}–{high}")
        return float(value)


_FIELD = re.compile(r"^[a-z]+$")


def _check_pattern(pattern: str, problems: list[str]) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        problems.append(f"numbering.pattern: {exc}")
        return
    if not fields >= {"n", "type"} or not fields <= NUMBER_FIELDS or not all(_FIELD.match(f) for f in fields):
        problems.append("numbering.pattern: must use {n} and {type}, and may use {issuer}; nothing else")
        return
    try:
        pattern.format(n=5, type="NQ", issuer="CB")
    except (ValueError, KeyError, IndexError) as exc:
        problems.append(f"numbering.pattern: {exc}")
