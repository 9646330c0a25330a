"""Benchmark: the quality dashboard on PostgreSQL against a hand-written SQL aggregate of the same figures.

    .venv/bin/python bench/dashboard.py [--database-url postgres://USER@HOST:PORT/DB] [--profiles district,province]
                                        [--scale 1.0] [--repeat 7] [--history-months 12] [--keep] [--reuse]

For each profile (in the same run): `chibo seed_demo --profile P --reset` — which writes 24 months of
closed meetings per cell with their figures and ratings (if a seed has none, a year of meetings is
added in bulk: meetings, MeetingFigures and MeetingQuality, all the dashboard reads) — then ANALYZE,
and for three scopes (the root, the commune committee danguy leads, the cell of bithu1) over the
twelve months before the demo's reference date:

  orm   reports.statistics.statistics(org, period): exactly the queries the dashboard view runs;
  sql   hand-written SQL computing the same figures: one scan with GROUPING SETS for the scope, its months
        and its units, one for the cells, one for the missed months (generate_series and an anti-join);
  view  the whole dashboard request (access, form, statistics, template) through Django's test client;
  support list  quality.selectors.cells_needing_support (the committee's list; it reads one row per
        meeting and the attendance of members who missed a meeting, so it is not a dashboard query).

Both must give the same figures (asserted). Times are medians of --repeat runs after one warm-up.
The database (default postgres://postgres@127.0.0.1:5432/chibo_bench_dashboard) is created if
missing and dropped at the end unless --keep. docs/performance.md records the figures.
"""

import argparse
import io
import os
import random
import statistics as stats
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/chibo_bench_dashboard"
KINDS = ("report", "concern", "agreement", "proposal", "criticism", "question", "other")
LEVELS = ("tot", "kha", "trung_binh", "kem")


