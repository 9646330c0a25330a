"""Turn one spreadsheet cell into a Python value, the way offices actually type them.

Each parser returns the value (None or "" for a blank cell) or raises CellError with a
Vietnamese message that names what was found, so that the report can say exactly what to fix.
"""

import re
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from chibo.core import text

# The earliest date any field may hold; a typo like 01/01/0197 should not pass as a date.
EARLIEST = date(1900, 1, 1)
# Excel serial numbers up to this one are dates (it is 2064); larger numbers are not.
_EXCEL_SERIAL_MAX = 60000

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
# A time after the date ("1970-05-01 00:00:00", "01/05/1970 0:00") is dropped.
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


# `label` is the column's name for messages: a lazy translation, turned into text only for an error
# (100,000 rows × 10 columns of gettext calls would otherwise cost seconds).


class CellError(ValueError):
    """A cell that cannot be read; the message is for the person who typed it."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """Any cell as clean NFC text; whole numbers lose the ".0" Excel gives them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return text.clean(str(value))


def parse_text(value: object, *, label: object, max_length: int) -> str:
    result = as_text(value)
    if len(result) > max_length:
        raise CellError(_("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length})
    return result


def parse_card(value: object, *, label: object) -> str:
    """Party card numbers: spaces typed inside are dropped ("01 000 001" is "01000001")."""
    result = as_text(value).replace(" ", "")
    if len(result) > 20:
        raise CellError(_("%(label)s dài quá 20 ký tự.") % {"label": label})
    return result


def parse_phone(value: object, *, label: object) -> str:
    # Excel turns 0912345678 typed into a number cell into 912345678: put the zero back.
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits
    result = as_text(value)
    if len(result) > 20:
        raise CellError(_("%(label)s dài quá 20 ký tự.") % {"label": label})
    return result


_GENDERS = {"nam": "male", "male": "male", "m": "male", "nu": "female", "female": "female", "f": "female"}


def parse_gender(value: object, *, label: object) -> str:
    if is_blank(value):
        return ""
    found = _GENDERS.get(text.fold(as_text(value)))
    if found is None:
        raise CellError(_("%(label)s phải là Nam hoặc Nữ, không phải “%(value)s”.") %
                        {"label": label, "value": as_text(value)})
    return found


def parse_date(value: object, *, label: object, today: date) -> date | None:
    """A date as Excel stores it, or typed as text: dd/mm/yyyy, d/m/yy, yyyy-mm-dd.

    Two-digit years take the century that keeps the date out of the future
    (on 2026-03-01, "05/06/26" is 2026 but "05/06/70" is 1970).
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, time):
        raise _bad_date(label, value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = _from_number(value, label=label)
    else:
        result = _from_text(text.clean(str(value)), label=label, today=today)
    if result < EARLIEST:
        raise _bad_date(label, value)
    return result


def _bad_date(label: object, value: object) -> CellError:
    return CellError(_("%(label)s “%(value)s” không phải là ngày hợp lệ (ghi theo ngày/tháng/năm, ví dụ 05/03/1970).")
                     % {"label": label, "value": as_text(value)})


def _from_number(value: int | float, *, label: object) -> date:
    if float(value).is_integer() and 1900 <= value <= 2100:
        raise CellError(_("%(label)s chỉ có năm (%(value)s); cần ghi đủ ngày/tháng/năm.")
                        % {"label": label, "value": int(value)})
    if not 1 <= value <= _EXCEL_SERIAL_MAX:
        raise _bad_date(label, value)
    converted = from_excel(value)
    return converted.date() if isinstance(converted, datetime) else converted


def _from_text(value: str, *, label: object, today: date) -> date:
    value = _TIME_SUFFIX.sub("", value).strip()
    if value.isdigit() and len(value) == 4:
        raise CellError(_("%(label)s chỉ có năm (%(value)s); cần ghi đủ ngày/tháng/năm.")
                        % {"label": label, "value": value})
    match = _YMD.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, label=label, raw=value)
    match = _DMY.match(value)
    if not match:
        raise _bad_date(label, value)
    day, month = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    if len(year_text) == 4:
        return _make(int(year_text), month, day, label=label, raw=value)
    for century in (2000, 1900):
        try:
            candidate = date(century + int(year_text), month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise _bad_date(label, value)


def _make(year: int, month: int, day: int, *, label: object, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _bad_date(label, raw) from None
