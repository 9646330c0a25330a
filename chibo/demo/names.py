"""Names for the demo data: people by ethnicity, places, phone numbers.

Plain data and a few pure functions (no Django), so the generator stays testable without a
database. Weights are rough shares, not census figures: the point is that a list of 900 members
looks like a real roll (four in ten Kinh members are Nguyễn; a Hmong village is Vàng, Giàng,
Sùng, Lý, Thào…), not that it reproduces a statistic.
"""

import bisect
import functools
import itertools
import random
from collections.abc import Sequence

# Ethnicity as written in the "dân tộc" field (the official list spells the Hmong "Mông").
KINH = "Kinh"
TAY = "Tày"
NUNG = "Nùng"
HMONG = "Mông"
DAO = "Dao"
MUONG = "Mường"
THAI = "Thái"

Weighted = Sequence[tuple[str, float]]

# Northern spelling dominates in Cao Bằng and Thanh Hóa (Hoàng and Vũ rather than Huỳnh and Võ).
KINH_FAMILY: Weighted = (
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 4.6), ("Huỳnh", 0.5),
    ("Phan", 4.5), ("Vũ", 3.5), ("Võ", 0.4), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.9), ("Trịnh", 0.8), ("Đoàn", 0.7),
    ("Lương", 0.6), ("Mai", 0.6), ("Cao", 0.5), ("Tạ", 0.4), ("Lưu", 0.4), ("Hà", 0.6), ("Chu", 0.3),
    ("Kiều", 0.2), ("Quách", 0.2), ("Phùng", 0.3), ("Vương", 0.3), ("Trương", 0.6), ("Lại", 0.2),
    ("Đào", 0.5), ("Tô", 0.3), ("Thái", 0.2), ("Khuất", 0.1), ("Nghiêm", 0.1), ("Lâm", 0.2),
    ("Thân", 0.1), ("Đồng", 0.1), ("Triệu", 0.2), ("Nông", 0.1),
)

# Middle names change with the generation: Văn and Thị were near universal before the 1980s.
MALE_MIDDLE_OLD: Weighted = (
    ("Văn", 55), ("Đức", 8), ("Hữu", 6), ("Đình", 6), ("Xuân", 5), ("Quang", 4), ("Ngọc", 3),
    ("Minh", 3), ("Công", 3), ("Bá", 2), ("Trọng", 2), ("Thanh", 2), ("Duy", 1),
)
MALE_MIDDLE_YOUNG: Weighted = (
    ("Văn", 28), ("Đức", 8), ("Minh", 10), ("Quang", 6), ("Hữu", 4), ("Thanh", 5), ("Ngọc", 4),
    ("Duy", 5), ("Xuân", 3), ("Hoàng", 5), ("Anh", 4), ("Quốc", 5), ("Trung", 3), ("Công", 3),
    ("Mạnh", 3), ("Tiến", 2), ("Đình", 3), ("Tuấn", 2), ("Việt", 2),
)
FEMALE_MIDDLE_OLD: Weighted = (
    ("Thị", 80), ("Thu", 3), ("Thanh", 3), ("Ngọc", 3), ("Kim", 3), ("Bích", 2), ("Hồng", 3),
    ("Minh", 1), ("Xuân", 2),
)
FEMALE_MIDDLE_YOUNG: Weighted = (
    ("Thị", 45), ("Thu", 6), ("Thanh", 6), ("Ngọc", 6), ("Minh", 4), ("Hồng", 4), ("Phương", 5),
    ("Thùy", 5), ("Mai", 3), ("Diệu", 2), ("Khánh", 3), ("Hải", 3), ("Bảo", 2), ("Kim", 3), ("Lan", 3),
)

MALE_GIVEN = (
    "An", "Anh", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Dương", "Đạt", "Định", "Đông",
    "Đức", "Giang", "Hải", "Hậu", "Hiếu", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khánh", "Khoa",
    "Kiên", "Lâm", "Lộc", "Lợi", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phú", "Phúc",
    "Quân", "Quang", "Quý", "Sáng", "Sơn", "Tài", "Tâm", "Thái", "Thắng", "Thanh", "Thành", "Thiện",
    "Thịnh", "Thọ", "Toàn", "Trọng", "Trung", "Trường", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
)
MALE_GIVEN_YOUNG = ("Khải", "Khôi", "Đăng", "Bảo", "Nhật", "Hiển", "Phát", "Thuận", "Tiến", "Vĩnh")
FEMALE_GIVEN = (
    "An", "Anh", "Bích", "Chi", "Cúc", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Lý", "Mai", "Minh", "Nga",
    "Ngân", "Ngọc", "Nhàn", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thanh",
    "Thắm", "Thơm", "Thu", "Thúy", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Xuân", "Yến",
)
FEMALE_GIVEN_OLD = ("Đào", "Mận", "Lụa", "Gấm", "Nụ", "Tươi", "Sen", "Hợi", "Tý")
FEMALE_GIVEN_YOUNG = ("Ánh", "Diệp", "My", "Nhi", "Thư", "Trâm", "Vy", "Uyên", "Hân", "Ly")

