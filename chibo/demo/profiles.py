"""The three demo shapes — commune, district, province — laid out with the generator's pieces.

Each profile returns a `DemoPlan` whose chunks are generated lazily. Unit names are
illustrative, in the spirit of shared/seeds (Hòa An in Cao Bằng, Thanh Hóa), not a record
of real units.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from chibo.demo import names
from chibo.demo.generator import (
    EARLIEST_AS_OF,
    MIX_CB_OFFICE,
    MIX_CB_TOWN,
    MIX_DAO,
    MIX_HMONG,
    MIX_NUNG,
    MIX_TAY,
    MIX_TH_HIGHLAND_OFFICE,
    MIX_TH_LOWLAND,
    MIX_TH_MUONG,
    MIX_TH_THAI,
    REFERENCE_DATE,
    REORGANISATION_DATE,
    CardIssuer,
    Chunk,
    DemoPlan,
    OrgSpec,
    UnitBuilder,
    allocate,
)
from chibo.demo.names import Weighted, weighted
from chibo.organizations.models import OrganizationKind, Sector


def _local_units(b: UnitBuilder, parent_code: str, place: str, *, word: str, subordinate: bool, office_mix: Weighted,
                 police: bool = True) -> None:
    """The cells every commune has besides its villages: schools, health station, police, military, agencies."""
    res = {"subordinate": subordinate}
    b.cell(parent_code, f"Chi bộ Trường Tiểu học {place}", Sector.EDUCATION, "school", office_mix, 14, (1975, 2005), **res)
    b.cell(parent_code, f"Chi bộ Trường THCS {place}", Sector.EDUCATION, "school", office_mix, 16, (1980, 2005), **res)
    b.cell(parent_code, f"Chi bộ Trạm Y tế {word} {place}", Sector.ADMINISTRATIVE, "health", office_mix, 7,
           (1985, 2005), **res)
    if police:
        b.cell(parent_code, f"Chi bộ Công an {word} {place}", Sector.ARMED_FORCES, "police", office_mix, 9,
               (2019, 2020), **res)
    b.cell(parent_code, f"Chi bộ Quân sự {word} {place}", Sector.ARMED_FORCES, "military", office_mix, 5,
           (2000, 2010), **res)
    b.cell(parent_code, f"Chi bộ Cơ quan {word} {place}", Sector.ADMINISTRATIVE, "office", office_mix, 18,
           (1990, 2010), **res)


# --- the commune profile -------------------------------------------------------------------------

CAO_BANG = ("04", "Đảng bộ tỉnh Cao Bằng", date(1930, 4, 1))
THANH_HOA = ("38", "Đảng bộ tỉnh Thanh Hóa", date(1930, 7, 29))


def _province(spec: tuple[str, str, date]) -> OrgSpec:
    code, name, founded = spec
    return OrgSpec(code=code, name=name, kind=OrganizationKind.PROVINCE, parent_code=None, valid_from=founded)


def _commune_plan(seed: int, as_of: date, scale: float) -> DemoPlan:
    """One commune in Cao Bằng formed on 1/7/2025: a former town's streets, Tày and Nùng hamlets, a Hmong hamlet."""
    province = _province(CAO_BANG)
    commune = OrgSpec(code="04.012", name="Đảng bộ xã Hòa An", kind=OrganizationKind.COMMUNE,
                      parent_code=province.code, valid_from=REORGANISATION_DATE)
    members = max(200, round(900 * scale))

    def chunks() -> Iterator[Chunk]:
        rng = random.Random(f"{seed}:{commune.code}")
        b = UnitBuilder(rng)
        c = commune.code
        for number in range(1, 5):
            b.cell(c, f"Chi bộ Tổ dân phố {number}", Sector.RESIDENTIAL, "town", MIX_CB_TOWN, 46, (1990, 2012))
        hmong = b.cell(c, "Chi bộ Xóm Lũng Phầy", Sector.RESIDENTIAL, "village", MIX_HMONG, 20, (1980, 1995))
        places = names.place_names(rng, names.TAY_PLACE_FIRST, names.TAY_PLACE_SECOND, 17, taken={"Lũng Phầy"})
        for index, place in enumerate(places):
            mix = MIX_DAO if index == 16 else (MIX_NUNG if index % 3 == 2 else MIX_TAY)
            b.cell(c, f"Chi bộ Xóm {place}", Sector.RESIDENTIAL, "village", mix, 28, (1955, 2000))
        b.cell(c, "Chi bộ Trường Mầm non Nước Hai", Sector.EDUCATION, "school", MIX_CB_OFFICE, 14, (1995, 2010))
        b.cell(c, "Chi bộ Trường Tiểu học Hồng Việt", Sector.EDUCATION, "school", MIX_CB_OFFICE, 18, (1980, 2005))
        b.cell(c, "Chi bộ Trường THCS Nước Hai", Sector.EDUCATION, "school", MIX_CB_OFFICE, 16, (1980, 2005))
        b.cell(c, "Chi bộ Trạm Y tế", Sector.ADMINISTRATIVE, "health", MIX_CB_OFFICE, 9, (1990, 2005))
        b.cell(c, "Chi bộ Công an xã", Sector.ARMED_FORCES, "police", MIX_CB_OFFICE, 15, (2019, 2020))
        b.cell(c, "Chi bộ Quân sự xã", Sector.ARMED_FORCES, "military", MIX_CB_OFFICE, 7, (2002, 2010))
        for name in ("Chi bộ Cơ quan Đảng, Mặt trận và các đoàn thể xã", "Chi bộ Cơ quan Ủy ban nhân dân xã"):
            b.cell(c, name, Sector.ADMINISTRATIVE, "office", MIX_CB_OFFICE, 25, (2025, 2025))
            b.cells[-1].valid_from = REORGANISATION_DATE  # agencies of the new commune
        assert hmong.code == "04.012.005"
        yield b.chunk(CardIssuer("04"), members, as_of, head=[province, commune])

    return DemoPlan(
        profile="commune", seed=seed, as_of=as_of, root_code=province.code, login_committee_code=commune.code,
        secretary_cell_codes=("04.012.001", "04.012.005"), expected_members=members, expected_cells=30,
        chunks=chunks(),
    )


