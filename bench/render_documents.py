"""Benchmark: render the sample minutes (and resolution) as .docx and .pdf, median of N runs.

    .venv/bin/python bench/render_documents.py [--runs 10] [--database-url URL]

Unless --database-url is given, it migrates a fresh SQLite database in a temporary directory, so the
format comes from the data migration through format_for(), as in the app. Each timed run builds the
document from the sample MeetingSnapshot and renders it to bytes in memory. The first PDF render of
a process also loads and indexes the fonts; it is printed apart ("cold") and not part of the median.
docs/documents.md records the figures.
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(action: Callable[[], bytes], runs: int) -> tuple[float, float, float, int]:
    """(cold seconds, median wall seconds and median CPU seconds of `runs` warm runs, output size).

    CPU time is printed too because the build machine is shared: wall time grows with the load,
    the process's own CPU time much less.
    """
    start = time.perf_counter()
    size = len(action())
    cold = time.perf_counter() - start
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return cold, statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="chibo-bench-render-")
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ["CHIBO_DATA_DIR"] = workdir
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from chibo.reports.documents import build_minutes, build_resolution, render_docx, render_pdf
    from chibo.reports.documents.samples import SAMPLE_NUMBER, SAMPLE_SIGNER, sample_meeting
    from chibo.reports.selectors import format_for

    call_command("migrate", "reports", verbosity=0)
    snapshot = sample_meeting()
    fmt = format_for(snapshot.day)
    layout = fmt.spec()

    def minutes():
        return build_minutes(snapshot)

    def resolution():
        return build_resolution(snapshot, number=SAMPLE_NUMBER, signer=SAMPLE_SIGNER)

    cases = [
        ("minutes .docx", lambda: render_docx(minutes(), layout)),
        ("minutes .pdf", lambda: render_pdf(minutes(), layout)),
        ("resolution .docx", lambda: render_docx(resolution(), layout)),
        ("resolution .pdf", lambda: render_pdf(resolution(), layout)),
    ]
    print(f"format {fmt.code}; {args.runs} warm runs each; sample meeting of {len(snapshot.roll)} members")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'document':<18} {'cold s':>8} {'median s':>9} {'median CPU s':>13} {'bytes':>8}")
    for name, action in cases:
        cold, median, cpu, size = timed(action, args.runs)
        print(f"{name:<18} {cold:>8.3f} {median:>9.3f} {cpu:>13.3f} {size:>8}")


if __name__ == "__main__":
    main()
