import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from chibo.core import text


def test_it_folds_vietnamese_for_accent_insensitive_search():
    assert text.fold("Nguyễn Văn Ánh") == "nguyen van anh"
    assert text.fold("ĐẶNG Thị Ðào") == "dang thi dao"


def test_it_stores_nfc_and_collapses_spaces():
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị\tHà ")
    assert text.clean(nfd) == "Nguyễn Thị Hà"
    assert unicodedata.is_normalized("NFC", text.clean(nfd))


def test_it_sorts_by_given_name_in_vietnamese_alphabet_order():
    names = ["Lê Đức", "Phạm Dũng", "Trần Thị An", "Nguyễn Văn Ánh", "Vũ Thị Ân", "Lò Thị Ăn", "Hoàng Văn Anh"]
    ordered = sorted(names, key=text.name_sort_key)
    assert ordered == ["Trần Thị An", "Hoàng Văn Anh", "Nguyễn Văn Ánh", "Lò Thị Ăn", "Vũ Thị Ân",
                       "Phạm Dũng", "Lê Đức"]


def test_it_breaks_given_name_ties_by_family_name():
    assert sorted(["Trần Văn An", "Lê Văn An"], key=text.name_sort_key) == ["Lê Văn An", "Trần Văn An"]


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặ ", min_size=1, max_size=30))
def test_sort_key_is_digits_only_and_nfd_invariant(name):
    key = text.name_sort_key(name)
    assert key.isdigit()
    assert key == text.name_sort_key(unicodedata.normalize("NFD", name))