# --- the district profile ------------------------------------------------------------------------

# Illustrative names in the spirit of seeds/004 (Hòa An, Cao Bằng); not a record of real units.
DISTRICT_OLD_COMMUNES = (
    "Hồng Việt", "Bế Triều", "Nam Tuấn", "Bình Long", "Đức Long", "Dân Chủ", "Đại Tiến", "Hoàng Tung",
    "Ngũ Lão", "Quang Trung", "Lê Chung", "Hà Trì", "Hồng Nam", "Đức Xuân", "Công Trừng",
)
DISTRICT_NEW_COMMUNES = ("Hòa An", "Bạch Đằng", "Nguyễn Huệ", "Trương Lương", "Hưng Đạo")
DISTRICT_POLICE_CELLS = (
    "Đội Tham mưu - Tổng hợp", "Đội An ninh", "Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
    "Đội Cảnh sát kinh tế - Ma túy", "Đội Cảnh sát giao thông - Trật tự", "Đội Cảnh sát quản lý hành chính",
    "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp", "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
)
DISTRICT_MILITARY_CELLS = ("Ban Chỉ huy", "Cơ quan Tham mưu", "Cơ quan Chính trị", "Cơ quan Hậu cần - Kỹ thuật",
                           "Trung đội Dân quân cơ động")
DISTRICT_AGENCY_CELLS: tuple[tuple[str, str, str, float], ...] = (
    ("Văn phòng Huyện ủy", Sector.ADMINISTRATIVE, "office", 18),
    ("Ủy ban Kiểm tra Huyện ủy", Sector.ADMINISTRATIVE, "office", 9),
    ("Các ban xây dựng Đảng Huyện ủy", Sector.ADMINISTRATIVE, "office", 16),
    ("Cơ quan Ủy ban nhân dân huyện", Sector.ADMINISTRATIVE, "office", 30),
    ("Phòng Tài chính - Kế hoạch", Sector.ADMINISTRATIVE, "office", 10),
    ("Phòng Nông nghiệp và Phát triển nông thôn", Sector.ADMINISTRATIVE, "office", 12),
    ("Phòng Giáo dục và Đào tạo", Sector.ADMINISTRATIVE, "office", 12),
    ("Cơ quan Mặt trận Tổ quốc và các đoàn thể huyện", Sector.ADMINISTRATIVE, "office", 16),
    ("Trung tâm Y tế huyện", Sector.ADMINISTRATIVE, "health", 40),
    ("Trường THPT Hòa An", Sector.EDUCATION, "school", 30),
    ("Trường THPT Cao Bình", Sector.EDUCATION, "school", 22),
    ("Trường Phổ thông Dân tộc nội trú huyện", Sector.EDUCATION, "school", 18),
    ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", Sector.EDUCATION, "school", 12),
    ("Viện Kiểm sát nhân dân huyện", Sector.ADMINISTRATIVE, "office", 10),
    ("Tòa án nhân dân huyện", Sector.ADMINISTRATIVE, "office", 10),
    ("Chi cục Thi hành án dân sự", Sector.ADMINISTRATIVE, "office", 8),
    ("Kho bạc Nhà nước Hòa An", Sector.ADMINISTRATIVE, "office", 8),
    ("Chi cục Thuế khu vực", Sector.ADMINISTRATIVE, "office", 12),
    ("Bảo hiểm xã hội huyện", Sector.ADMINISTRATIVE, "office", 9),
    ("Ngân hàng Chính sách xã hội huyện", Sector.STATE_ENTERPRISE, "office", 10),
    ("Điện lực Hòa An", Sector.STATE_ENTERPRISE, "enterprise", 20),
)
DISTRICT_SUBORDINATE_CELLS = 225


