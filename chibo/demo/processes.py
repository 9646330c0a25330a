"""Run a few commands side by side (run_demo: the web server and the background worker).

Each child gets its own process group, so that stopping it also stops what it started
(runserver's autoreloader runs the server in a grandchild). Ctrl-C and SIGTERM reach only
this process; it forwards SIGINT to every group, waits, then kills what is left.
"""

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread (tests drive `stop` directly)
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: stop.set())
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _stop_all(processes: dict[str, subprocess.Popen], grace: float) -> None:
    running = [p for p in processes.values() if p.poll() is None]
    for process in running:
        _signal_group(process, signal.SIGINT)
    deadline = time.monotonic() + grace
    for process in running:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
    # The group may outlive its leader (an autoreloader's child): make sure nothing is left behind.
    for process in processes.values():
        _signal_group(process, signal.SIGKILL)


def supervise(commands: dict[str, list[str]], *, essential: str, say: Callable[[str], None],
              stop: threading.Event | None = None, grace: float = 10.0, poll: float = 0.2) -> int:
    """Start every command; return when asked to stop (Ctrl-C, SIGTERM, `stop`) or when `essential` exits.

    A non-essential child that dies is reported once and the others keep running. The return
    value is the exit code of `essential` if it ended on its own, else 0.
    """
    stop = stop or threading.Event()
    processes: dict[str, subprocess.Popen] = {}
    reported: set[str] = set()
    code = 0
    with _stop_on_signals(stop):
        try:
            for name, argv in commands.items():
                processes[name] = subprocess.Popen(argv, start_new_session=True)
            while not stop.wait(poll):
                for name, process in processes.items():
                    returncode = process.poll()
                    if returncode is None or name in reported:
                        continue
                    reported.add(name)
                    if name == essential:
                        say(_("Tiến trình %(name)s đã dừng (mã thoát %(code)s); dừng các tiến trình còn lại.")
                            % {"name": name, "code": returncode})
                        code = returncode
                        stop.set()
                    else:
                        say(_("Tiến trình %(name)s đã dừng (mã thoát %(code)s); %(essential)s vẫn chạy nhưng các "
                              "tác vụ nền sẽ không được xử lý cho đến khi chạy lại run_demo.")
                            % {"name": name, "code": returncode, "essential": essential})
        finally:
            _stop_all(processes, grace)
    return code