# Tày and Nùng members in Cao Bằng mostly carry Vietnamese given names; the family names differ.
TAY_FAMILY: Weighted = (
    ("Hoàng", 15), ("Nông", 14), ("Bế", 9), ("Nguyễn", 8), ("Lương", 7), ("Đàm", 6), ("Lục", 6),
    ("Hà", 5), ("Triệu", 4), ("Ma", 3), ("Lăng", 3), ("Lâm", 3), ("Đinh", 3), ("Lưu", 3), ("Chu", 3),
    ("Hứa", 2), ("Mạc", 2), ("Vi", 2), ("Dương", 2),
)
NUNG_FAMILY: Weighted = (
    ("Hoàng", 16), ("Nông", 12), ("Lý", 10), ("Lương", 8), ("Lục", 7), ("Vi", 6), ("Chu", 5),
    ("Đinh", 4), ("Hà", 4), ("Mã", 4), ("Sầm", 3), ("Dương", 4), ("Nịnh", 3), ("Lăng", 3), ("Đàm", 3),
    ("Tô", 2), ("Ma", 2), ("Lã", 2),
)
LOCAL_MALE_MIDDLE: Weighted = (("Văn", 70), ("Đức", 8), ("Minh", 6), ("Thanh", 5), ("Quang", 5), ("Xuân", 4))
LOCAL_FEMALE_MIDDLE: Weighted = (("Thị", 82), ("Thu", 5), ("Hồng", 5), ("Thanh", 5), ("Ngọc", 3))

# Hmong names: family, then a generation or gender marker (Seo, A, Mí for men; Thị for women).
HMONG_FAMILY: Weighted = (
    ("Vàng", 18), ("Giàng", 16), ("Sùng", 12), ("Lý", 10), ("Thào", 10), ("Mùa", 7), ("Hầu", 5),
    ("Lầu", 5), ("Ly", 4), ("Hạng", 4), ("Vừ", 4), ("Tráng", 2), ("Cứ", 2), ("Hờ", 1),
)
HMONG_MALE_MIDDLE: Weighted = (("Seo", 30), ("A", 25), ("Văn", 25), ("Mí", 12), ("Chứ", 8))
HMONG_FEMALE_MIDDLE: Weighted = (("Thị", 90), ("Mí", 10))
HMONG_MALE_GIVEN = (
    "Chứ", "Pó", "Dính", "Páo", "Sính", "Chá", "Dìa", "Lử", "Pao", "Súng", "Tủa", "Sử", "Vư", "Dế",
    "Cở", "Phủ", "Lồng", "Sình", "Tếnh", "Nủ", "Lùng", "Xà", "Cháng", "Chù", "Pùa", "Seo", "Khai",
)
HMONG_FEMALE_GIVEN = (
    "Mỷ", "Dợ", "Pàng", "Sính", "Chá", "Mai", "Chía", "Sua", "Lìa", "Xá", "Pà", "Dung", "Súa", "Già",
    "Dở", "Mẩy", "Máy", "Lan", "Say",
)

DAO_FAMILY: Weighted = (
    ("Triệu", 22), ("Bàn", 18), ("Lý", 14), ("Đặng", 12), ("Phùng", 6), ("Chảo", 6), ("Tẩn", 6),
    ("Dương", 4), ("Hoàng", 4), ("Chu", 3),
)
DAO_MALE_MIDDLE: Weighted = (("Văn", 45), ("Tài", 25), ("Láo", 15), ("Phúc", 8), ("Kim", 7))
DAO_FEMALE_MIDDLE: Weighted = (("Thị", 60), ("Mý", 25), ("Mùi", 8), ("Mẩy", 7))
DAO_MALE_GIVEN = (
    "Vần", "Lai", "Lở", "Sử", "Chài", "Kiềm", "San", "Phin", "Sài", "Quẩy", "Chòi", "Chàn", "Tờ",
    "Liềm", "Phẩu", "Chiêu", "Hin", "Sinh", "Dào", "Phụ", "Quý", "Xuân", "Thắng", "Minh",
)
DAO_FEMALE_GIVEN = (
    "Mẩy", "Nải", "Chiêm", "Mùi", "Slao", "Sinh", "Xuân", "Nhất", "Mai", "Hoa", "Lan", "Phây", "Dung",
    "Kiều", "Chang", "Dào", "Lìn", "Liễu",
)

