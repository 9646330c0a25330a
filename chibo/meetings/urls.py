"""URLs of cell meetings. Paths are Vietnamese; names are English; every id goes through access.py."""

from django.urls import path

from chibo.meetings.views import calendar, documents, liaisons, mine, planning, record, run

app_name = "meetings"
urlpatterns = [
    # --- calendar and planning (views/calendar.py) ---
    path("to-chuc/<str:code>/sinh-hoat/", calendar.meeting_calendar, name="meeting_calendar"),
    path("to-chuc/<str:code>/sinh-hoat/them/", calendar.meeting_create, name="meeting_create"),
    path("to-chuc/<str:code>/sinh-hoat/ke-hoach-nam/", calendar.meetings_plan_year, name="meetings_plan_year"),
    path("to-chuc/<str:code>/sinh-hoat/nhap-lai/", calendar.meeting_enter_past, name="meeting_enter_past"),
    # --- the superior committee's member in charge of a cell (views/liaisons.py) ---
    path("to-chuc/<str:code>/phu-trach/", liaisons.cell_liaisons, name="cell_liaisons"),
    path("phu-trach/<int:liaison_id>/ket-thuc/", liaisons.liaison_end, name="liaison_end"),
    # --- one meeting before it starts (views/planning.py) ---
    path("sinh-hoat/<int:meeting_id>/", planning.meeting_detail, name="meeting_detail"),
    path("sinh-hoat/<int:meeting_id>/sua/", planning.meeting_edit, name="meeting_edit"),
    path("sinh-hoat/<int:meeting_id>/xoa/", planning.meeting_delete, name="meeting_delete"),
    path("sinh-hoat/<int:meeting_id>/thong-bao/", planning.meeting_notify, name="meeting_notify"),
    path("sinh-hoat/<int:meeting_id>/chuan-bi/", planning.preparation, name="preparation"),
    path("sinh-hoat/<int:meeting_id>/buoc/<int:step_id>/", planning.step_check, name="step_check"),
    path("sinh-hoat/<int:meeting_id>/tai-lieu/them/", planning.material_add, name="material_add"),
    path("sinh-hoat/<int:meeting_id>/tai-lieu/gui/", planning.materials_release, name="materials_release"),
    path("tai-lieu/<int:material_id>/", planning.material_view, name="material_view"),
    path("tai-lieu/<int:material_id>/xoa/", planning.material_remove, name="material_remove"),
    path("sinh-hoat/<int:meeting_id>/bat-dau/", planning.meeting_start, name="meeting_start"),
    # --- the run screen (views/run.py) ---
    path("sinh-hoat/<int:meeting_id>/dien-bien/", run.meeting_run, name="meeting_run"),
    path("sinh-hoat/<int:meeting_id>/khai-mac/", run.opening_set, name="opening_set"),
    path("sinh-hoat/<int:meeting_id>/dai-bieu/", run.guest_add, name="guest_add"),
    path("dai-bieu/<int:guest_id>/xoa/", run.guest_remove, name="guest_remove"),
    path("diem-danh/<int:attendance_id>/", run.attendance_mark, name="attendance_mark"),
    path("sinh-hoat/<int:meeting_id>/phat-bieu/", run.contribution_add, name="contribution_add"),
    path("phat-bieu/<int:contribution_id>/xoa/", run.contribution_remove, name="contribution_remove"),
    path("sinh-hoat/<int:meeting_id>/khen-nhac/", run.recognition_add, name="recognition_add"),
    path("khen-nhac/<int:recognition_id>/xoa/", run.recognition_remove, name="recognition_remove"),
    path("sinh-hoat/<int:meeting_id>/bieu-quyet/kiem-tra/", run.vote_preview, name="vote_preview"),
    path("sinh-hoat/<int:meeting_id>/bieu-quyet/", run.vote_record, name="vote_record"),
    path("bieu-quyet/<int:vote_id>/xoa/", run.vote_remove, name="vote_remove"),
    path("sinh-hoat/<int:meeting_id>/nghi-quyet/", run.resolution_item_add, name="resolution_item_add"),
    path("nghi-quyet/<int:resolution_item_id>/xoa/", run.resolution_item_remove, name="resolution_item_remove"),
    path("sinh-hoat/<int:meeting_id>/nhiem-vu/", run.task_assign, name="task_assign"),
    path("nhiem-vu/<int:task_id>/xoa/", run.task_remove, name="task_remove"),
    path("sinh-hoat/<int:meeting_id>/kiem-diem/<int:task_id>/", run.task_follow_up, name="task_follow_up"),
    path("sinh-hoat/<int:meeting_id>/ket-luan/", run.conclusion_set, name="conclusion_set"),
    path("sinh-hoat/<int:meeting_id>/ket-thuc/", run.meeting_close, name="meeting_close"),
    # --- the minutes after closing (views/record.py) ---
    path("sinh-hoat/<int:meeting_id>/bien-ban/", record.minutes, name="minutes"),
    path("sinh-hoat/<int:meeting_id>/bien-ban/<int:number>/", record.minutes_revision, name="minutes_revision"),
    path("sinh-hoat/<int:meeting_id>/bien-ban/sua/", record.minutes_revise, name="minutes_revise"),
    # --- documents in the Party's format (views/documents.py) ---
    path("sinh-hoat/<int:meeting_id>/van-ban/<slug:document>.<slug:file_format>", documents.meeting_document,
         name="meeting_document"),
    path("sinh-hoat/<int:meeting_id>/van-ban/<slug:document>/ban-hanh/", documents.document_issue,
         name="document_issue"),
    # --- a member's own pages (views/mine.py) ---
    path("cua-toi/sinh-hoat/", mine.my_meetings, name="my_meetings"),
    path("cua-toi/nhiem-vu/", mine.my_tasks, name="my_tasks"),
    path("nhiem-vu/<int:task_id>/bao-cao/", mine.task_report, name="task_report"),
]
