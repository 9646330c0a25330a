"""The central rubrics straight from the data migration, as plain specs (for tests that need no database)."""

import importlib
from datetime import date
from typing import Any

from chibo.quality import scoring

LOADER = importlib.import_module("chibo.quality.migrations.0002_load_rubrics")


def spec(code: str = "hd42-2025") -> scoring.RubricSpec:
    data = next(r for r in LOADER.RUBRICS if r["code"] == code)
    criteria = tuple(
        scoring.CriterionSpec(
            code=c_code, name=name, max_points=points,
            items=tuple(
                scoring.ItemSpec(
                    code=i["code"], name=i["name"], max_points=i["max_points"], source=i["source"], params=i["params"],
                    bands=tuple(scoring.Band.of(b["lower"], b["upper"], b["points"], lower_open=b["lower_open"],
                                                upper_closed=b["upper_closed"]) for b in i["bands"]),
                )
                for i in items
            ),
        )
        for c_code, name, points, items in data["criteria"]
    )
    gates = tuple(scoring.GateSpec(level, tuple(codes), name) for level, name, codes in data["gates"])
    return scoring.RubricSpec(total_points=100, criteria=criteria, gates=gates)


def facts(**overrides: Any) -> scoring.MeetingFacts:
    """A model meeting: 100 minutes, 10 of 10 present, 6 spoke, every task done, papers on time."""
    values: dict[str, Any] = {
        "held_on": date(2026, 3, 10), "today": date(2026, 3, 20), "duration_minutes": 100, "min_duration_minutes": 90,
        "expected": 10, "present": 10, "absent": 0, "speakers": 6, "followup_tasks": 4, "followup_done": 4,
        "materials_released_on": date(2026, 3, 8), "published_on": date(2026, 3, 11), "longest_excused_run": 1,
    }
    values.update(overrides)
    return scoring.MeetingFacts(**values)


def item(rubric: scoring.RubricSpec, code: str) -> scoring.ItemSpec:
    return next(i for i in rubric.items if i.code == code)


def full_manual(rubric: scoring.RubricSpec) -> dict[str, int]:
    return {i.code: i.max_points for i in rubric.items if not i.from_record}
