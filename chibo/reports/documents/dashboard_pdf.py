"""The quality dashboard on one A4 page, with its charts: an HTML template rendered by WeasyPrint.

The caller (views_dashboard) gives the template what the dashboard page shows — the organization, the
period, `stats`/`totals` (printed with the dashboard's own filters, so the figures are the page's) and
`chart_data(stats)`; here the charts are drawn (charts.py) and the page laid out. The page must stay one
page: charts have fixed sizes, table rows never wrap, and the table of units (or of a cell's meetings)
is cut to its first rows with a line saying how many were left out — the .xlsx has them all. Should the
page still overflow (a very long name in the title), rows are dropped until it fits.
"""

import base64
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import ngettext

from chibo.reports.documents.charts import Chart, dashboard_charts

TEMPLATE = "reports/documents/dashboard.html"
MAX_ROWS = 10  # units that fit under the charts on the demo commune's page
MAX_MEETINGS = 20  # a cell's page has no units chart: a year of meetings fits under its charts


def render_dashboard_pdf(context: Mapping[str, Any], *, rows: Sequence[Any]) -> bytes:
    """The dashboard as one PDF page. `context` needs `org`, `charts` (chart_data) and what the template
    prints; `rows` are the table's rows (units of a committee, meetings of a cell), of which the first fit."""
    from weasyprint import HTML

    charts = [_with_image(chart) for chart in dashboard_charts(context["charts"])]
    # Two columns: a committee's units beside the three others; a cell's trends beside its levels and kinds.
    right = [c for c in charts if c["key"] == "units"] or [c for c in charts if c["key"] == "trends"]
    left = [c for c in charts if c not in right]
    is_cell = context["org"].is_cell
    limit = min(len(rows), MAX_MEETINGS if is_cell else MAX_ROWS)
    while True:
        html = render_to_string(TEMPLATE, {
            **context, "columns": [left, right], "rows": rows[:limit],
            "left_out": _left_out(len(rows) - limit, meetings=is_cell)})
        document = HTML(string=unicodedata.normalize("NFC", html)).render()
        if len(document.pages) == 1 or limit == 0:
            return document.write_pdf()
        limit = max(0, limit - 3)


def _with_image(chart: Chart) -> dict[str, Any]:
    """The chart as an <img> source: an SVG image is drawn by WeasyPrint's SVG renderer on its own
    (inline SVG would mix matplotlib's ids and styles into the page's)."""
    data = base64.b64encode(chart.svg.encode()).decode("ascii")
    return {"key": chart.key, "title": chart.title, "empty": chart.empty, "src": f"data:image/svg+xml;base64,{data}"}


def _left_out(count: int, *, meetings: bool) -> str:
    if count <= 0:
        return ""
    if meetings:  # a cell's meetings are not in its .xlsx; the dashboard page lists them all
        return ngettext("Còn %(count)d buổi sinh hoạt không in ở đây; trang số liệu trên chibo có đủ tất cả.",
                        "Còn %(count)d buổi sinh hoạt không in ở đây; trang số liệu trên chibo có đủ tất cả.",
                        count) % {"count": count}
    return ngettext("Còn %(count)d dòng không in ở đây; bảng tính (.xlsx) có đủ tất cả.",
                    "Còn %(count)d dòng không in ở đây; bảng tính (.xlsx) có đủ tất cả.", count) % {"count": count}
