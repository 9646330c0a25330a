"""Load the procedure templates: HD 42 (2025) regular and thematic, HD 12 (2018) regular and thematic.

Source: shared/reference/DOMAIN.md §3.2, §3.4, §3.5. Evidence per step follows the tags there:
HD 42 preparation (luatvietnam.vn summary) is confirmed; the HD 42 conduct steps come from a
practitioner implementation and are only reported; the HD 12 (2018) thematic steps are quoted
from the text. The data is frozen here on purpose: a later change of guidance is a new procedure
with its own effective dates, never an edit of this one.
"""

from datetime import date

from django.db import migrations

C, R = "confirmed", "reported"
PREP, MEET, AFTER = "preparation", "meeting", "after"
OPENING, CONTENT, CLOSING = "Phần mở đầu", "Phần nội dung", "Phần kết thúc"

HD42_REGULAR_STEPS = [
    (PREP, "", "assign_preparation", C,
     "Bí thư phân công phó bí thư hoặc chi ủy viên chuẩn bị nội dung và dự thảo nghị quyết (nếu có)", ""),
    (PREP, "", "committee_meeting", C,
     "Chi ủy họp chuẩn bị (nơi không có chi ủy: bí thư, phó bí thư)",
     "Thống nhất nội dung; đánh giá kết quả lãnh đạo tháng trước; xác định nhiệm vụ tháng tới. "
     "Ghi biên bản họp chi ủy."),
    (PREP, "", "orientation", C,
     "Chọn vấn đề trọng tâm, định hướng thảo luận và biểu quyết",
     "Nhất là những vấn đề mới, phức tạp ở địa phương, đơn vị."),
    (PREP, "", "content_prepared", R,
     "Hoàn thành nội dung báo cáo, dự thảo nghị quyết hoặc kết luận", ""),
    (PREP, "", "notify", C,
     "Thông báo thời gian, địa điểm, nội dung đến đảng viên và cấp ủy viên cấp trên phụ trách chi bộ", ""),
    (PREP, "", "materials", C,
     "Đăng tài liệu lên Sổ tay đảng viên điện tử ít nhất 01 ngày trước buổi sinh hoạt", ""),
    (MEET, OPENING, "opening", R, "Nêu mục đích, yêu cầu; giới thiệu đại biểu cấp trên", ""),
    (MEET, OPENING, "appoint_secretary", R, "Cử thư ký", ""),
    (MEET, OPENING, "roll_call", R, "Điểm danh, báo cáo tình hình đảng viên",
     "Tổng số; chính thức, dự bị; được miễn; có mặt; vắng có lý do, vắng không lý do."),
    (MEET, OPENING, "fees", R, "Thông báo tình hình đóng đảng phí", ""),
    (MEET, OPENING, "agenda", R, "Thông qua chương trình", ""),
    (MEET, CONTENT, "report", R, "Trình bày báo cáo của chi ủy",
     "Kết quả thực hiện nghị quyết, nhiệm vụ tháng trước; việc thực hiện nhiệm vụ của đảng viên; thông tin "
     "thời sự; văn bản mới của cấp trên; định hướng vấn đề mới, phức tạp."),
    (MEET, CONTENT, "ideology", R, "Đánh giá tình hình tư tưởng đảng viên; tự phê bình và phê bình", ""),
    (MEET, CONTENT, "recognition", R, "Biểu dương đảng viên tiêu biểu; nhắc nhở, phê bình đảng viên",
     "Đảng viên chưa hoàn thành nhiệm vụ, chưa thực hiện cam kết tu dưỡng, rèn luyện hằng năm, hoặc có "
     "khuyết điểm chưa đến mức kỷ luật."),
    (MEET, CONTENT, "discussion", R, "Thảo luận", ""),
    (MEET, CONTENT, "personnel", R, "Công tác nhân sự, phát triển đảng viên (nếu có)", ""),
    (MEET, CLOSING, "conclusion", R, "Chủ trì tổng hợp ý kiến, kết luận, phân công nhiệm vụ có thời hạn",
     "Giải đáp hoặc chuyển kiến nghị của đảng viên."),
    (MEET, CLOSING, "vote_resolution", R, "Biểu quyết thông qua kết luận, nghị quyết", ""),
    (MEET, CLOSING, "rating", R, "Đánh giá chất lượng buổi sinh hoạt, ghi vào biên bản", ""),
    (MEET, CLOSING, "approve_minutes", R, "Thư ký đọc biên bản; chi bộ thông qua biên bản", ""),
    (MEET, CLOSING, "closing", R, "Bế mạc", ""),
    (AFTER, "", "publish", R,
     "Hoàn chỉnh nghị quyết, kết luận; đăng lên Sổ tay đảng viên điện tử trong 02 ngày; báo cáo cấp trên", ""),
]

