"""Load the default reasons a cell needs support (issue 4; DOMAIN §3.3 for the Charter's removal trigger).

Thresholds are parameters, not code: a committee changes them in the admin without a release.
"""

from django.db import migrations

RULES = [
    ("missed-regular-meeting", "missed_regular_meeting", "Không sinh hoạt thường kỳ trong tháng", {},
     "Điều lệ Đảng, Điều 24: chi bộ họp thường lệ mỗi tháng một lần"),
    ("attendance-below-90-two-months", "low_attendance", "Tỷ lệ dự sinh hoạt dưới 90% hai tháng liền",
     {"below_percent": 90, "months": 2}, "HD 42: tỷ lệ dự từ 90% đạt điểm tối đa"),
    ("absent-without-reason", "absent_without_reason", "Có đảng viên vắng không lý do", {"times": 1},
     "HD 12 (2018): không có đảng viên vắng không lý do"),
    ("absent-three-in-a-row", "absent_in_a_row", "Có đảng viên vắng 3 buổi liên tiếp", {"meetings": 3},
     "HD 12 (2018): không vắng có lý do quá 3 lần liên tiếp trong năm"),
    ("absent-three-months-a-year", "absent_months_in_year",
     "Có đảng viên vắng không lý do 3 tháng trong năm (xem xét xóa tên)", {"months": 3},
     "Điều lệ Đảng, Điều 8(1)"),
    ("speaking-at-most-30-three-months", "low_speaking_share", "Tỷ lệ phát biểu từ 30% trở xuống ba tháng liền",
     {"at_most_percent": 30, "months": 3}, "HD 42: tỷ lệ phát biểu dưới 30% được 2/5 điểm"),
    ("level-trung-binh-or-kem", "low_level", "Buổi sinh hoạt xếp loại Trung bình hoặc Kém",
     {"levels": ["trung_binh", "kem"]}, "HD 42: bốn mức xếp loại"),
    ("followup-below-50", "low_followup", "Nhiệm vụ của nghị quyết kỳ trước hoàn thành dưới 50%",
     {"below_percent": 50}, "HD 42: kết quả thực hiện nghị quyết kỳ trước dưới 50% được 10/30 điểm"),
]


def load(apps, schema_editor):
    AlertRule = apps.get_model("quality", "AlertRule")
    AlertRule.objects.bulk_create([
        AlertRule(code=code, kind=kind, name=name, params=params, source_document=source, order=order)
        for order, (code, kind, name, params, source) in enumerate(RULES, start=1)
    ])


def unload(apps, schema_editor):
    apps.get_model("quality", "AlertRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0002_load_rubrics")]
    operations = [migrations.RunPython(load, unload)]
