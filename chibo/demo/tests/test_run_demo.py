"""run_demo: the web server and the worker run side by side and stop together."""

import os
import signal
import sys
import threading
import time

from chibo.demo.management.commands.run_demo import demo_commands
from chibo.demo.processes import supervise


def _sleeper(pid_file) -> list[str]:
    """A child that records its pid, then waits to be interrupted (and exits cleanly on SIGINT)."""
    code = ("import os, signal, sys, time; signal.signal(signal.SIGINT, lambda *a: sys.exit(0)); "
            f"open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)")
    return [sys.executable, "-c", code]


def _exits(code: int) -> list[str]:
    return [sys.executable, "-c", f"import sys; sys.exit({code})"]


def _alive(pid_file) -> bool:
    recorded = pid_file.read_text() if pid_file.exists() else ""
    if not recorded:
        return False  # stopped before it could write its pid (a busy machine makes that window wide)
    try:
        os.kill(int(recorded), 0)
    except ProcessLookupError:
        return False
    return True


def _when_started(pid_files, then) -> None:
    def wait() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not all(p.exists() and p.read_text() for p in pid_files):
            time.sleep(0.05)
        then()
    threading.Thread(target=wait, daemon=True).start()


def test_it_runs_the_server_and_the_worker_with_this_python():
    commands = demo_commands(host="127.0.0.1", port=8123, reload=False)
    server, worker = commands.values()
    assert server == [sys.executable, "-m", "chibo.cli", "runserver", "127.0.0.1:8123", "--noreload"]
    assert worker == [sys.executable, "-m", "chibo.cli", "db_worker", "--no-reload"]
    assert demo_commands(host="::1", port=80, reload=True)["máy chủ web (runserver)"][-1] == "[::1]:80"


def test_it_stops_both_when_asked(tmp_path):
    web, worker = tmp_path / "web", tmp_path / "worker"
    stop = threading.Event()
    _when_started([web, worker], stop.set)
    code = supervise({"web": _sleeper(web), "worker": _sleeper(worker)}, essential="web", say=print, stop=stop,
                     poll=0.05)
    assert code == 0
    assert not _alive(web) and not _alive(worker)


def test_ctrl_c_stops_both(tmp_path):
    web, worker = tmp_path / "web", tmp_path / "worker"
    _when_started([web, worker], lambda: os.kill(os.getpid(), signal.SIGINT))
    code = supervise({"web": _sleeper(web), "worker": _sleeper(worker)}, essential="web", say=print, poll=0.05)
    assert code == 0
    assert not _alive(web) and not _alive(worker)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handlers restored


def test_it_says_so_when_the_worker_dies_and_keeps_serving(tmp_path) -> None:
    web = tmp_path / "web"
    said: list[str] = []
    stop = threading.Event()

    def say(message: str) -> None:
        said.append(message)
        _when_started([web], stop.set)

    code = supervise({"web": _sleeper(web), "worker": _exits(3)}, essential="web", say=say, stop=stop, poll=0.05)
    assert code == 0
    assert len(said) == 1 and "worker" in said[0] and "3" in said[0]  # reported once, the server kept running
    assert not _alive(web)



def test_it_stops_the_worker_when_the_server_ends(tmp_path) -> None:
    worker = tmp_path / "worker"
    said: list[str] = []
    code = supervise({"web": _exits(4), "worker": _sleeper(worker)}, essential="web", say=said.append, poll=0.05)
    assert code == 4
    assert "web" in said[0]
    assert not _alive(worker)