HD42_THEMATIC_STEPS = [
    (PREP, "", "plan_topic", R, "Chọn chủ đề sinh hoạt chuyên đề trong kế hoạch năm hoặc quý", ""),
    (PREP, "", "assign_drafting", R, "Phân công đảng viên chuẩn bị dự thảo chuyên đề",
     "Bí thư hoặc chi ủy viên quán triệt mục đích, yêu cầu, phương pháp chuẩn bị."),
    (PREP, "", "committee_approval", R, "Chi ủy (bí thư) duyệt dự thảo chuyên đề", ""),
    (PREP, "", "notify", C,
     "Thông báo thời gian, địa điểm, nội dung đến đảng viên và cấp ủy viên cấp trên phụ trách chi bộ", ""),
    (PREP, "", "materials", C,
     "Gửi dự thảo chuyên đề đến đảng viên qua Sổ tay đảng viên điện tử ít nhất 01 ngày trước", ""),
    (MEET, OPENING, "opening", R, "Nêu mục đích, yêu cầu; giới thiệu đại biểu cấp trên", ""),
    (MEET, OPENING, "appoint_secretary", R, "Cử thư ký", ""),
    (MEET, OPENING, "roll_call", R, "Điểm danh, báo cáo tình hình đảng viên", ""),
    (MEET, CONTENT, "purpose", R, "Bí thư nêu mục đích, yêu cầu của chuyên đề", ""),
    (MEET, CONTENT, "presentation", R, "Đảng viên được phân công trình bày dự thảo chuyên đề", ""),
    (MEET, CONTENT, "discussion", R, "Thảo luận theo định hướng của bí thư",
     "Đảng viên nêu nhận thức, liên hệ bản thân, đơn vị và đóng góp ý kiến."),
    (MEET, CLOSING, "conclusion", R, "Bí thư đánh giá chất lượng, ý nghĩa của chuyên đề và kết luận", ""),
    (MEET, CLOSING, "approve_minutes", R, "Thư ký đọc biên bản; chi bộ thông qua biên bản", ""),
    (AFTER, "", "publish", R, "Hoàn chỉnh chuyên đề, đăng Sổ tay đảng viên điện tử, báo cáo cấp trên", ""),
]

HD12_REGULAR_STEPS = [
    (PREP, "", "assign_preparation", R, "Bí thư phân công chuẩn bị nội dung và dự thảo nghị quyết", ""),
    (PREP, "", "committee_meeting", R, "Chi ủy họp thống nhất nội dung buổi sinh hoạt", ""),
    (PREP, "", "notify", R, "Thông báo thời gian, địa điểm, nội dung đến đảng viên", ""),
    (MEET, OPENING, "opening", R, "Nêu mục đích, yêu cầu; giới thiệu đại biểu", ""),
    (MEET, OPENING, "appoint_secretary", R, "Cử thư ký", ""),
    (MEET, OPENING, "roll_call", R, "Điểm danh, báo cáo tình hình đảng viên", ""),
    (MEET, OPENING, "fees", R, "Thu và thông báo tình hình đóng đảng phí", ""),
    (MEET, OPENING, "agenda", R, "Thông qua chương trình", ""),
    (MEET, CONTENT, "report", R, "Trình bày báo cáo kết quả tháng trước và nhiệm vụ tháng tới", ""),
    (MEET, CONTENT, "discussion", R, "Thảo luận; tự phê bình và phê bình", ""),
    (MEET, CLOSING, "conclusion", R, "Chủ trì kết luận, phân công nhiệm vụ", ""),
    (MEET, CLOSING, "vote_resolution", R, "Biểu quyết thông qua nghị quyết", ""),
    (MEET, CLOSING, "approve_minutes", R, "Thông qua biên bản", ""),
    (MEET, CLOSING, "closing", R, "Bế mạc", ""),
]

