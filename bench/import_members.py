"""Benchmark: import a 100,000-row member list (.xlsx) into a fresh organization.

    .venv/bin/python bench/import_members.py [--rows 100000] [--cells 50] [--database-url URL] [--tracemalloc] [--keep]

Everything happens in a new temporary directory: a deterministic .xlsx shaped like an office's list
(title rows, a header with variants, real Excel dates and typed dd/mm/yyyy dates, a "Chi bộ" column),
and — unless --database-url is given — a fresh SQLite database, migrated first. It prints rows/second
and peak memory for the check (a dry run), for the real import (check + write, timed separately), and
for re-importing the same file (every row unchanged). docs/imports.md records the figures.

Peak memory is the process's peak resident set (ru_maxrss), which only grows: each figure is the peak
so far. With --tracemalloc it also prints the peak of Python allocations per phase (slower).
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", "Quang", "Thanh", "Hữu", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Ngân",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Xuân", "Yến"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def generate(path: Path, *, rows: int, cell_codes: list[str], seed: int = 20260301) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["ĐẢNG BỘ PHƯỜNG BENCH"])
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws.append([])
    ws.append(["STT", "Họ tên đảng viên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Ngày kết nạp",
               "Ngày công nhận chính thức", "Số thẻ ĐV", "Điện thoại", "Chi bộ", "Ghi chú"])
    for index in range(1, rows + 1):
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365))
        admission = birth + timedelta(days=rng.randrange(18 * 365, 30 * 365))
        admission = min(admission, date(2024, 12, 31))
        official = admission + timedelta(days=365) if rng.random() < 0.8 else None
        ws.append([
            index, f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", birth,
            "Nữ" if rng.random() < 0.4 else "Nam", "Kinh", "Không",
            admission.strftime("%d/%m/%Y"),  # typed as text, as many offices do
            official, f"9{index:07d}", f"09{rng.randrange(10**8):08d}", cell_codes[index % len(cell_codes)], None,
        ])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cells", type=int, default=50)
    parser.add_argument("--database-url", help="an empty database to use instead of a fresh SQLite file")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python allocations (slower)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (file and database)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="chibo-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["CHIBO_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from chibo.organizations.imports.members import members_import
    from chibo.organizations.models import Member
    from chibo.organizations.services import organization_create

    call_command("migrate", verbosity=0)
    commune = organization_create(code="BENCH", name="Đảng bộ phường Bench", kind="commune", parent=None)
    cells = [organization_create(code=f"BENCH.{i:03d}", name=f"Chi bộ Khu phố {i}", kind="grassroots_cell",
                                 parent=commune).code for i in range(1, args.cells + 1)]
    file = workdir / f"danh-sach-{args.rows}.xlsx"
    started = time.perf_counter()
    generate(file, rows=args.rows, cell_codes=cells)
    print(f"database: {connection.vendor}; file: {file.name}, {args.rows:,} rows, "
          f"{file.stat().st_size / 1e6:.1f} MB, generated in {time.perf_counter() - started:.1f} s")

    def run(label: str, **kwargs) -> None:
        marks: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            marks.setdefault(phase, time.perf_counter())

        if args.tracemalloc:
            tracemalloc.start()
        start = time.perf_counter()
        result = members_import(organization=commune, source=file, progress=progress, **kwargs)
        end = time.perf_counter()
        assert result.ok, result.errors[:5]
        checked = marks.get("write", end) - start
        line = (f"{label:<22} check {checked:6.1f} s ({result.total_rows / checked:7,.0f} rows/s)")
        if "write" in marks and result.created + result.updated:
            written = end - marks["write"]
            line += f"  write {written:6.1f} s ({result.total_rows / written:7,.0f} rows/s)"
        line += (f"  created {result.created:,} updated {result.updated:,} unchanged {result.unchanged:,}"
                 f"  peak RSS so far {peak_mb():,.0f} MB")
        if args.tracemalloc:
            line += f"  python peak {tracemalloc.get_traced_memory()[1] / 2**20:,.0f} MB"
            tracemalloc.stop()
        print(line, flush=True)

    run("validation (dry run)", dry_run=True)
    run("import (new members)")
    run("re-import (unchanged)")
    print(f"members in the database: {Member.objects.count():,}")
    connection.close()
    if args.keep:
        print(f"kept: {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
