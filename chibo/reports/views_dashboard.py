"""The quality dashboard of any organization's subtree the user can read, over any period.

access → form (the period) → statistics (grouped queries over per-meeting rows) → render. The
same figures go out as .xlsx, and as a one-page PDF with the charts drawn on the server.
Drill-down: a committee lists its units, a cell lists its meetings,
each meeting links to the meeting's page and its ratings.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chibo.accounts import access
from chibo.core.errors import RuleViolation
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings.models import ContributionKind
from chibo.organizations.navigation import Crumb, organization_crumbs
from chibo.quality import selectors as quality_selectors
from chibo.quality.documents import build_quality_report
from chibo.quality.models import Level
from chibo.quality.scoring import UNRATED
from chibo.reports import statistics
from chibo.reports.documents import render_docx, render_pdf
from chibo.reports.documents.dashboard_pdf import render_dashboard_pdf
from chibo.reports.forms_dashboard import PeriodForm
from chibo.reports.selectors import layout_for
from chibo.reports.statistics import LEVEL_KEYS, Statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENT_TYPES = {"pdf": "application/pdf",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _percent(value: float | None) -> float | None:
    return None if value is None else float(statistics.percent_decimal(value))


def chart_data(stats: Statistics) -> dict[str, Any]:
    """What the charts draw (charts.js reads it from a json_script): labels in the user's language."""
    months = [f"{m:02d}/{y}" for (y, m), _totals in stats.by_month]
    labels = {**{level.value: str(level.label) for level in Level}, UNRATED: _("Chưa đánh giá")}
    kinds = stats.totals.kind_rows
    return {
        "locale": get_language() or "vi",
        "months": months,
        "levels": [{"key": level, "label": labels[level], "data": [t.levels.get(level, 0) for _m, t in stats.by_month]}
                   for level in LEVEL_KEYS],
        "trends": [
            {"label": _("Tỷ lệ dự sinh hoạt (%)"), "data": [_percent(t.attendance_rate) for _m, t in stats.by_month]},
            {"label": _("Tỷ lệ đảng viên dự họp phát biểu (%)"),
             "data": [_percent(t.speaking_share) for _m, t in stats.by_month]},
            {"label": _("Tỷ lệ buổi có trên một nửa phát biểu (%)"),
             "data": [_percent(t.share_over_half_spoke) for _m, t in stats.by_month]},
        ],
        "kinds": {"labels": [label for _k, label, _n, _s in kinds], "data": [n for _k, _l, n, _s in kinds]},
        "units": {
            "labels": [child.name for child, _t in stats.by_child],
            "attendance": [_percent(t.attendance_rate) for _c, t in stats.by_child],
            "over_half": [_percent(t.share_over_half_spoke) for _c, t in stats.by_child],
            "tot": [_percent(t.level_share("tot")) for _c, t in stats.by_child],
        },
        "series": {"attendance": _("Tỷ lệ dự (%)"), "over_half": _("Buổi trên nửa phát biểu (%)"),
                   "tot": _("Buổi xếp loại Tốt (%)")},
    }


def dashboard(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The METRICS.md figures of the subtree, charts, units to compare and drill into, and a cell's meetings."""
    org = access.access_organization(request.user, code, roster=True)
    form = PeriodForm(request.GET or None)
    period = form.period()
    stats = statistics.statistics(org, period)
    return render(request, "reports/dashboard/dashboard.html", {
        "org": org, "form": form, "period": period, "stats": stats, "totals": stats.totals,
        "meetings": list(statistics.cell_meetings(org, period)) if org.is_cell else [],
        "charts": chart_data(stats), "query": request.GET.urlencode(), "kinds": ContributionKind.choices,
        "month_running": period.last_day >= timezone.localdate(),  # its regular meetings may still come
        "crumbs": organization_crumbs(request.user, org, extra=[Crumb(_("Chất lượng sinh hoạt"), None)]),
    }, status=400 if form.is_bound and form.errors else 200)


def dashboard_xlsx(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The same figures as a spreadsheet: the report of METRICS.md, and each unit's figures."""
    org = access.access_organization(request.user, code, roster=True)
    period = PeriodForm(request.GET or None).period()
    cell_months = statistics.CellMonths.of(org, period)
    data = statistics.report(org, period, statistics.scope_totals(org, period, cell_months))
    children = statistics.children_totals(org, period, cell_months) if not org.is_cell else []
    body = statistics.report_workbook(data, org_name=org.name, period=period, children=children)
    response = HttpResponse(body, content_type=XLSX)
    name = f"chat-luong-{slugify(org.code)}-{period.from_code}-{period.to_code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def dashboard_report(request: AuthenticatedHttpRequest, code: str, extension: str) -> HttpResponse:
    """The report to the superior (báo cáo) in the Party's format, as .docx to edit or .pdf to print."""
    org = access.access_organization(request.user, code, roster=True)
    period = PeriodForm(request.GET or None).period()
    flagged = [(c.cell.name, [r.text for r in c.reasons]) for c in quality_selectors.cells_needing_support(org, period)]
    today = timezone.localdate()
    document = build_quality_report(statistics.statistics(org, period), flagged=flagged, issued_on=today)
    try:
        layout = layout_for(today)
    except RuleViolation as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:dashboard", org.code)
    body = render_pdf(document, layout) if extension == "pdf" else render_docx(document, layout)
    response = HttpResponse(body, content_type=DOCUMENT_TYPES[extension])
    name = f"bao-cao-chat-luong-{slugify(org.code)}-{period.from_code}-{period.to_code}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def dashboard_pdf(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The dashboard on one A4 page with its charts, drawn on the server: the figures to print or send up."""
    org = access.access_organization(request.user, code, roster=True)
    period = PeriodForm(request.GET or None).period()
    stats = statistics.statistics(org, period)
    rows = list(statistics.cell_meetings(org, period)) if org.is_cell else stats.by_child
    body = render_dashboard_pdf({"org": org, "period": period, "totals": stats.totals,
                                 "charts": chart_data(stats), "generated_on": timezone.localdate()}, rows=rows)
    response = HttpResponse(body, content_type=DOCUMENT_TYPES["pdf"])
    name = f"tong-quan-chat-luong-{slugify(org.code)}-{period.from_code}-{period.to_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
