"""Benchmark: render the minutes of a recorded meeting as .docx and .pdf, median of N runs.

    .venv/bin/python bench/meeting_documents.py [--runs 10] [--keep DIR]

Migrates a fresh SQLite database in a temporary directory, records a meeting of 12 members through
the meetings services (roll call, 8 contributions, a guest, praise, two resolution items, 3 tasks, a
vote, closing, issuing the resolution) and times `chibo.meetings.documents.document_file`, i.e. what a
download does: reading the record, building the snapshot, rendering. The first run of a process is
printed apart (the first PDF loads the fonts). --keep DIR writes the minutes and the resolution there
(to open them in LibreOffice). docs/documents.md records the figures.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NAMES = ["Đặng Quốc Khánh", "Bùi Thị Lan", "Đỗ Văn Mạnh", "Ngô Thị Ngọc", "Trịnh Văn Ổn", "Hồ Thị Phương",
         "Dương Văn Quang", "Lý Thị Sương"]
SAID = [("report", "Báo cáo kết quả thực hiện Nghị quyết tháng 02/2026"), ("proposal", "Đề nghị lắp đèn đường ngõ 5"),
        ("agreement", "Thống nhất với dự thảo nghị quyết"), ("concern", "Phản ánh tình trạng rác thải ở chợ tạm"),
        ("proposal", "Đề xuất thành lập tổ tự quản vệ sinh"),
        ("question", "Hỏi về tiến độ cấp giấy chứng nhận quyền sử dụng đất"),
        ("criticism", "Tự phê bình chưa tham gia đầy đủ các buổi tổng vệ sinh"),
        ("proposal", "Đề xuất khen thưởng hộ gia đình tiêu biểu")]


def record_meeting():
    """A closed regular meeting of 03/3/2026 in the named test world, with its resolution issued."""
    from django.utils import timezone

    from chibo.core.testing import build_world, make_member
    from chibo.meetings import documents, services
    from chibo.organizations.services import position_assign

    world = build_world()
    members = list(world.a_members) + [make_member(world.cell_a, n, f"0100{i:04d}") for i, n in enumerate(NAMES, 10)]
    position_assign(member=members[0], organization=world.cell_a, title="secretary", start_date=date(2025, 7, 1))
    by = world.secretary_a

    def at(hour: int, minute: int = 0):
        return timezone.make_aware(datetime(2026, 3, 3, hour, minute))

    meeting = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=date(2026, 3, 3),
                                          started_at=at(19, 30), ended_at=at(21, 5), entered_by=by,
                                          place="Nhà văn hóa Khu phố 1")
    for row in meeting.attendances.select_related("member"):
        away = row.member.full_name == "Lê Đức Cường"
        services.attendance_mark(attendance=row, status="excused" if away else "present", marked_by=by,
                                 reason="Đi công tác" if away else "")
    services.meeting_opening_set(meeting=meeting, set_by=by, chair=members[0], meeting_secretary=members[1],
                                 fees_note="Đã thu đảng phí tháng 3/2026 của 11/12 đồng chí")
    services.guest_add(meeting=meeting, name="Lê Văn Tám", title="Đảng ủy viên, phụ trách chi bộ", added_by=by,
                       remarks="Ghi nhận chi bộ chuẩn bị chu đáo")
    speakers = [m for m in members if m.full_name != "Lê Đức Cường"]
    for i, (kind, gist) in enumerate(SAID):
        services.contribution_add(meeting=meeting, member=speakers[i % len(speakers)], kind=kind, gist=gist,
                                  added_by=by)
    services.recognition_add(meeting=meeting, member=members[5], kind="praise", note="Vận động bà con góp công",
                             added_by=by)
    lights = services.resolution_item_add(meeting=meeting, body="Hoàn thành lắp đèn đường ngõ 5 trước ngày 30/3/2026",
                                          added_by=by)
    team = services.resolution_item_add(meeting=meeting, body="Ra mắt tổ tự quản vệ sinh môi trường", added_by=by)
    services.task_assign(meeting=meeting, description="Khảo sát vị trí lắp đèn", assignee=members[5],
                         deadline=date(2026, 3, 20), resolution_item=lights, assigned_by=by)
    services.task_assign(meeting=meeting, description="Lập danh sách tổ tự quản", assignee=members[7],
                         deadline=date(2026, 3, 25), resolution_item=team, assigned_by=by)
    services.task_assign(meeting=meeting, description="Báo cáo Đảng ủy phường", to_committee=True,
                         deadline=date(2026, 3, 10), assigned_by=by)
    services.meeting_conclusion_set(meeting=meeting, set_by=by,
                                    conclusion="Chi bộ thống nhất tập trung chỉnh trang ngõ 5 và vệ sinh môi trường.")
    services.vote_record(meeting=meeting, motion="Thông qua Nghị quyết tháng 3/2026", kind="ordinary", votes_for=9,
                         recorded_by=by)
    services.meeting_close(meeting=meeting, closed_by=by)
    documents.resolution_issue(meeting=meeting, issued_by=by)
    return meeting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", help="write minutes.docx, minutes.pdf and resolution.docx into this directory")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="chibo-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from chibo.meetings import documents

        call_command("migrate", verbosity=0)
        meeting = record_meeting()
        for file_format in ("docx", "pdf"):
            start = time.perf_counter()
            file = documents.document_file(meeting, "minutes", file_format)
            first = time.perf_counter() - start
            wall, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                documents.document_file(meeting, "minutes", file_format)
                wall.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            print(f"minutes .{file_format}: median wall {statistics.median(wall):.3f} s, median CPU "
                  f"{statistics.median(cpu):.3f} s, first {first:.3f} s, {len(file.data)} bytes")
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                (Path(args.keep) / f"minutes.{file_format}").write_bytes(file.data)
        if args.keep:
            (Path(args.keep) / "resolution.docx").write_bytes(documents.document_file(meeting, "resolution", "docx").data)
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
