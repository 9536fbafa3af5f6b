"""gunicorn on a free loopback port for the load benchmarks, and the background task worker beside it: each started
in a session of its own and stopped with its children however the benchmark ends (an error, Ctrl-C, a polite
kill)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

HOST = "127.0.0.1"


def log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else ""


def interrupt(signum: int, frame: Any) -> None:
    """A polite kill (a CI time-out, ``kill``) takes the way out Ctrl-C takes, so gunicorn is stopped too."""
    raise KeyboardInterrupt


def stop(server: subprocess.Popen[bytes]) -> None:
    """TERM to gunicorn's process group, and KILL if it has not gone after 15 s."""
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_until_up(server: subprocess.Popen[bytes], base: str, paths: Iterable[str], log: Path) -> None:
    """Wait until every path answers (any status under 400); a path that fails, or a server that stops, ends it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn stopped (exit {server.returncode}):\n{log_tail(log)}")
        try:
            for path in paths:
                urllib.request.urlopen(base + path, timeout=10).close()  # noqa: S310 -- loopback only
            return
        except urllib.error.HTTPError as exc:
            raise CommandError(f"{exc.url} answered {exc.code}:\n{log_tail(log)}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)  # not listening yet, or its workers still starting
    raise CommandError("gunicorn did not answer within 60 s")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int, ready: Iterable[str] = ("/",)) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers on a free port of 127.0.0.1; yields its base URL."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    argv = [
        sys.executable, "-m", "gunicorn", "canting.wsgi", "--bind", f"{HOST}:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--graceful-timeout", "5", "--timeout", "60",
        "--no-control-socket",  # the default socket path is shared with any other gunicorn on this machine
    ]  # fmt: skip
    with open(log, "ab") as out:
        # A session of its own: Ctrl-C reaches only the benchmark, which then stops gunicorn in order.
        server = subprocess.Popen(argv, env=env, stdout=out, stderr=out, start_new_session=True)  # noqa: S603
        try:
            base = f"http://{HOST}:{port}"
            wait_until_up(server, base, ready, log)
            yield base
        finally:
            stop(server)


@contextlib.contextmanager
def task_worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``canting db_worker`` for the database task backend, as docs/operations.md runs it beside the web workers."""
    argv = [
        sys.executable,
        "-c",
        "from canting.cli import main; main()",
        "db_worker",
        "--no-startup-delay",
        "--no-reload",
    ]
    with open(log, "ab") as out:
        worker = subprocess.Popen(argv, env=env, stdout=out, stderr=out, start_new_session=True)  # noqa: S603
        try:
            yield worker
        finally:
            stop(worker)
