"""Reading cells and headers as offices type them (no database)."""

from datetime import date, datetime, time

import pytest

from chibo.organizations.imports.members import MATCHER
from chibo.organizations.imports.reading import find_header, header_key, is_numbering_row
from chibo.organizations.imports.testing import nfd
from chibo.organizations.imports.values import CellError, parse_card, parse_date, parse_gender, parse_phone

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize("value,expected", [
    (datetime(1970, 5, 1, 0, 0), date(1970, 5, 1)),
    (date(1970, 5, 1), date(1970, 5, 1)),
    ("01/05/1970", date(1970, 5, 1)),
    (" 1/5/1970 ", date(1970, 5, 1)),
    ("1-5-1970", date(1970, 5, 1)),
    ("01.05.1970", date(1970, 5, 1)),
    ("1970-05-01", date(1970, 5, 1)),
    ("1970-05-01 00:00:00", date(1970, 5, 1)),
    ("1970-05-01T00:00", date(1970, 5, 1)),
    ("5/6/70", date(1970, 6, 5)),  # two digits: 2070 is in the future, so 1970
    ("5/6/25", date(2025, 6, 5)),
    ("1/3/26", date(2026, 3, 1)),  # today itself is not the future
    ("2/3/26", date(1926, 3, 2)),  # tomorrow would be: the century before
    (25569, date(1970, 1, 1)),  # an Excel serial number in a cell not formatted as a date
    (25569.0, date(1970, 1, 1)),
    (None, None),
    ("  ", None),
])
def test_dates_are_read_as_offices_type_them(value, expected):
    assert parse_date(value, label="Ngày sinh", today=TODAY) == expected


@pytest.mark.parametrize("value,message", [
    ("31/02/1980", "Ngày sinh “31/02/1980” không phải là ngày hợp lệ"),
    ("12/25/1980", "Ngày sinh “12/25/1980” không phải là ngày hợp lệ"),
    ("ngày 5 tháng 3", "không phải là ngày hợp lệ"),
    ("01/01/1899", "không phải là ngày hợp lệ"),
    (1980, "Ngày sinh chỉ có năm (1980); cần ghi đủ ngày/tháng/năm."),
    ("1980", "Ngày sinh chỉ có năm (1980); cần ghi đủ ngày/tháng/năm."),
    (10_000_000, "không phải là ngày hợp lệ"),
    (time(10, 30), "không phải là ngày hợp lệ"),
])
def test_bad_dates_say_what_was_found(value, message):
    with pytest.raises(CellError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(value, label="Ngày sinh", today=TODAY)


def test_cards_phones_and_genders():
    assert parse_card(" 01 000 001 ", label="Số thẻ") == "01000001"
    assert parse_card(1000001.0, label="Số thẻ") == "1000001"
    assert parse_phone(912345678, label="Điện thoại") == "0912345678"  # Excel dropped the leading zero
    assert parse_phone("0912 345 678", label="Điện thoại") == "0912 345 678"
    assert [parse_gender(v, label="Giới tính") for v in ("Nam", nfd("NỮ"), " nữ ", "", None)] == [
        "male", "female", "female", "", ""]
    with pytest.raises(CellError):
        parse_card("1" * 21, label="Số thẻ")


@pytest.mark.parametrize("label,field", [
    ("Họ và tên", "full_name"), ("HỌ TÊN", "full_name"), (nfd("Họ và tên đảng viên"), "full_name"),
    ("Họ  và\ntên", "full_name"), ("Ngày sinh (dd/mm/yyyy)", "birth_date"), ("Ngày vào Đảng", "admission_date"),
    ("Ngày kết nạp", "admission_date"), ("Ngày chính thức", "official_date"),
    ("Ngày công nhận chính thức", "official_date"), ("Số thẻ", "card_number"), ("Số thẻ ĐV", "card_number"),
    ("Số thẻ đảng viên", "card_number"), ("Dân tộc", "ethnicity"), ("Tôn giáo", "religion"), ("Giới tính", "gender"),
    ("Số điện thoại", "phone"), ("Điện thoại", "phone"), ("Chi bộ", "cell"), ("STT", None), ("Ghi chú", None),
])
def test_header_variants_are_recognised(label, field):
    assert MATCHER.field_for(label) == field


def test_header_keys_ignore_accents_case_spaces_and_notes():
    assert header_key(" Họ  và TÊN (đảng viên) ") == "hovaten"
    assert header_key("Số thẻ ĐV") == "sothedv"


def test_the_header_is_the_row_naming_the_most_columns():
    head = [
        (1, ("ĐẢNG BỘ PHƯỜNG", None, "CỘNG SẢN VIỆT NAM")),
        (2, ("Họ và tên: ghi đủ",)),
        (3, ()),
        (4, ("STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Quê quán")),
        (5, (1, "Nguyễn Văn An", "01/01/1970", "01000001", "Nghệ An")),
    ]
    found = find_header(head, MATCHER)
    assert found is not None
    header, consumed = found
    assert (header.row, consumed, header.unknown) == (4, 4, ["Quê quán"])
    assert header.positions == {"full_name": 1, "birth_date": 2, "card_number": 3}


def test_the_numbering_row_under_a_header_is_recognised():
    assert is_numbering_row(("(1)", "(2)", "(3)", "(4)"))
    assert is_numbering_row((1, 2, 3, None, 5))
    assert not is_numbering_row((1, "Nguyễn Văn An", "01/01/1970"))