HD12_THEMATIC_STEPS = [
    (PREP, "", "plan_topic", C, "Xác định chủ đề sinh hoạt chuyên đề từ đầu năm hoặc đầu quý", ""),
    (PREP, "", "assign_drafting", C, "Phân công đảng viên có hiểu biết, khả năng viết chuẩn bị dự thảo chuyên đề",
     "Bí thư hoặc chi ủy viên quán triệt mục đích, yêu cầu, phương pháp chuẩn bị."),
    (PREP, "", "committee_approval", C, "Chi ủy (bí thư) duyệt dự thảo", ""),
    (PREP, "", "materials", C, "Gửi dự thảo chuyên đề đến đảng viên trước buổi sinh hoạt", ""),
    (MEET, CONTENT, "purpose", C, "Bí thư nêu mục đích, yêu cầu", ""),
    (MEET, CONTENT, "presentation", C, "Đảng viên được phân công trình bày dự thảo chuyên đề", ""),
    (MEET, CONTENT, "discussion", C, "Bí thư định hướng thảo luận; đảng viên nêu nhận thức, liên hệ, góp ý", ""),
    (MEET, CLOSING, "conclusion", C, "Bí thư đánh giá chất lượng, ý nghĩa, tác dụng của chuyên đề và kết luận", ""),
    (AFTER, "", "publish", C, "Hoàn chỉnh chuyên đề, báo cáo cấp trên", ""),
]

HD42_SOURCE = ("Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương "
               "(thực hiện Chỉ thị 50-CT/TW ngày 23/7/2025)")
HD12_SOURCE = ("Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương "
               "“Một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ”")

PROCEDURES = [
    {
        "code": "hd42-2025-regular", "name": "HD 42-HD/BTCTW (28/10/2025) — sinh hoạt thường kỳ",
        "meeting_kind": "regular", "source_document": HD42_SOURCE,
        "effective_from": date(2025, 10, 28), "effective_to": None,
        "min_duration_minutes": 90, "combined_min_duration_minutes": 120, "materials_lead_days": 1,
        "note": "Chuẩn bị: theo bản tóm tắt HD 42 (luatvietnam.vn). Trình tự buổi sinh hoạt và việc đăng "
                "nghị quyết trong 02 ngày: theo bản triển khai HD 42 của cơ sở, cần đối chiếu văn bản gốc.",
        "steps": HD42_REGULAR_STEPS,
    },
    {
        "code": "hd42-2025-thematic", "name": "HD 42-HD/BTCTW (28/10/2025) — sinh hoạt chuyên đề",
        "meeting_kind": "thematic", "source_document": HD42_SOURCE,
        "effective_from": date(2025, 10, 28), "effective_to": None,
        "min_duration_minutes": 90, "combined_min_duration_minutes": 120, "materials_lead_days": 1,
        "note": "Ít nhất mỗi quý một lần; không thay sinh hoạt thường kỳ. Trình tự theo bản triển khai HD 42 "
                "của cơ sở, cần đối chiếu văn bản gốc.",
        "steps": HD42_THEMATIC_STEPS,
    },
    {
        "code": "hd12-2018-regular", "name": "HD 12-HD/BTCTW (06/7/2018) — sinh hoạt thường kỳ",
        "meeting_kind": "regular", "source_document": HD12_SOURCE,
        "effective_from": date(2018, 7, 6), "effective_to": date(2025, 10, 27),
        "min_duration_minutes": 90, "combined_min_duration_minutes": 120, "materials_lead_days": 0,
        "note": "Dùng cho các buổi sinh hoạt trước HD 42. Trình tự tổng hợp từ HD 09 (2012) và HD 12 (2018), "
                "cần đối chiếu văn bản gốc.",
        "steps": HD12_REGULAR_STEPS,
    },
    {
        "code": "hd12-2018-thematic", "name": "HD 12-HD/BTCTW (06/7/2018) — sinh hoạt chuyên đề",
        "meeting_kind": "thematic", "source_document": HD12_SOURCE,
        "effective_from": date(2018, 7, 6), "effective_to": date(2025, 10, 27),
        "min_duration_minutes": 90, "combined_min_duration_minutes": 120, "materials_lead_days": 0,
        "note": "Trình tự trích từ HD 12 (2018).",
        "steps": HD12_THEMATIC_STEPS,
    },
]


def load(apps, schema_editor):
    Procedure = apps.get_model("meetings", "Procedure")
    ProcedureStep = apps.get_model("meetings", "ProcedureStep")
    for data in PROCEDURES:
        fields = {k: v for k, v in data.items() if k != "steps"}
        procedure = Procedure.objects.create(**fields)
        ProcedureStep.objects.bulk_create([
            ProcedureStep(procedure=procedure, order=order, phase=phase, section=section, code=code,
                          evidence=evidence, title=title, description=description)
            for order, (phase, section, code, evidence, title, description) in enumerate(data["steps"], start=1)
        ])


def unload(apps, schema_editor):
    Procedure = apps.get_model("meetings", "Procedure")
    Procedure.objects.filter(code__in=[p["code"] for p in PROCEDURES]).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_meetings_procedures_records")]

    operations = [migrations.RunPython(load, unload)]