# Mường names look Kinh; the family names give them away.
MUONG_FAMILY: Weighted = (
    ("Bùi", 30), ("Đinh", 22), ("Quách", 10), ("Hà", 8), ("Phạm", 7), ("Cao", 5), ("Trương", 5),
    ("Nguyễn", 5), ("Xa", 3), ("Lê", 3), ("Bạch", 2),
)
THAI_FAMILY: Weighted = (
    ("Lò", 18), ("Lường", 14), ("Hà", 12), ("Vi", 10), ("Cầm", 8), ("Lộc", 6), ("Lữ", 6), ("Ngân", 6),
    ("Quàng", 5), ("Tòng", 5), ("Lương", 5), ("Sầm", 3), ("Điêu", 3), ("Bạc", 3),
)
THAI_MALE_GIVEN = (
    "Pọm", "Xuân", "Thoong", "Piêng", "Panh", "Xôm", "Bun", "Khăm", "Inh", "Chăn", "Thiêm", "Hùng",
    "Thanh", "Sơn", "Tâm", "Minh", "Đôi", "Ban", "Phăn", "Hương",
)
THAI_FEMALE_GIVEN = (
    "Ún", "Piêng", "Xôm", "Khăm", "Chăn", "Thiêm", "Ngọc", "Hoa", "Lan", "Bua", "Ơn", "Pâng", "Xuân",
    "Hương", "Mai", "Nhung", "Thơm", "Ính",
)


@functools.lru_cache(maxsize=512)
def _cumulative(options: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    return tuple(value for value, _ in options), tuple(itertools.accumulate(weight for _, weight in options))


def weighted(rng: random.Random, options: Weighted) -> str:
    """One value, drawn with probability proportional to its weight."""
    values, cumulative = _cumulative(tuple(options))
    return values[min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(values) - 1)]


def _kinh_given(rng: random.Random, female: bool, birth_year: int) -> str:
    if female:
        pool = FEMALE_GIVEN + (FEMALE_GIVEN_OLD if birth_year < 1965 else ()) + (
            FEMALE_GIVEN_YOUNG if birth_year >= 1985 else ())
    else:
        pool = MALE_GIVEN + (MALE_GIVEN_YOUNG if birth_year >= 1985 else ())
    return rng.choice(pool)


def person_name(rng: random.Random, *, ethnicity: str, female: bool, birth_year: int) -> str:
    """A full name (family, middle, given) that fits the ethnicity, gender and generation."""
    young = birth_year >= 1980
    if ethnicity == HMONG:
        family = weighted(rng, HMONG_FAMILY)
        middle = weighted(rng, HMONG_FEMALE_MIDDLE if female else HMONG_MALE_MIDDLE)
        given = rng.choice(HMONG_FEMALE_GIVEN if female else HMONG_MALE_GIVEN)
        while given == middle:
            given = rng.choice(HMONG_FEMALE_GIVEN if female else HMONG_MALE_GIVEN)
        return f"{family} {middle} {given}"
    if ethnicity == DAO:
        family = weighted(rng, DAO_FAMILY)
        middle = weighted(rng, DAO_FEMALE_MIDDLE if female else DAO_MALE_MIDDLE)
        given = rng.choice(DAO_FEMALE_GIVEN if female else DAO_MALE_GIVEN)
        return f"{family} {middle} {given}"
    if ethnicity == THAI:
        family = weighted(rng, THAI_FAMILY)
        middle = "Thị" if female else weighted(rng, LOCAL_MALE_MIDDLE)
        given = rng.choice(THAI_FEMALE_GIVEN if female else THAI_MALE_GIVEN)
        while given == middle:
            given = rng.choice(THAI_FEMALE_GIVEN if female else THAI_MALE_GIVEN)
        return f"{family} {middle} {given}"
    if ethnicity in (TAY, NUNG, MUONG):
        family = weighted(rng, {TAY: TAY_FAMILY, NUNG: NUNG_FAMILY, MUONG: MUONG_FAMILY}[ethnicity])
        middle = weighted(rng, LOCAL_FEMALE_MIDDLE if female else LOCAL_MALE_MIDDLE)
        given = _kinh_given(rng, female, birth_year)
        while given == middle:
            given = _kinh_given(rng, female, birth_year)
        return f"{family} {middle} {given}"
    family = weighted(rng, KINH_FAMILY)
    if female:
        middle = weighted(rng, FEMALE_MIDDLE_YOUNG if young else FEMALE_MIDDLE_OLD)
    else:
        middle = weighted(rng, MALE_MIDDLE_YOUNG if young else MALE_MIDDLE_OLD)
    given = _kinh_given(rng, female, birth_year)
    while given == middle:
        given = _kinh_given(rng, female, birth_year)
    return f"{family} {middle} {given}"


