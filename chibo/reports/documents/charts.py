"""The dashboard's charts drawn on the server with matplotlib, for the one-page PDF.

They draw what charts.js draws in the browser, from the same data (`views_dashboard.chart_data()`, built
from the dashboard's `Statistics`): levels by month, the attendance and speaking trends, the kinds of
contributions and, for a committee, its units side by side. Labels come in the active language as
chart_data gives them; numbers follow the language too ("57,3%" in Vietnamese), as the dashboard's.

Output is SVG with the text kept as text (svg.fonttype "none"): WeasyPrint draws it with the page's
fonts (Liberation Sans from fonts-liberation2, every Vietnamese letter), so the charts are vectors
and `pdftotext` reads their labels. matplotlib is imported on first use (importing the builders stays
cheap) and only Figure objects are used, never pyplot's global figures. matplotlib is not thread-safe
and the web server is threaded, so drawing holds one lock; a chart takes a few hundredths of a second.
"""

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MM = 1 / 25.4  # inches
WIDTH_MM = 88.0
HEIGHT_MM = 45.0
UNIT_ROW_MM = 3.7
MAX_UNITS = 36  # as tall as the three other charts on the page; the .xlsx has every unit
FONT_PT = 6.5
FONTS = ["Liberation Sans", "DejaVu Sans"]
LEVEL_COLORS = {"tot": "#1e6b2d", "kha": "#1f3f7a", "trung_binh": "#b07a00", "kem": "#a50e0e", "unrated": "#9a9a9a"}
LINE_COLORS = ["#a50e0e", "#1f3f7a", "#1e6b2d"]
RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable in the PDF, drawn in the page's font
    "svg.hashsalt": "chibo",  # the same figures give the same file
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": FONT_PT,
    "axes.titlesize": FONT_PT + 1,
    "axes.edgecolor": "#777777",
    "axes.linewidth": 0.5,
    "xtick.major.width": 0.5,
    "ytick.major.width": 0.5,
    "xtick.major.size": 2,
    "ytick.major.size": 2,
    "legend.fontsize": FONT_PT - 0.5,
    "legend.frameon": False,
}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Chart:
    key: str  # levels, trends, kinds, units
    title: str
    svg: str
    empty: bool  # nothing to draw in the period: the chart says so ("Không có số liệu")


def dashboard_charts(data: Mapping[str, Any]) -> list[Chart]:
    """The dashboard's charts as SVG, from `chart_data(stats)`; the units chart only for a committee."""
    import matplotlib

    drawers: list[tuple[str, str, Callable[[Any, Mapping[str, Any]], bool], float]] = [
        ("levels", _("Xếp loại theo tháng"), _levels, HEIGHT_MM),
        ("trends", _("Tỷ lệ dự và phát biểu theo tháng"), _trends, HEIGHT_MM),
        ("kinds", _("Loại ý kiến phát biểu"), _kinds, HEIGHT_MM),
    ]
    units = len(data["units"]["labels"])
    if units:
        height = max(HEIGHT_MM, 14 + UNIT_ROW_MM * min(units, MAX_UNITS))
        title = _("So sánh các đơn vị trực thuộc")
        if units > MAX_UNITS:
            title = _("%(title)s: %(shown)d đơn vị đầu tiên trong %(total)d") % {
                "title": title, "shown": MAX_UNITS, "total": units}
        drawers.append(("units", title, _units, height))
    charts = []
    with _LOCK, matplotlib.rc_context(RC):  # type: ignore[arg-type]  # keys are rcParams names
        for key, title, draw, height in drawers:
            figure, axes = _figure(height)
            drawn = draw(axes, data)
            if not drawn:
                _nothing(axes)
            charts.append(Chart(key=key, title=title, svg=_svg(figure), empty=not drawn))
    return charts


def _figure(height_mm: float) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_MM * MM, height_mm * MM), layout="constrained")
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def _svg(figure: Any) -> str:
    out = StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]  # without the XML prolog and doctype: the SVG goes inside HTML


def _nothing(axes: Any) -> None:
    axes.clear()
    axes.set_axis_off()
    axes.text(0.5, 0.5, _("Không có số liệu"), ha="center", va="center", transform=axes.transAxes,
              fontsize=FONT_PT + 1.5, color="#555555")


def percent_text(value: float, decimals: int = 1) -> str:
    """57.3 → "57,3%" in Vietnamese, "57.3%" in English: as the dashboard prints its figures."""
    return f"{number_format(value, decimals)}%"


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    axis.set_major_locator(MultipleLocator(20))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: percent_text(value, 0)))


