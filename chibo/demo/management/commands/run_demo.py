"""chibo run_demo [--host 127.0.0.1] [--port 8000] [--reload]: the web server and the task worker together."""

import sys

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from chibo.demo import selectors
from chibo.demo.processes import supervise
from chibo.demo.services import DEMO_PASSWORD


def demo_commands(*, host: str, port: int, reload: bool) -> dict[str, list[str]]:
    """The two processes, run by this same Python: `python -m chibo.cli` is the `chibo` script."""
    chibo = [sys.executable, "-m", "chibo.cli"]
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    server = [*chibo, "runserver", address]
    if not reload:
        server.append("--noreload")
    # db_worker reloads on code changes by default when DEBUG is on; the demo does not need that.
    worker = [*chibo, "db_worker", "--no-reload"]
    return {_("máy chủ web (runserver)"): server, _("xử lý nền (db_worker)"): worker}


class Command(BaseCommand):
    help = _("Chạy máy chủ web cùng tiến trình xử lý nền (db_worker); Ctrl-C dừng cả hai.")
    requires_system_checks = []  # runserver runs them itself

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--reload", action="store_true",
                            help=_("Tự khởi động lại máy chủ web khi mã nguồn thay đổi."))

    def handle(self, *args, host: str, port: int, reload: bool, **options) -> None:
        try:
            seeded = selectors.demo_data_exists()
        except DatabaseError:
            seeded = False  # not migrated yet: runserver will say so
        if not seeded:
            self.stderr.write(_("Chưa có dữ liệu: chạy `chibo seed_demo` trước để có tổ chức và tài khoản dùng thử."))
        commands = demo_commands(host=host, port=port, reload=reload)
        self.stdout.write(_("chibo: http://%(host)s:%(port)d/ — đăng nhập bithu1 / %(pw)s. Ctrl-C để dừng.")
                          % {"host": f"[{host}]" if ":" in host else host, "port": port, "pw": DEMO_PASSWORD})
        code = supervise(commands, essential=next(iter(commands)), say=self.stderr.write)
        if code:
            sys.exit(code)
