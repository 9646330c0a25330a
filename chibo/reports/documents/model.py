"""A Party document as plain data: what it says, not how it looks.

Builders (builders.py) produce a PartyDocument; renderers (docx.py, pdf.py) lay it out with the
settings of one format version (layout.py). The number and the place-date line are kept as
values, not text, because their spelling ("Số 05-NQ/CB", "ngày 03 tháng 3") belongs to the format
version, which may change while the document stays the same.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"

Align = Literal["justify", "left", "center", "right"]


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Heading:
    """'I- ĐÁNH GIÁ …' (level 1, bold), '1. …' (level 2, bold), 'a) …' (level 3, italic).

    The numbering is part of the text: Party documents number by hand ("I-", "1.", "a)", "-"),
    and plain text survives editing in Word or LibreOffice better than list numbering.
    """

    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: first-line indented and justified unless told otherwise."""

    kind: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]
    indent: bool = True
    align: Align = "justify"

    @classmethod
    def of(cls, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True,
           align: Align = "justify") -> "Paragraph":
        return cls(runs=(Run(text, bold=bold, italic=italic),), indent=indent, align=align)

    @classmethod
    def labelled(cls, label: str, text: str) -> "Paragraph":
        """'Địa điểm: Nhà văn hóa' with the label in bold."""
        return cls(runs=(Run(label, bold=True), Run(text)))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0  # relative to the other columns
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """A simple grid with a bold header row, e.g. attendance counts or the sign-in sheet."""

    kind: ClassVar[str] = "table"
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    row_height_mm: float | None = None  # a minimum, e.g. room for a signature

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} cells for {len(self.columns)} columns")


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Header:
    """The header block: issuing bodies on the left (an asterisk under them), the Party's name on the right."""

    issuer: str  # "CHI BỘ KHU PHỐ 1" (upper case, as printed)
    superior: str = ""  # "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN"
    party_name: str = PARTY_NAME


@dataclass(frozen=True)
class DocNumber:
    """A document number as values; the format version spells it ('Số 05-NQ/CB')."""

    n: int
    doc_type: str  # NQ, BB, …
    issuer: str = "CB"


@dataclass(frozen=True)
class PlaceDate:
    place: str  # địa danh: "Đông Tiến"
    day: date


@dataclass(frozen=True)
class Signature:
    """'T/M CHI BỘ' / 'BÍ THƯ' over the signer's name; one or two lines of authority."""

    authority: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class PartyDocument:
    """One document in the Party's format, ready for any renderer."""

    header: Header
    title: str  # "NGHỊ QUYẾT"
    summary: str = ""  # trích yếu: "sinh hoạt chi bộ tháng 3 năm 2026"
    number: DocNumber | None = None
    place_date: PlaceDate | None = None
    body: tuple[Block, ...] = ()
    # One signature sits at the right (with "Nơi nhận" at the left); two sit side by side
    # (minutes: the secretary at the left, the chair at the right).
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()  # without punctuation; renderers end lines with "," and the last with "."
    recipients_label: str = "Nơi nhận:"
    file_title: str = field(default="")  # the document's title in its file properties

    def __post_init__(self) -> None:
        if len(self.signatures) > 2:
            raise ValueError("a Party document has at most two signature blocks")
        if len(self.signatures) == 2 and self.recipients:
            raise ValueError("two signature blocks leave no room for 'Nơi nhận'")

    @property
    def display_title(self) -> str:
        return self.file_title or " ".join(part for part in (self.title, self.summary) if part)


def recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """'- Đảng ủy phường Đông Tiến,' … '- Lưu Chi bộ.': the punctuation of a 'Nơi nhận' list."""
    lines = [f"- {item.rstrip(',.;')}" for item in recipients]
    return [line + ("." if i == len(lines) - 1 else ",") for i, line in enumerate(lines)]
