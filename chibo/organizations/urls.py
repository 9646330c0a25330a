"""URLs of the organization tree, members and imports. Paths are Vietnamese; names are English."""

from django.urls import path

from chibo.organizations.views import imports, members, tree

app_name = "organizations"
urlpatterns = [
    # --- tree (views/tree.py) ---
    path("to-chuc/tim/", tree.organization_search, name="organization_search"),
    path("to-chuc/<str:code>/", tree.organization_detail, name="organization_detail"),
    path("to-chuc/<str:code>/lich-su/", tree.organization_history, name="organization_history"),
    path("to-chuc/<str:code>/them-don-vi/", tree.organization_create, name="organization_create"),
    path("to-chuc/<str:code>/sua/", tree.organization_edit, name="organization_edit"),
    path("to-chuc/<str:code>/chuyen/", tree.organization_move, name="organization_move"),
    path("to-chuc/<str:code>/hop-nhat/", tree.organization_merge, name="organization_merge"),
    path("to-chuc/<str:code>/chia-tach/", tree.organization_split, name="organization_split"),
    path("to-chuc/<str:code>/nhiem-ky/them/", tree.term_create, name="term_create"),
    path("nhiem-ky/<int:term_id>/sua/", tree.term_edit, name="term_edit"),
    # --- members (views/members.py) ---
    path("to-chuc/<str:code>/dang-vien/", members.member_list, name="member_list"),
    path("to-chuc/<str:code>/dang-vien/them/", members.member_create, name="member_create"),
    path("dang-vien/<int:member_id>/", members.member_detail, name="member_detail"),
    path("dang-vien/<int:member_id>/sua/", members.member_edit, name="member_edit"),
    path("dang-vien/<int:member_id>/chuyen-sinh-hoat/", members.member_transfer, name="member_transfer"),
    path("dang-vien/<int:member_id>/sinh-hoat-tam-thoi/", members.member_attach, name="member_attach"),
    path("sinh-hoat-tam-thoi/<int:membership_id>/ket-thuc/", members.attachment_end, name="attachment_end"),
    path("dang-vien/<int:member_id>/mien/", members.member_exempt, name="member_exempt"),
    path("mien/<int:exemption_id>/ket-thuc/", members.exemption_end, name="exemption_end"),
    path("dang-vien/<int:member_id>/ra-khoi-danh-sach/", members.member_exit, name="member_exit"),
    path("dang-vien/<int:member_id>/chuc-vu/them/", members.position_assign, name="position_assign"),
    path("chuc-vu/<int:position_id>/ket-thuc/", members.position_end, name="position_end"),
    # --- imports (views/imports.py) ---
    path("nhap-danh-sach/mau.xlsx", imports.import_template, name="import_template"),
    path("to-chuc/<str:code>/nhap-danh-sach/", imports.import_upload, name="import_upload"),
    path("nhap-danh-sach/<int:job_id>/", imports.import_detail, name="import_detail"),
    path("nhap-danh-sach/<int:job_id>/trang-thai/", imports.import_status, name="import_status"),
    path("nhap-danh-sach/<int:job_id>/xac-nhan/", imports.import_confirm, name="import_confirm"),
    path("nhap-danh-sach/<int:job_id>/loi.xlsx", imports.import_errors, name="import_errors"),
]
