"""shared/METRICS.md's figures counted by hand from `chibo export_meetings` lines, as an outside check would."""

from collections import Counter
from datetime import date

from chibo.organizations.models import Organization
from chibo.reports.statistics import Period


def recompute_scope(lines: list[dict], code: str, first: str, last: str) -> dict:
    """Every figure of shared/METRICS.md, counted by hand from the export lines."""
    period = Period.of(first, last)

    def share(part, whole):
        return part / whole if whole else None

    present = expected = ge_90 = with_expected = over_half = with_present = proposals = contributions = 0
    for line in lines:
        here = {m for m in line["expected"] if line["attendance"][str(m)] == "present"}
        present, expected = present + len(here), expected + len(line["expected"])
        if line["expected"]:
            with_expected += 1
            ge_90 += len(here) / len(line["expected"]) >= 0.9
        if here:
            with_present += 1
            over_half += len({c["member"] for c in line["contributions"] if c["member"] in here}) / len(here) > 0.5
        contributions += len(line["contributions"])
        proposals += sum(c["kind"] == "proposal" for c in line["contributions"])
    cells = Organization.objects.cells().filter(path__startswith=Organization.objects.get(code=code).path)
    held = {(line["cell"], line["date"][:7]) for line in lines if line["kind"] == "regular"}
    missed = sum(1 for cell in cells for y, m in period.months
                 if (cell.valid_from is None or cell.valid_from <= date(y, m, 1))
                 and (cell.code, f"{y:04d}-{m:02d}") not in held)
    levels = Counter(line["level"] for line in lines)
    return {
        "org": code, "from": first, "to": last, "cells": cells.count(), "meetings": len(lines),
        "regular_meetings": sum(line["kind"] == "regular" for line in lines),
        "thematic_meetings": sum(line["kind"] == "thematic" for line in lines), "missed_regular_meetings": missed,
        "attendance_rate": share(present, expected), "share_attendance_ge_90": share(ge_90, with_expected),
        "share_over_half_spoke": share(over_half, with_present), "proposal_share": share(proposals, contributions),
        "levels": {level: {"count": levels[level], "share": share(levels[level], len(lines))}
                   for level in ("tot", "kha", "trung_binh", "kem", "unrated")},
    }