def _month_ticks(axes: Any, months: Sequence[str]) -> None:
    """A tick each month, a label ("01/2026") every month up to six, else every other one: labels stay
    horizontal and whole, so that readers and pdftotext read "01/2026", not "01/2" and "026"."""
    step = 1 if len(months) <= 6 else 2
    axes.set_xticks(range(len(months)), [label if i % step == 0 else "" for i, label in enumerate(months)])


def _levels(axes: Any, data: Mapping[str, Any]) -> bool:
    """Stacked bars: the meetings of each month by level (Tốt … Chưa đánh giá)."""
    from matplotlib.ticker import MaxNLocator

    months = data["months"]
    if not any(sum(level["data"]) for level in data["levels"]):
        return False
    bottom = [0] * len(months)
    for level in data["levels"]:
        axes.bar(range(len(months)), level["data"], bottom=bottom, width=0.65, label=level["label"],
                 color=LEVEL_COLORS.get(level["key"], "#555555"))
        bottom = [b + n for b, n in zip(bottom, level["data"], strict=True)]
    _month_ticks(axes, months)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(_("Số buổi"))
    axes.figure.legend(loc="outside upper center", ncols=5, handlelength=1, columnspacing=0.8)
    return True


def _trends(axes: Any, data: Mapping[str, Any]) -> bool:
    """Lines on a 0–100% axis: attendance, the share of those present who spoke, meetings over half."""
    months = data["months"]
    if not any(value is not None for trend in data["trends"] for value in trend["data"]):
        return False
    latest = []
    for trend, color in zip(data["trends"], LINE_COLORS, strict=False):
        points = [(i, v) for i, v in enumerate(trend["data"]) if v is not None]
        xs, ys = [i for i, _v in points], [v for _i, v in points]
        axes.plot(xs, ys, color=color, marker="o", markersize=2.5, linewidth=1.2, label=trend["label"])
        if points:
            latest.append((ys[-1], xs[-1], color))
    floor = -100.0
    for value, x, color in sorted(latest):  # the latest value of each line, as people read it, never overlapping
        floor = max(value, floor + 8)
        axes.annotate(percent_text(value), (x, value), xytext=(x + 0.12 * max(1, len(months) / 6), floor),
                      textcoords="data", va="center", color=color, fontsize=FONT_PT - 0.5)
    _month_ticks(axes, months)
    axes.set_xlim(-0.5, len(months) - 0.5 + (0.9 if len(months) > 1 else 0.6))
    axes.set_ylim(0, 105)
    _percent_axis(axes.yaxis)
    axes.figure.legend(loc="outside upper center", ncols=1, handlelength=1.5)
    return True


def _kinds(axes: Any, data: Mapping[str, Any]) -> bool:
    """Horizontal bars: how many contributions of each kind, with the share of all."""
    labels, counts = data["kinds"]["labels"], data["kinds"]["data"]
    total = sum(counts)
    if not total:
        return False
    rows = range(len(labels))
    axes.barh(rows, counts, color="#1f3f7a", height=0.6)
    axes.set_yticks(rows, labels)
    axes.invert_yaxis()  # in the dashboard's order, top to bottom
    for row, count in zip(rows, counts, strict=True):
        axes.annotate(f"{number_format(count)} ({percent_text(100 * count / total)})", (count, row),
                      xytext=(2, 0), textcoords="offset points", va="center", fontsize=FONT_PT - 0.5)
    axes.set_xlim(0, max(counts) * 1.35)
    axes.set_xlabel(_("Số ý kiến"))
    return True


def _units(axes: Any, data: Mapping[str, Any]) -> bool:
    """One row per unit, a dot per figure on a 0–100% axis, in the units table's order."""
    units = data["units"]
    labels = units["labels"][:MAX_UNITS]
    series = [("attendance", "o"), ("over_half", "s"), ("tot", "^")]
    if not any(value is not None for key, _m in series for value in units[key][:MAX_UNITS]):
        return False
    rows = range(len(labels))
    for row in rows:
        axes.axhline(row, color="#dddddd", linewidth=0.4, zorder=0)
    for (key, marker), color in zip(series, LINE_COLORS, strict=True):
        points = [(v, row) for row, v in zip(rows, units[key][:MAX_UNITS], strict=True) if v is not None]
        axes.scatter([v for v, _r in points], [r for _v, r in points], s=9, marker=marker, color=color,
                     label=data["series"][key], zorder=2)
    axes.set_yticks(rows, [_short(label) for label in labels])
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.set_xlim(-2, 102)
    _percent_axis(axes.xaxis)
    axes.figure.legend(loc="outside upper center", ncols=3, handlelength=1, columnspacing=0.8)
    return True


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