def _district_plan(seed: int, as_of: date, scale: float) -> DemoPlan:
    """The legacy shape of seeds/004: a district committee with 39 direct units and 225 cells below them.

    The district closed on 30/6/2025; on 1/7/2025 its units were moved under five new commune
    committees (organization_move), so the tree is today's and the history shows the reorganisation.
    """
    province = _province(CAO_BANG)
    district = OrgSpec(code="04.047", name="Đảng bộ huyện Hòa An", kind=OrganizationKind.DISTRICT,
                       parent_code=province.code, valid_to=REORGANISATION_DATE - timedelta(days=1))
    new_communes = [
        OrgSpec(code=f"04.{101 + i}", name=f"Đảng bộ xã {place}", kind=OrganizationKind.COMMUNE,
                parent_code=province.code, valid_from=REORGANISATION_DATE)
        for i, place in enumerate(DISTRICT_NEW_COMMUNES)
    ]
    top = random.Random(f"{seed}:{district.code}")
    # 15 old communes + the town + district police + district military = 18 grassroots committees.
    units = [("commune", place) for place in DISTRICT_OLD_COMMUNES]
    units.insert(0, ("town", "Nước Hai"))
    units += [("police", "Công an huyện"), ("military", "Quân sự huyện")]
    fixed = {"commune": 6, "town": 6, "police": len(DISTRICT_POLICE_CELLS), "military": len(DISTRICT_MILITARY_CELLS)}
    residential = DISTRICT_SUBORDINATE_CELLS - sum(fixed[kind] for kind, _ in units)
    streets = allocate(residential, [1.4 if kind == "town" else (top.uniform(0.7, 1.3) if kind == "commune" else 0)
                                     for kind, _ in units])
    members_total = max(400, round(6300 * scale))
    unit_weights: list[float] = [n * 28 + fixed[kind] * 12 for (kind, _), n in zip(units, streets, strict=True)]
    unit_weights += [w for *_, w in DISTRICT_AGENCY_CELLS]
    unit_members = allocate(members_total, unit_weights, minimum=20)
    # Where each unit went on 1/7/2025: the district seat takes the town, the agencies and two communes.
    seat = new_communes[0].code
    destinations = [seat, seat, seat] + [new_communes[1 + i % 4].code for i in range(13)] + [seat, seat]
    moves = [(f"{district.code}.{i + 1:03d}", dest) for i, dest in enumerate(destinations)]
    moves += [(f"{district.code}.{len(units) + i + 1:03d}", seat) for i in range(len(DISTRICT_AGENCY_CELLS))]
    assert len(moves) == 39

    def chunks() -> Iterator[Chunk]:
        cards = CardIssuer("04")
        yield Chunk(orgs=[province, district, *new_communes], members=[])
        taken = {"Lũng Phầy"}
        for index, ((kind, place), n_streets) in enumerate(zip(units, streets, strict=True)):
            code = f"{district.code}.{index + 1:03d}"
            b = UnitBuilder(random.Random(f"{seed}:{code}"))
            b.number_from(district.code, index)
            if kind == "police" or kind == "military":
                head = b.committee(district.code, f"Đảng bộ {place}", Sector.ARMED_FORCES, (1976, 1990))
                for name in DISTRICT_POLICE_CELLS if kind == "police" else DISTRICT_MILITARY_CELLS:
                    b.cell(code, f"Chi bộ {name}", Sector.ARMED_FORCES, kind, MIX_CB_OFFICE, 12, (1990, 2010),
                           subordinate=True)
            elif kind == "town":
                head = b.committee(district.code, f"Đảng bộ thị trấn {place}", "", (1976, 1990))
                for number in range(1, n_streets + 1):
                    b.cell(code, f"Chi bộ Tổ dân phố {number}", Sector.RESIDENTIAL, "town", MIX_CB_TOWN, 40,
                           (1990, 2012), subordinate=True)
                _local_units(b, code, place, word="thị trấn", subordinate=True, office_mix=MIX_CB_OFFICE)
            else:
                head = b.committee(district.code, f"Đảng bộ xã {place}", "", (1960, 1985))
                places = names.place_names(b.rng, names.TAY_PLACE_FIRST, names.TAY_PLACE_SECOND, n_streets,
                                           taken=taken)
                if place == "Hồng Việt":
                    places[0] = "Lũng Phầy"
                for i, hamlet in enumerate(places):
                    mix = MIX_HMONG if hamlet == "Lũng Phầy" else (
                        MIX_DAO if (index + i) % 11 == 5 else (MIX_NUNG if (index + i) % 3 == 2 else MIX_TAY))
                    b.cell(code, f"Chi bộ Xóm {hamlet}", Sector.RESIDENTIAL, "village", mix, 20 if mix is MIX_HMONG else 24,
                           (1955, 2000), subordinate=True)
                _local_units(b, code, place, word="xã", subordinate=True, office_mix=MIX_CB_OFFICE)
            assert head.code == code
            yield b.chunk(cards, unit_members[index], as_of)
        for offset, (name, sector, crowd, _w) in enumerate(DISTRICT_AGENCY_CELLS):
            index = len(units) + offset
            b = UnitBuilder(random.Random(f"{seed}:{district.code}.{index + 1:03d}"))
            b.number_from(district.code, index)
            b.cell(district.code, f"Chi bộ {name}", sector, crowd, MIX_CB_OFFICE, 1, (1976, 2010))
            yield b.chunk(cards, unit_members[index], as_of)

    hong_viet = units.index(("commune", "Hồng Việt")) + 1
    return DemoPlan(
        profile="district", seed=seed, as_of=as_of, root_code=province.code, login_committee_code=seat,
        secretary_cell_codes=(f"{district.code}.001.000.001", f"{district.code}.{hong_viet:03d}.000.001"),
        expected_members=members_total, expected_cells=DISTRICT_SUBORDINATE_CELLS + len(DISTRICT_AGENCY_CELLS),
        chunks=chunks(), moves=moves, closures=[district.code],
        reorganisation_decision="Quyết định của Ban Thường vụ Tỉnh ủy Cao Bằng về sắp xếp tổ chức đảng",
    )


