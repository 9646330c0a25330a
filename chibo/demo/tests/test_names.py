import random
import unicodedata
from collections import Counter

from chibo.demo import names


def _names(ethnicity: str, count: int, *, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [names.person_name(rng, ethnicity=ethnicity, female=i % 3 == 0, birth_year=1940 + i % 65)
            for i in range(count)]


def test_it_weights_kinh_family_names_like_the_real_distribution():
    families = Counter(name.split(" ")[0] for name in _names(names.KINH, 20_000))
    assert 0.35 < families["Nguyễn"] / 20_000 < 0.42
    assert families["Trần"] > families["Lê"] > families["Phạm"] > families["Đặng"]
    assert families["Hoàng"] > families["Huỳnh"]  # northern provinces


def test_it_gives_hmong_names_hmong_family_names():
    hmong_families = {family for family, _ in names.HMONG_FAMILY}
    for name in _names(names.HMONG, 500):
        family, middle, given = name.split(" ")
        assert family in hmong_families
        assert given != middle


def test_it_gives_dao_tay_and_nung_their_own_family_names():
    assert {n.split(" ")[0] for n in _names(names.DAO, 300)} <= {f for f, _ in names.DAO_FAMILY}
    assert {n.split(" ")[0] for n in _names(names.TAY, 300)} <= {f for f, _ in names.TAY_FAMILY}
    assert {n.split(" ")[0] for n in _names(names.NUNG, 300)} <= {f for f, _ in names.NUNG_FAMILY}


def test_it_writes_every_name_in_nfc_with_three_words():
    for ethnicity in (names.KINH, names.TAY, names.NUNG, names.HMONG, names.DAO, names.MUONG, names.THAI):
        for name in _names(ethnicity, 400):
            assert unicodedata.is_normalized("NFC", name)
            assert len(name.split(" ")) == 3


def test_it_keeps_thi_for_women_of_the_older_generation_mostly():
    rng = random.Random(1)
    older = [names.person_name(rng, ethnicity=names.KINH, female=True, birth_year=1950) for _ in range(2000)]
    assert sum(n.split(" ")[1] == "Thị" for n in older) / 2000 > 0.7


def test_it_makes_distinct_place_names_and_numbers_them_when_combinations_run_out():
    rng = random.Random(3)
    places = names.place_names(rng, ("Nà", "Bản"), ("Mè", "Rụa"), 6)
    assert len(set(places)) == 6
    assert all(unicodedata.is_normalized("NFC", p) for p in places)


def test_it_makes_ten_digit_mobile_numbers():
    rng = random.Random(5)
    for _ in range(200):
        phone = names.phone_number(rng)
        assert len(phone) == 10 and phone.isdigit() and phone.startswith("0")
