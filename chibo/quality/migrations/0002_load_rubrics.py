"""Load the central rubrics: HD 42 (2025), seven criteria, 100 points; and the HD 12 (2018) frame for older meetings.

Source: shared/reference/DOMAIN.md §4.1–4.2. The HD 42 frame and its bands are REPORTED (two ward-level
implementations, Cẩm Lệ and An Phú, agree on the frame); criterion 4 takes An Phú's chairing items (4b)
so that it makes the 40 points of the frame. HD 12 (2018) set five criteria without points: the points
here are chibo's default conversion (UNCONFIRMED), for committees to clone and adapt. The data is frozen
here on purpose: a change of guidance is a new rubric with its own dates, never an edit of this one.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

M = "manual"
INF = None


def band(lower, upper, points, *, lower_open=False, upper_closed=False):
    return {"lower": Decimal(str(lower)), "upper": None if upper is None else Decimal(str(upper)), "points": points,
            "lower_open": lower_open, "upper_closed": upper_closed}


def item(code, name, points, source=M, bands=(), params=None):
    return {"code": code, "name": name, "max_points": points, "source": source, "bands": list(bands),
            "params": params or {}}


HD42_DURATION = [band(0, 0, 5, upper_closed=True), band(0, 15, 4, lower_open=True, upper_closed=True),
                 band(15, 30, 3, lower_open=True, upper_closed=True), band(30, 45, 2, lower_open=True, upper_closed=True),
                 band(45, INF, 1, lower_open=True)]
HD42_ATTENDANCE = [band(90, 100, 4, upper_closed=True), band(75, 90, 3), band(65, 75, 2), band(0, 65, 1)]
HD42_SPEAKING = [band(50, 100, 5, lower_open=True, upper_closed=True), band(40, 50, 4, upper_closed=True),
                 band(30, 40, 3), band(0, 30, 2)]
HD42_FOLLOWUP = [band(90, 100, 30, upper_closed=True), band(80, 90, 27), band(70, 80, 24), band(60, 70, 20),
                 band(50, 60, 15), band(0, 50, 10)]

HD42_CRITERIA = [
    ("time", "Chấp hành thời gian, thời lượng sinh hoạt", 5, [
        item("duration", "Thời lượng so với tối thiểu (90 phút; 120 phút khi ghép chuyên đề): đủ 5; thiếu đến 15 phút 4; "
             "15–30 phút 3; khoảng một nửa 2; dưới một nửa 1", 5, "duration_shortfall", HD42_DURATION),
    ]),
    ("attendance", "Tỷ lệ đảng viên dự sinh hoạt", 5, [
        item("attendance_band", "Tỷ lệ dự: từ 90% 4 điểm; 75–dưới 90% 3; 65–dưới 75% 2; dưới 65% hoặc có đảng viên "
             "vắng không lý do 1", 4, "attendance_rate", HD42_ATTENDANCE, {"absent_cap": 1}),
        item("excused_streak", "Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm", 1, "no_excused_streak",
             params={"streak_limit": 3}),
    ]),
    ("preparation", "Công tác chuẩn bị", 10, [
        item("content", "Nội dung đúng, đủ, có trọng tâm", 3),
        item("orientation", "Định hướng thảo luận; dự thảo kết luận, nghị quyết", 2),
        item("committee_meeting", "Chi ủy họp chuẩn bị, có biên bản (chi bộ chỉ có bí thư: đạt tối đa)", 2),
        item("notify", "Thông báo đến đảng viên và cấp ủy viên cấp trên phụ trách", 1),
        item("materials", "Tài liệu đăng Sổ tay đảng viên điện tử ít nhất 01 ngày trước", 2, "materials_on_time",
             params={"lead_days": 1}),
    ]),
    ("conduct", "Tổ chức sinh hoạt", 40, [
        item("steps", "Thực hiện đầy đủ các bước theo Mục II.2.2 HD 42", 5),
        item("regular_content", "Nội dung thường kỳ theo Mục II.3.1: tập trung tư tưởng, nhiệm vụ chính trị, nhiệm vụ "
             "tháng tới khả thi", 10),
        item("thematic_content", "Nội dung chuyên đề theo Mục II.3.2 (khi có)", 5),
        item("recognition", "Biểu dương, nhắc nhở, phê bình đảng viên", 2),
        item("speaking_share", "Tỷ lệ đảng viên dự họp phát biểu: trên 50% 5 điểm; 40–50% 4; 30–dưới 40% 3; "
             "dưới 30% 2", 5, "speaking_share", HD42_SPEAKING),
        item("minutes_book", "Ghi sổ biên bản đầy đủ", 1),
        item("ideology_time", "Dành 15–30 phút cho tư tưởng, tự phê bình và phê bình", 1),
        item("materials_posted", "Tài liệu sinh hoạt có trên Sổ tay đảng viên điện tử", 1),
        item("facilitation", "Bí thư điều hành linh hoạt", 2),
        item("chair_orientation", "Bí thư định hướng, kể cả vấn đề mới", 4),
        item("democracy", "Không khí dân chủ", 3),
        item("synthesis", "Tổng hợp được ý kiến thành kết luận", 1),
    ]),
    ("principles", "Thực hiện nguyên tắc tổ chức, sinh hoạt đảng", 5, [
        item("democratic_centralism", "Tập trung dân chủ", 1),
        item("self_criticism", "Tự phê bình và phê bình thẳng thắn, không né tránh", 2),
        item("character", "Tính lãnh đạo, giáo dục, chiến đấu", 1),
        item("informs_members", "Bí thư thông tin cho đảng viên, giải quyết kiến nghị", 1),
    ]),
    ("results", "Kết quả lãnh đạo thực hiện kết luận, nghị quyết kỳ trước", 30, [
        item("followup", "Nhiệm vụ kỳ trước hoàn thành: 90–100% 30 điểm; 80–dưới 90% 27; 70–dưới 80% 24; "
             "60–dưới 70% 20; 50–dưới 60% 15; dưới 50% 10", 30, "followup_done_share", HD42_FOLLOWUP),
    ]),
    ("closing", "Kết thúc sinh hoạt", 5, [
        item("conclusion", "Chủ trì kết luận, thông qua kết luận hoặc nghị quyết", 2),
        item("minutes_approved", "Đọc và thông qua biên bản, phân công nhiệm vụ", 2, "minutes_approved"),
        item("published", "Văn bản hoàn chỉnh đăng Sổ tay đảng viên điện tử trong 02 ngày", 1, "documents_on_time",
             params={"within_days": 2}),
    ]),
]

HD12_ATTENDANCE = [band(85, 100, 12, lower_open=True, upper_closed=True), band(75, 85, 8, lower_open=True, upper_closed=True),
                   band(65, 75, 4, lower_open=True, upper_closed=True), band(0, 65, 0, upper_closed=True)]
HD12_SPEAKING = [band(50, 100, 8, lower_open=True, upper_closed=True), band(40, 50, 6, upper_closed=True),
                 band(30, 40, 4), band(0, 30, 2)]
HD12_DURATION = [band(0, 0, 8, upper_closed=True), band(0, 15, 6, lower_open=True, upper_closed=True),
                 band(15, 30, 4, lower_open=True, upper_closed=True), band(30, 45, 2, lower_open=True, upper_closed=True),
                 band(45, INF, 0, lower_open=True)]
HD12_FOLLOWUP = [band(90, 100, 15, upper_closed=True), band(70, 90, 12), band(50, 70, 8), band(0, 50, 4)]

HD12_CRITERIA = [
    ("attendance", "Tỷ lệ đảng viên dự sinh hoạt", 20, [
        item("attendance_band", "Trên 85% đảng viên dự sinh hoạt (không tính đảng viên được miễn, làm nhiệm vụ đặc biệt)",
             12, "attendance_rate", HD12_ATTENDANCE),
        item("no_unexcused", "Không có đảng viên vắng không lý do", 4, "no_absent_without_reason"),
        item("excused_streak", "Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm", 4, "no_excused_streak",
             params={"streak_limit": 3}),
    ]),
    ("preparation", "Công tác chuẩn bị", 20, [
        item("secretary_prepares", "Bí thư hoặc phó bí thư trực tiếp chuẩn bị", 5),
        item("committee_meeting", "Chi ủy họp trước (nơi không có chi ủy: bí thư, phó bí thư)", 5),
        item("content", "Nội dung đúng, đủ theo hướng dẫn của cấp trên, có trọng tâm", 5),
        item("draft_resolution", "Có dự thảo nghị quyết", 5),
    ]),
    ("conduct", "Tổ chức sinh hoạt", 30, [
        item("order", "Đúng giờ, đúng trình tự, đủ nội dung", 6),
        item("recognition", "Biểu dương, nhắc nhở, phê bình đảng viên", 4),
        item("speaking_share", "Nhiều đảng viên phát biểu", 8, "speaking_share", HD12_SPEAKING),
        item("duration", "Thời lượng ít nhất 90 phút", 8, "duration_shortfall", HD12_DURATION),
        item("minutes_book", "Sổ biên bản ghi đầy đủ", 4),
    ]),
    ("principles", "Chấp hành nguyên tắc tổ chức, sinh hoạt đảng", 15, [
        item("democratic_centralism", "Tập trung dân chủ", 5),
        item("self_criticism", "Tự phê bình và phê bình", 5),
        item("character", "Tính lãnh đạo, giáo dục, chiến đấu", 5),
    ]),
    ("results", "Kết quả lãnh đạo thực hiện kết luận, nghị quyết của chi bộ", 15, [
        item("followup", "Nhiệm vụ kỳ trước hoàn thành", 15, "followup_done_share", HD12_FOLLOWUP),
    ]),
]

RUBRICS = [
    {
        "code": "hd42-2025", "name": "HD 42-HD/BTCTW (2025) — khung 7 tiêu chí, 100 điểm",
        "source_document": "Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương, Mục II",
        "effective_from": date(2025, 10, 28), "effective_to": None,
        "note": "REPORTED: khung 7 tiêu chí và tổng 100 điểm theo hai bản triển khai của đảng ủy phường (Cẩm Lệ, "
                "Đà Nẵng; An Phú) dẫn “khung tiêu chí tại Mục II Hướng dẫn 42”; cần đối chiếu văn bản gốc. Các khoảng "
                "điểm của tỷ lệ dự, tỷ lệ phát biểu và kết quả nghị quyết kỳ trước theo bản của An Phú; tiêu chí 4 gồm "
                "cả phần điều hành của bí thư (4b An Phú) để đủ 40 điểm. Điều kiện “Tốt phải đạt tối đa về thời lượng, "
                "tỷ lệ dự và tỷ lệ phát biểu” theo Sổ tay điện tử Đảng ủy khối Bình Thuận.",
        "criteria": HD42_CRITERIA,
        "gates": [("tot", "Xếp loại Tốt phải đạt điểm tối đa về thời lượng, tỷ lệ dự sinh hoạt và tỷ lệ phát biểu",
                   ["duration", "attendance_band", "excused_streak", "speaking_share"])],
    },
    {
        "code": "hd12-2018", "name": "HD 12-HD/BTCTW (2018) — 5 tiêu chí khung, quy đổi 100 điểm",
        "source_document": "Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương",
        "effective_from": date(2018, 7, 6), "effective_to": date(2025, 10, 27),
        "note": "CONFIRMED: năm tiêu chí khung của HD 12 (2018) và bốn mức Tốt ≥ 90, Khá 70–dưới 90, Trung bình "
                "50–dưới 70, Kém dưới 50. UNCONFIRMED: HD 12 không cho điểm từng tiêu chí; số điểm ở đây là bản quy "
                "đổi mặc định của chibo để chấm các buổi sinh hoạt trước HD 42 — cấp ủy nên sao chép và điều chỉnh "
                "theo thang điểm của địa phương.",
        "criteria": HD12_CRITERIA,
        "gates": [("tot", "Xếp loại Tốt phải đạt điểm tối đa về tỷ lệ dự, thời lượng, tỷ lệ phát biểu và biên bản",
                   ["attendance_band", "no_unexcused", "excused_streak", "duration", "speaking_share",
                    "minutes_book"])],
    },
]


def load(apps, schema_editor):
    Rubric = apps.get_model("quality", "Rubric")
    Criterion = apps.get_model("quality", "Criterion")
    CriterionItem = apps.get_model("quality", "CriterionItem")
    Band = apps.get_model("quality", "Band")
    Gate = apps.get_model("quality", "Gate")
    for data in RUBRICS:
        rubric = Rubric.objects.create(
            code=data["code"], name=data["name"], source_document=data["source_document"],
            effective_from=data["effective_from"], effective_to=data["effective_to"], note=data["note"],
            status="published", total_points=100, tot_min=90, kha_min=70, trung_binh_min=50,
        )
        for c_order, (code, name, points, items) in enumerate(data["criteria"], start=1):
            criterion = Criterion.objects.create(rubric=rubric, order=c_order, code=code, name=name, max_points=points)
            for i_order, spec in enumerate(items, start=1):
                row = CriterionItem.objects.create(
                    criterion=criterion, order=i_order, code=spec["code"], name=spec["name"],
                    max_points=spec["max_points"], source=spec["source"], params=spec["params"],
                )
                Band.objects.bulk_create([Band(item=row, **b) for b in spec["bands"]])
        for level, name, codes in data["gates"]:
            Gate.objects.create(rubric=rubric, level=level, name=name, item_codes=codes)


def unload(apps, schema_editor):
    Rubric = apps.get_model("quality", "Rubric")
    Rubric.objects.filter(code__in=[r["code"] for r in RUBRICS], owner__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_rubrics_ratings_alerts")]
    operations = [migrations.RunPython(load, unload)]
