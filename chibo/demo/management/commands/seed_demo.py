"""chibo seed_demo --profile {commune,district,province} --seed N [--history-months M] [--if-empty | --reset]"""

import resource
import sys
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from tqdm import tqdm

from chibo.core.errors import RuleViolation
from chibo.demo import selectors, services
from chibo.demo.generator import EARLIEST_AS_OF, REFERENCE_DATE, vn_date
from chibo.demo.history import HISTORY_MONTHS
from chibo.demo.profiles import PROFILES
from chibo.organizations.models import Organization
from chibo.reports import statistics
from chibo.reports.statistics import Period, vn_percent


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process: unlike the wall clock, it does not grow when the machine is busy."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Command(BaseCommand):
    help = _("Tạo dữ liệu demo: cây tổ chức đảng, đảng viên và các tài khoản dùng thử. "
             "Cùng seed và cùng ngày tham chiếu thì cùng dữ liệu.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=list(PROFILES), default="commune",
                            help=_("commune: một đảng bộ xã, ~30 chi bộ, ~900 đảng viên; district: huyện cũ "
                                   "(39 đơn vị trực thuộc, 225 chi bộ, ~6.300 đảng viên); province: ~15.000 chi bộ, "
                                   "~370.000 đảng viên (đo hiệu năng)."))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--as-of", type=date.fromisoformat, default=REFERENCE_DATE,
                            help=_("Ngày tham chiếu (YYYY-MM-DD) để tính tuổi, ngày vào Đảng…; mặc định %(d)s.")
                            % {"d": REFERENCE_DATE.isoformat()})
        parser.add_argument("--scale", type=float, default=1.0,
                            help=_("Hệ số quy mô số đảng viên (và số chi bộ với profile province)."))
        parser.add_argument("--history-months", type=int, default=HISTORY_MONTHS,
                            help=_("Số tháng lịch sử sinh hoạt chi bộ trước ngày tham chiếu (mặc định %(n)d; 0: không "
                                   "tạo buổi sinh hoạt nào).") % {"n": HISTORY_MONTHS})
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument("--if-empty", action="store_true",
                              help=_("Nếu đã có dữ liệu thì không làm gì (dùng cho make demo)."))
        existing.add_argument("--reset", action="store_true",
                              help=_("Xóa toàn bộ dữ liệu trong cơ sở dữ liệu rồi tạo lại."))
        parser.add_argument("--no-progress", action="store_true", help=_("Không hiện thanh tiến độ."))

    def handle(self, *args, profile: str, seed: int, as_of: date, scale: float, history_months: int, if_empty: bool,
               reset: bool, no_progress: bool, verbosity: int, **options) -> None:
        if as_of < EARLIEST_AS_OF:
            raise CommandError(_("--as-of phải từ %(d)s trở đi: dữ liệu demo đã có cuộc sắp xếp tổ chức 1/7/2025.")
                               % {"d": EARLIEST_AS_OF.isoformat()})
        if scale <= 0:
            raise CommandError(_("--scale phải lớn hơn 0."))
        if not 0 <= history_months <= 120:
            raise CommandError(_("--history-months phải từ 0 đến 120."))
        if selectors.demo_data_exists():
            if if_empty:
                counts = selectors.demo_counts()
                self.stdout.write(_("Cơ sở dữ liệu đã có dữ liệu (%(orgs)d tổ chức, %(members)d đảng viên): giữ nguyên, "
                                    "không tạo dữ liệu demo. Tài khoản dùng thử: bithu1 / %(pw)s.")
                                  % {"orgs": counts.organizations, "members": counts.members,
                                     "pw": services.DEMO_PASSWORD})
                return
            if not reset:
                raise CommandError(_("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để xóa hết và tạo lại, "
                                     "hoặc --if-empty để giữ nguyên."))
            services.demo_reset()
            self.stdout.write(_("Đã xóa dữ liệu cũ."))

        started, cpu_started = time.perf_counter(), cpu_seconds()
        with tqdm(desc=_("Tạo dữ liệu demo"), unit=_(" chi bộ"), file=sys.stderr,
                  disable=no_progress or verbosity == 0, mininterval=0.5) as bar:
            def progress(done: int, expected: int) -> None:
                bar.total = expected
                bar.update(done)

            try:
                result = services.demo_seed(profile=profile, seed=seed, as_of=as_of, scale=scale,
                                            history_months=history_months, progress=progress)
            except RuleViolation as error:
                raise CommandError(" ".join(error.messages)) from error
        self._summary(result, time.perf_counter() - started, cpu_seconds() - cpu_started)

    def _summary(self, result: services.SeedResult, elapsed: float, cpu: float) -> None:
        counts, plan = result.counts, result.plan
        write = self.stdout.write
        write(self.style.SUCCESS(_("Đã tạo dữ liệu demo «%(profile)s» (seed %(seed)d, tính đến ngày %(day)s).")
                                 % {"profile": plan.profile, "seed": plan.seed, "day": vn_date(plan.as_of)}))
        write(_("  Tổ chức đảng: %(orgs)d, trong đó %(cells)d chi bộ.")
              % {"orgs": counts.organizations, "cells": counts.cells})
        write(_("  Đảng viên: %(all)d (%(current)d đang sinh hoạt, %(left)d đã ra khỏi danh sách).")
              % {"all": counts.members, "current": counts.current_members,
                 "left": counts.members - counts.current_members})
        if result.months:
            self._history(result)
        write(_("  Thời gian: %(s)s giây (CPU %(cpu)s giây); bộ nhớ đỉnh: %(mb)s MB.")
              % {"s": number_format(elapsed, 1), "cpu": number_format(cpu, 1), "mb": number_format(peak_memory_mb(), 0)})
        write(_("Tài khoản dùng thử (mật khẩu %(pw)s):") % {"pw": services.DEMO_PASSWORD})
        for login in result.logins:
            who = f" — {login.member}" if login.member else ""
            write(f"  {login.username:<10} {login.role} — {login.organization}{who}")

    def _history(self, result: services.SeedResult) -> None:
        """The shape of the history, from chibo.reports.statistics: what the dashboard will show."""
        write = self.stdout.write
        history, months = result.history, result.months
        period = Period(months[0], months[-1])
        root = Organization.objects.get(code=result.plan.root_code)
        data = statistics.report(root, period)
        levels = data["levels"]
        write(_("  Lịch sử %(n)d tháng (%(p)s): %(m)d buổi sinh hoạt (%(r)d thường kỳ, %(t)d chuyên đề), "
                "%(a)d lượt điểm danh, %(c)d ý kiến phát biểu, %(k)d phiếu đánh giá.")
              % {"n": len(months), "p": period.label, "m": history.meetings, "r": data["regular_meetings"],
                 "t": data["thematic_meetings"], "a": history.attendance, "c": history.contributions,
                 "k": history.ratings})
        write(_("  Tỷ lệ dự %(a)s; buổi từ 90%% dự %(g)s; buổi trên nửa phát biểu %(o)s; ý kiến đề xuất %(p)s; "
                "tháng không sinh hoạt thường kỳ: %(x)d.")
              % {"a": vn_percent(data["attendance_rate"]), "g": vn_percent(data["share_attendance_ge_90"]),
                 "o": vn_percent(data["share_over_half_spoke"]), "p": vn_percent(data["proposal_share"]),
                 "x": data["missed_regular_meetings"]})
        write(_("  Xếp loại: Tốt %(tot)s, Khá %(kha)s, Trung bình %(tb)s, Kém %(kem)s, chưa đánh giá %(un)s.")
              % {"tot": vn_percent(levels["tot"]["share"]), "kha": vn_percent(levels["kha"]["share"]),
                 "tb": vn_percent(levels["trung_binh"]["share"]), "kem": vn_percent(levels["kem"]["share"]),
                 "un": vn_percent(levels["unrated"]["share"])})
        if result.weak:
            names = dict(Organization.objects.filter(code__in=list(result.weak)).values_list("code", "name"))
            shown = [f"{names[code]} ({', '.join(result.weak[code])})" for code in sorted(result.weak)[:6]]
            more = len(result.weak) - len(shown)
            write(_("  Chi bộ yếu (%(n)d): %(cells)s%(more)s.")
                  % {"n": len(result.weak), "cells": "; ".join(shown), "more": f"; … {more}" if more > 0 else ""})
        if result.upcoming is not None:
            write(_("  Buổi sinh hoạt sắp tới của bithu1: %(t)s, ngày %(d)s.")
                  % {"t": result.upcoming.title, "d": vn_date(result.upcoming.planned_date)})