# --- the province profile ------------------------------------------------------------------------

SCHOOL_GROUPS = ("Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Vật lý - Công nghệ", "Tổ Hóa - Sinh",
                 "Tổ Lịch sử - Địa lý - Giáo dục công dân", "Tổ Thể dục - Quốc phòng", "Tổ Văn phòng")
HOSPITAL_GROUPS = ("Khoa Khám bệnh", "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Nhi",
                   "Khoa Hồi sức cấp cứu", "Khoa Dược", "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh",
                   "Khoa Y học cổ truyền", "Khoa Kiểm soát bệnh tật", "Phòng Tổ chức - Hành chính",
                   "Phòng Kế hoạch - Tài chính")
ENTERPRISE_GROUPS = ("Văn phòng Công ty", "Phòng Kỹ thuật", "Phòng Kế toán - Tài vụ", "Phân xưởng 1", "Phân xưởng 2",
                     "Phân xưởng 3", "Đội Xe", "Xí nghiệp Cơ khí", "Phân xưởng Bảo dưỡng", "Ca sản xuất 1",
                     "Ca sản xuất 2")
POLICE_GROUPS = ("Đội Tổng hợp", "Đội Cảnh sát khu vực", "Đội An ninh", "Đội Cảnh sát trật tự",
                 "Đội Cảnh sát quản lý hành chính", "Đội Phòng cháy, chữa cháy")
