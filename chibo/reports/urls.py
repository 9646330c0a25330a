"""URLs of reports: the quality dashboard and its exports. Paths are Vietnamese; names are English."""

from django.urls import path

from chibo.reports import views_dashboard

app_name = "reports"
urlpatterns = [
    path("to-chuc/<str:code>/chat-luong/", views_dashboard.dashboard, name="dashboard"),
    path("to-chuc/<str:code>/chat-luong.xlsx", views_dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("to-chuc/<str:code>/chat-luong/bao-cao.docx", views_dashboard.dashboard_report, {"extension": "docx"},
         name="dashboard_report_docx"),
    path("to-chuc/<str:code>/chat-luong/bao-cao.pdf", views_dashboard.dashboard_report, {"extension": "pdf"},
         name="dashboard_report_pdf"),
    path("to-chuc/<str:code>/chat-luong/tong-quan.pdf", views_dashboard.dashboard_pdf, name="dashboard_pdf"),
]