def ensure_database(url: str, *, drop: bool = False) -> None:
    """Create (or drop) the benchmark's database through the server's maintenance database."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if drop and exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        elif not drop and not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def timed(*actions, repeat: int) -> list[tuple[float, object]]:
    """Median milliseconds of each action, and its result. The actions alternate (a, b, a, b…) so that a
    machine shared with other work slows them alike; one warm-up run each first."""
    results = [action() for action in actions]
    runs: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for index, action in enumerate(actions):
            started = time.perf_counter()
            action()
            runs[index].append(time.perf_counter() - started)
    return [(stats.median(r) * 1000, result) for r, result in zip(runs, results, strict=True)]


# --- a year of meetings --------------------------------------------------------------------------------

def add_meetings(months: list[tuple[int, int]], seed: int = 4) -> int:
    """A regular meeting most months and a thematic one most quarters for every open cell, with figures."""
    from django.db import transaction
    from django.utils import timezone

    from chibo.meetings.models import Meeting, MeetingFigures
    from chibo.organizations.models import Organization
    from chibo.quality.models import MeetingQuality

    rng = random.Random(seed)
    cells = list(Organization.objects.cells().filter(valid_to__isnull=True).values_list("pk", "usual_meeting_day"))
    meetings, figures, qualities = [], [], []
    numbers: dict[tuple[int, int], int] = {}
    for pk, usual_day in cells:
        weak = rng.random() < 0.15  # some cells are weak: they skip months and few people speak
        size = rng.randint(8, 45)
        for year, month in months:
            kinds = []
            if rng.random() < (0.8 if weak else 0.97):
                kinds.append("regular")
            if month % 3 == 0 and rng.random() < 0.8:
                kinds.append("thematic")
            for kind in kinds:
                day = date(year, month, min(usual_day or rng.randint(1, 25), 27) + (kind == "thematic"))
                number = numbers[(pk, year)] = numbers.get((pk, year), 0) + 1
                started = timezone.make_aware(datetime.combine(day, clock(8)))
                meetings.append(Meeting(organization_id=pk, kind=kind, year=year, number=number, planned_date=day,
                                        held_on=day, status="closed", min_duration_minutes=90, started_at=started,
                                        ended_at=started + timedelta(minutes=rng.randint(60, 130)),
                                        closed_at=started + timedelta(hours=2), entered_after_the_fact=True))
                expected = size - rng.randint(0, 2)
                absent = rng.choice([0, 0, 0, 1, 2]) if weak else rng.choice([0, 0, 0, 0, 1])
                excused = rng.randint(0, max(1, expected // (4 if weak else 8)))
                present = max(0, expected - absent - excused)
                speakers = rng.randint(0, max(1, present // (3 if weak else 1)))
                by_kind = {k: rng.randint(0, speakers) for k in KINDS}
                tasks = rng.randint(0, 6)
                figures.append(dict(
                    expected=expected, present=present, excused=excused, absent=absent, speakers=speakers,
                    contributions=sum(by_kind.values()), **{f"contributions_{k}": n for k, n in by_kind.items()},
                    duration_minutes=90, attendance_rate=present / expected if expected else None,
                    speaking_share=speakers / present if present else None,
                    over_half_spoke=(speakers * 2 > present) if present else None, followup_tasks=tasks,
                    followup_done=rng.randint(0, tasks)))
                qualities.append(rng.random() < 0.7)
    with transaction.atomic():
        created = Meeting.objects.bulk_create(meetings, batch_size=5000)
        MeetingFigures.objects.bulk_create([MeetingFigures(meeting=m, **f) for m, f in zip(created, figures, strict=True)],
                                           batch_size=5000)
        rows = []
        for meeting, rated in zip(created, qualities, strict=True):
            if rated:
                own = rng.choices(LEVELS, weights=(55, 30, 12, 3))[0]
                superior = own if rng.random() < 0.85 else rng.choice(LEVELS)
                final = superior if rng.random() < 0.3 else own
                rows.append(MeetingQuality(meeting=meeting, final_level=final, final_score=rng.randint(40, 100),
                                           final_kind="superior" if final == superior else "self", self_level=own,
                                           superior_level=superior, disagrees=own != superior))
        MeetingQuality.objects.bulk_create(rows, batch_size=5000)
    return len(created)


# --- the hand-written SQL --------------------------------------------------------------------------------

SUMS = """count(*) AS meetings,
  count(*) FILTER (WHERE m.kind = 'regular') AS regular,
  count(*) FILTER (WHERE m.kind = 'thematic') AS thematic,
  sum(f.expected) AS expected, sum(f.present) AS present, sum(f.speakers) AS speakers,
  count(*) FILTER (WHERE f.expected > 0) AS with_expected,
  count(*) FILTER (WHERE f.expected > 0 AND 10 * f.present >= 9 * f.expected) AS ge_90,
  count(*) FILTER (WHERE f.present > 0) AS with_present,
  count(*) FILTER (WHERE f.present > 0 AND 2 * f.speakers > f.present) AS over_half,
  sum(f.contributions) AS contributions,
  {kinds},
  {levels},
  count(*) FILTER (WHERE q.disagrees) AS disagreements,
  sum(f.followup_tasks) AS followup_tasks, sum(f.followup_done) AS followup_done""".format(
    kinds=",\n  ".join(f"sum(f.contributions_{k}) AS kind_{k}" for k in KINDS),
    levels=",\n  ".join(f"count(*) FILTER (WHERE q.final_level = '{lv}') AS level_{lv}" for lv in LEVELS))

FROM = """FROM meetings_meeting m
  JOIN organizations_organization o ON o.id = m.organization_id
  LEFT JOIN meetings_meetingfigures f ON f.meeting_id = m.id
  LEFT JOIN quality_meetingquality q ON q.meeting_id = m.id