COMPANIES = (
    ("Công ty TNHH MTV Thủy lợi", Sector.STATE_ENTERPRISE), ("Công ty Cổ phần Mía đường", Sector.PRIVATE_ENTERPRISE),
    ("Công ty TNHH Giày da", Sector.PRIVATE_ENTERPRISE), ("Công ty Cổ phần May", Sector.PRIVATE_ENTERPRISE),
    ("Công ty Cổ phần Xi măng", Sector.PRIVATE_ENTERPRISE), ("Công ty Cổ phần Cấp nước", Sector.STATE_ENTERPRISE),
)


def _grassroots_committee(b: UnitBuilder, parent_code: str, kind: str, place: str, n_cells: int,
                          mix: Weighted, serial: int) -> None:
    groups: tuple[str, ...]
    if kind == "school":
        head = b.committee(parent_code, f"Đảng bộ Trường THPT {place}" + (f" số {serial}" if serial > 1 else ""),
                           Sector.EDUCATION, (1965, 2005))
        groups, sector, crowd = SCHOOL_GROUPS, Sector.EDUCATION, "school"
    elif kind == "health":
        name = f"Trung tâm Y tế khu vực {place}" if serial == 1 else f"Bệnh viện Đa khoa {place}" + (
            f" số {serial - 1}" if serial > 2 else "")
        head = b.committee(parent_code, f"Đảng bộ {name}", Sector.ADMINISTRATIVE, (1970, 2000))
        groups, sector, crowd = HOSPITAL_GROUPS, Sector.ADMINISTRATIVE, "health"
    elif kind == "police":
        head = b.committee(parent_code, f"Đảng bộ Công an {place}", Sector.ARMED_FORCES, (2019, 2020))
        groups, sector, crowd = POLICE_GROUPS, Sector.ARMED_FORCES, "police"
    else:
        company, sector = COMPANIES[(serial - 1) % len(COMPANIES)]
        head = b.committee(parent_code, f"Đảng bộ {company} {place}", sector, (1990, 2015))
        groups, crowd = ENTERPRISE_GROUPS, "enterprise"
    for number in range(n_cells):
        name = f"Chi bộ {groups[number]}" if number < len(groups) else f"Chi bộ số {number + 1}"
        b.cell(head.code, name, sector, crowd, mix, 14, (1990, 2015), subordinate=True)