# --- places --------------------------------------------------------------------------------------

# Tày/Nùng place names in Cao Bằng: Nà (field), Bản (village), Pác (mouth of), Khuổi (stream), …
TAY_PLACE_FIRST = (
    "Nà", "Bản", "Pác", "Khuổi", "Cốc", "Bó", "Nặm", "Pò", "Phiêng", "Đông", "Kéo", "Khau", "Thôm",
    "Vằng", "Tổng", "Roỏng", "Lạn", "Cọn",
)
TAY_PLACE_SECOND = (
    "Mè", "Rụa", "Giang", "Thán", "Lứng", "Khoang", "Phia", "Tậu", "Rầy", "Luông", "Cạn", "Sang",
    "Pan", "Mạ", "Chang", "Pết", "Hoan", "Rào", "Sáy", "Lẹng", "Mòn", "Tông", "Khiếu", "Nưa", "Giàng",
)
# Hmong hamlets sit high up: Lũng (hollow), Phiêng (upland flat), Khau (pass), Sà (slope).
HMONG_PLACE_FIRST = ("Lũng", "Phiêng", "Khau", "Sà", "Lũng")
HMONG_PLACE_SECOND = ("Phầy", "Luông", "Súng", "Pán", "Chang", "Tấu", "Mần", "Pảng", "Cáng", "Vài", "Lìn")
# Sino-Vietnamese village names of the delta and the Thanh Hóa lowlands.
KINH_PLACE_FIRST = (
    "Yên", "Đông", "Tây", "Nam", "Bắc", "Phú", "Thọ", "Hòa", "Xuân", "Trung", "Thượng", "Hạ", "Quang",
    "Minh", "Hưng", "Phúc", "Tân", "Thành", "Vĩnh", "An", "Kim", "Ngọc", "Đại", "Cổ", "Văn", "Thiệu",
)
KINH_PLACE_SECOND = (
    "Lạc", "Phú", "Thọ", "Hòa", "Xuân", "Hưng", "Phúc", "Lộc", "Thịnh", "Khê", "Đoài", "Đông", "Trung",
    "Ninh", "Bình", "Yên", "Mỹ", "Sơn", "Lâm", "Châu", "Nội", "Ngoại", "Hậu", "Tiền", "Vinh", "Quý",
)
# Thái and Mường hamlets of western Thanh Hóa.
THAI_PLACE_FIRST = ("Na", "Chiềng", "Pù", "Hua", "Mường", "Xía", "Sa", "Khò", "Pá", "Co", "Hin", "Bá")
THAI_PLACE_SECOND = ("Tao", "Lằn", "Mòn", "Kham", "Xa", "Chà", "Lầm", "Nhài", "Púng", "Khoáng", "Mìn", "Bàng")


def place_names(rng: random.Random, firsts: Sequence[str], seconds: Sequence[str], count: int,
                *, taken: set[str] | None = None) -> list[str]:
    """`count` distinct two-syllable place names (numbered once the combinations run out)."""
    taken = set() if taken is None else taken
    combos = [f"{a} {b}" for a in firsts for b in seconds if a != b]
    rng.shuffle(combos)
    out: list[str] = []
    for name in combos:
        if len(out) == count:
            break
        if name not in taken:
            taken.add(name)
            out.append(name)
    number = 1
    while len(out) < count:
        name = f"{combos[number % len(combos)]} {number // len(combos) + 2}"
        number += 1
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


# --- phones --------------------------------------------------------------------------------------

# Mobile prefixes by carrier; Viettel has the widest coverage in the mountains.
PHONE_PREFIXES: Weighted = (
    ("032", 5), ("033", 5), ("034", 5), ("035", 5), ("036", 5), ("037", 5), ("038", 5), ("039", 5),
    ("086", 4), ("096", 6), ("097", 7), ("098", 7),
    ("081", 2), ("082", 2), ("083", 2), ("084", 2), ("085", 2), ("088", 2), ("091", 4), ("094", 3),
    ("070", 1), ("076", 1), ("077", 1), ("078", 1), ("079", 1), ("089", 1), ("090", 2), ("093", 2),
)


def phone_number(rng: random.Random) -> str:
    return weighted(rng, PHONE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