WHERE o.path LIKE %(prefix)s AND m.status = 'closed' AND m.kind IN ('regular', 'thematic')
  AND m.held_on BETWEEN %(first)s AND %(last)s"""

CELLS = """WITH cells AS (
  SELECT id, path, valid_from, valid_to FROM organizations_organization
  WHERE kind IN ('grassroots_cell', 'subordinate_cell') AND path LIKE %(prefix)s
    AND (valid_from IS NULL OR valid_from <= %(last)s) AND (valid_to IS NULL OR valid_to >= %(first)s)
), months AS (
  SELECT generate_series(%(first)s::date, %(last_month)s::date, interval '1 month')::date AS first_day
), counted AS (
  SELECT c.id, c.path, mo.first_day FROM cells c JOIN months mo
    ON (c.valid_from IS NULL OR c.valid_from <= mo.first_day) AND (c.valid_to IS NULL OR c.valid_to >= mo.first_day)
), held AS (
  SELECT DISTINCT m.organization_id, date_trunc('month', m.held_on)::date AS first_day
  FROM meetings_meeting m JOIN cells c ON c.id = m.organization_id
  WHERE m.status = 'closed' AND m.kind = 'regular' AND m.held_on BETWEEN %(first)s AND %(last)s
)
SELECT substr(counted.path, 1, %(key)s) AS unit, count(*) AS missed
FROM counted LEFT JOIN held ON held.organization_id = counted.id AND held.first_day = counted.first_day
WHERE held.organization_id IS NULL GROUP BY unit"""

CELL_COUNTS = """SELECT substr(path, 1, %(key)s) AS unit, count(*) AS cells FROM organizations_organization
WHERE kind IN ('grassroots_cell', 'subordinate_cell') AND path LIKE %(prefix)s
  AND (valid_from IS NULL OR valid_from <= %(last)s) AND (valid_to IS NULL OR valid_to >= %(first)s) GROUP BY unit"""


def sql_figures(org, period) -> dict:
    """The same figures as statistics.statistics, from three hand-written queries."""
    from django.db import connection

    from chibo.organizations.models import PATH_STEP

    params = {"prefix": org.path + "%", "first": period.first_day, "last": period.last_day,
              "last_month": date(*period.last, 1), "key": len(org.path) + (0 if org.is_cell else PATH_STEP)}

    def rows(sql: str) -> list[dict]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [c.name for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # One scan for the scope, its months and its units at once (GROUPING SETS), as a DBA would write it.
    grouped = rows(
        "SELECT substr(o.path, 1, %(key)s) AS unit, extract(year FROM m.held_on)::int AS y, "
        f"extract(month FROM m.held_on)::int AS m, GROUPING(substr(o.path, 1, %(key)s)) AS no_unit, {SUMS} {FROM} "
        "GROUP BY GROUPING SETS ((substr(o.path, 1, %(key)s)), (extract(year FROM m.held_on)::int, "
        "extract(month FROM m.held_on)::int), ())")
    return {
        "totals": next(r for r in grouped if r["no_unit"] and r["y"] is None),
        "months": [r for r in grouped if r["y"] is not None],
        "units": {r["unit"]: r for r in grouped if not r["no_unit"]},
        "missed": {r["unit"]: r["missed"] for r in rows(CELLS)},
        "cells": {r["unit"]: r["cells"] for r in rows(CELL_COUNTS)},
    }


def same(orm, sql: dict) -> None:
    """The ORM's figures equal the hand-written SQL's (every sum, count and level)."""
    from chibo.reports.statistics import Totals

    def check(totals: Totals, row: dict | None, where: str) -> None:
        expected = Totals.from_row(row) if row else Totals()
        for name in ("meetings", "regular", "thematic", "expected", "present", "speakers", "with_expected", "ge_90",
                     "with_present", "over_half", "contributions", "by_kind", "levels", "disagreements",
                     "followup_tasks", "followup_done"):
            assert getattr(totals, name) == getattr(expected, name), (where, name)

    check(orm.totals, sql["totals"], "totals")
    assert orm.totals.cells == sum(sql["cells"].values())
    assert orm.totals.missed_regular_meetings == sum(sql["missed"].values())
    by_month = {(r["y"], r["m"]): r for r in sql["months"]}
    for month, totals in orm.by_month:
        check(totals, by_month.get(month), f"month {month}")
    for child, totals in orm.by_child:
        check(totals, sql["units"].get(child.path), child.code)
        assert totals.cells == sql["cells"].get(child.path, 0)
        assert totals.missed_regular_meetings == sql["missed"].get(child.path, 0)


# --- the run -------------------------------------------------------------------------------------------

def measure(profile: str, scale: float, repeat: int, history_months: int, reuse: bool) -> list[dict]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from chibo.accounts.models import RoleAssignment, User
    from chibo.demo.generator import REFERENCE_DATE
    from chibo.organizations.models import Organization
    from chibo.quality.selectors import cells_needing_support
    from chibo.reports import statistics
    from chibo.reports.statistics import Period

    started = time.perf_counter()
    roots = {"commune": "04", "district": "04", "province": "38"}
    if not (reuse and Organization.objects.filter(code=roots.get(profile, ""), parent__isnull=True).exists()):
        call_command("seed_demo", "--profile", profile, "--reset", "--scale", str(scale), "--no-progress",
                     "--history-months", str(history_months), stdout=io.StringIO())
    seeded = time.perf_counter() - started
    month_before = REFERENCE_DATE.replace(day=1) - timedelta(days=1)  # the twelve months before the reference date
    year, month = month_before.year, month_before.month
    period = Period((year - 1, month + 1) if month < 12 else (year, 1), (year, month))
    started = time.perf_counter()
    from chibo.meetings.models import Meeting

    existing = Meeting.objects.filter(status="closed").count()
    # The demo writes 24 months of meetings (with attendance, ratings…); an older seed had none: add a year.
    count = existing or add_meetings(period.months)
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{profile}: {'seeded in ' + format(seeded, '.0f') + ' s' if seeded > 1 else 'reused'}; {count:,} closed meetings"
          f"{'' if existing else f' added in {generated:.0f} s'}; "
          f"period {period.from_code}..{period.to_code}; load average {os.getloadavg()[0]:.1f}", flush=True)

    def login_org(username: str) -> tuple[User, Organization]:
        user = User.objects.get(username=username)
        assignment = RoleAssignment.objects.filter(user=user).select_related("organization").order_by(
            "organization__depth").first()
        return user, assignment.organization if assignment else Organization.objects.get(parent__isnull=True)

    results = []
    for label, username in (("root", "quantri"), ("commune", "danguy"), ("cell", "bithu1")):
        user, org = login_org(username)
        if label == "root":
            org = Organization.objects.filter(parent__isnull=True).order_by("code").first()
        (orm_ms, orm), (sql_ms, sql) = timed(lambda org=org: statistics.statistics(org, period),
                                             lambda org=org: sql_figures(org, period), repeat=repeat)
        same(orm, sql)
        client = Client()
        client.force_login(user)
        url = reverse("reports:dashboard", args=[org.code]) + f"?kind=custom&first={period.from_code}&last={period.to_code}"
        executed: list[str] = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            assert client.get(url).status_code == 200
        [(view_ms, _response)] = timed(lambda url=url, client=client: client.get(url), repeat=repeat)
        meetings = orm.totals.meetings
        [(alerts_ms, flagged)] = timed(lambda org=org: cells_needing_support(org, period), repeat=max(1, repeat // 3))
        results.append({"profile": profile, "scope": label, "org": org.code, "cells": orm.totals.cells,
                        "meetings": meetings, "orm": orm_ms, "sql": sql_ms, "view": view_ms,
                        "queries": len(executed), "alerts": alerts_ms, "flagged": len(flagged)})
        print(f"  {label:8} {org.code:20} cells {orm.totals.cells:>6,}  meetings {meetings:>7,}  orm {orm_ms:8.1f} ms  "
              f"sql {sql_ms:8.1f} ms  ratio {orm_ms / sql_ms:5.2f}  view {view_ms:8.1f} ms  ({len(executed)} queries)  "
              f"support list {alerts_ms:8.1f} ms ({len(flagged)} cells)", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("CHIBO_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--profiles", default="district,province")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--history-months", type=int, default=12,
                        help="months of meetings the demo writes (its default is 24; the dashboard reads 12)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a kept database that already holds the profile instead of seeding it again")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("bench/dashboard.py measures PostgreSQL: give --database-url postgres://…")
    ensure_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["CHIBO_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=True)  # the test client's host; DEBUG keeps plain static files
    from django.conf import settings

    settings.DEBUG = False  # no query log growing in memory between runs
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test runner does: keep one connection across requests (a reconnect is not the dashboard's cost).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # seeding, not hashing
    call_command("migrate", verbosity=0)
    results = []
    try:
        for profile in args.profiles.split(","):
            results += measure(profile.strip(), args.scale, args.repeat, args.history_months, args.reuse)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            ensure_database(args.database_url, drop=True)
    by = {(r["profile"], r["scope"]): r for r in results}
    if ("district", "root") in by and ("province", "root") in by:
        small, large = by[("district", "root")], by[("province", "root")]
        print(f"growth district → province (root): meetings ×{large['meetings'] / small['meetings']:.1f}, "
              f"orm ×{large['orm'] / small['orm']:.1f}, sql ×{large['sql'] / small['sql']:.1f}, "
              f"view ×{large['view'] / small['view']:.1f}")


if __name__ == "__main__":
    main()