def _province_commune(b: UnitBuilder, code: str, place: str, *, ward: bool, highland: bool, n_cells: int) -> None:
    """A commune or ward of about 150 cells: streets or villages, local units, a few grassroots committees."""
    rng = b.rng
    word = "phường" if ward else "xã"
    office_mix = MIX_TH_HIGHLAND_OFFICE if highland else MIX_TH_LOWLAND
    schools = max(1, n_cells // 60)
    police_committee = n_cells >= 80
    fixed = 3 + 3 * schools + (0 if police_committee else 1) + 1
    committees = max(0, round(n_cells * 0.35 / 10)) if n_cells >= 40 else 0
    in_committees = allocate(round(n_cells * 0.35), [1.0] * committees, minimum=4) if committees else []
    residential = max(2, n_cells - fixed - sum(in_committees) - (len(POLICE_GROUPS) if police_committee else 0))
    if ward:
        for number in range(1, residential + 1):
            b.cell(code, f"Chi bộ Tổ dân phố {number}", Sector.RESIDENTIAL, "town", office_mix, 40, (1990, 2015))
    else:
        firsts, seconds = (names.THAI_PLACE_FIRST, names.THAI_PLACE_SECOND) if highland else (
            names.KINH_PLACE_FIRST, names.KINH_PLACE_SECOND)
        for village in names.place_names(rng, firsts, seconds, residential):
            if highland:
                mix = weighted(rng, (("thai", 45), ("muong", 40), ("hmong", 8), ("dao", 7)))
                cell_mix, word_v = {"thai": (MIX_TH_THAI, "Bản"), "muong": (MIX_TH_MUONG, "Thôn"),
                                    "hmong": (MIX_HMONG, "Bản"), "dao": (MIX_DAO, "Thôn")}[mix]
            else:
                cell_mix, word_v = MIX_TH_LOWLAND, "Thôn"
            b.cell(code, f"Chi bộ {word_v} {village}", Sector.RESIDENTIAL, "village", cell_mix, 24, (1955, 2005))
    for number in range(1, schools + 1):
        suffix = f" {number}" if schools > 1 else ""
        b.cell(code, f"Chi bộ Trường Mầm non {place}{suffix}", Sector.EDUCATION, "school", office_mix, 12, (1995, 2010))
        b.cell(code, f"Chi bộ Trường Tiểu học {place}{suffix}", Sector.EDUCATION, "school", office_mix, 15, (1975, 2005))
        b.cell(code, f"Chi bộ Trường THCS {place}{suffix}", Sector.EDUCATION, "school", office_mix, 16, (1980, 2005))
    b.cell(code, f"Chi bộ Trạm Y tế {word} {place}", Sector.ADMINISTRATIVE, "health", office_mix, 9, (1985, 2005))
    if not police_committee:
        b.cell(code, f"Chi bộ Công an {word} {place}", Sector.ARMED_FORCES, "police", office_mix, 15, (2019, 2020))
    b.cell(code, f"Chi bộ Quân sự {word} {place}", Sector.ARMED_FORCES, "military", office_mix, 7, (2000, 2010))
    for name in (f"Chi bộ Cơ quan Đảng, Mặt trận và các đoàn thể {word} {place}",
                 f"Chi bộ Cơ quan Ủy ban nhân dân {word} {place}"):
        b.cell(code, name, Sector.ADMINISTRATIVE, "office", office_mix, 25, (2025, 2025))
        b.cells[-1].valid_from = REORGANISATION_DATE
    if police_committee:
        _grassroots_committee(b, code, "police", f"{word} {place}", len(POLICE_GROUPS), office_mix, 1)
    kinds = ("school", "health", "enterprise")
    for index, n in enumerate(in_committees):
        # serial: the how-manieth school, health unit or company of this commune
        _grassroots_committee(b, code, kinds[index % 3], place, n, office_mix, index // 3 + 1)


def _province_plan(seed: int, as_of: date, scale: float) -> DemoPlan:
    """Benchmark size: about 100 commune committees, 15,000 cells and 370,000 members (at scale 1)."""
    province = _province(THANH_HOA)
    top = random.Random(f"{seed}:{province.code}")
    n_communes = max(2, round(100 * scale))
    cells = allocate(max(n_communes * 12, round(15_000 * scale)), [top.uniform(0.7, 1.3) for _ in range(n_communes)],
                     minimum=12)
    members = allocate(max(n_communes * 200, round(370_000 * scale)), [c * top.uniform(0.85, 1.15) for c in cells])
    taken: set[str] = set()
    lowland_names = names.place_names(top, names.KINH_PLACE_FIRST, names.KINH_PLACE_SECOND, n_communes, taken=taken)
    highland_names = names.place_names(top, names.THAI_PLACE_FIRST, names.THAI_PLACE_SECOND, n_communes, taken=taken)
    shapes = []
    for i in range(n_communes):
        ward = i > 0 and top.random() < 0.15  # the first commune (the demo logins') is a rural one
        highland = not ward and (i == 0 or top.random() < 0.25)
        place = highland_names[i] if highland else lowland_names[i]
        shapes.append((f"{province.code}.{i + 1:03d}", place, ward, highland))

    def chunks() -> Iterator[Chunk]:
        cards = CardIssuer(province.code)
        yield Chunk(orgs=[province], members=[])
        for (code, place, ward, highland), n_cells, n_members in zip(shapes, cells, members, strict=True):
            b = UnitBuilder(random.Random(f"{seed}:{code}"))
            commune = OrgSpec(code=code, name=f"Đảng bộ {'phường' if ward else 'xã'} {place}",
                              kind=OrganizationKind.COMMUNE, parent_code=province.code, valid_from=REORGANISATION_DATE)
            _province_commune(b, code, place, ward=ward, highland=highland, n_cells=n_cells)
            yield b.chunk(cards, n_members, as_of, head=[commune])

    first = shapes[0][0]
    return DemoPlan(
        profile="province", seed=seed, as_of=as_of, root_code=province.code, login_committee_code=first,
        secretary_cell_codes=(f"{first}.001", f"{first}.002"), expected_members=sum(members),
        expected_cells=sum(cells), chunks=chunks(),
    )


PROFILES = {"commune": _commune_plan, "district": _district_plan, "province": _province_plan}


def build_plan(profile: str, *, seed: int, as_of: date = REFERENCE_DATE, scale: float = 1.0) -> DemoPlan:
    """The demo data for `profile`, as a lazily generated stream of chunks."""
    if profile not in PROFILES:
        raise ValueError(profile)
    if scale <= 0:
        raise ValueError("scale must be positive")
    if as_of < EARLIEST_AS_OF:
        raise ValueError(f"as_of must be on or after {EARLIEST_AS_OF.isoformat()}")
    return PROFILES[profile](seed, as_of, scale)
