#!/usr/bin/env python3
"""Run Canting, or its tests, from a fresh clone with nothing but Python 3.11+.

    python3 quickstart.py                 serve the Kota Mojokerto demo on http://127.0.0.1:8000
    python3 quickstart.py --port 8001     the same on another port (any `canting serve` option works)
    python3 quickstart.py test [ARGS]     run the test suite; ARGS go to pytest

The project's environment is managed by uv. This script uses the uv on PATH, or installs a private copy under
.tools/ the first time, then lets uv build .venv/ exactly as uv.lock pins it. Standard library only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

MIN_PYTHON = (3, 11)
MIN_UV = (0, 9, 0)  # older uv releases misread the lock file's newer format revisions
ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
WINDOWS = os.name == "nt"
USAGE = __doc__.split("\n\n")[1].rstrip() if __doc__ else ""


class QuickstartError(Exception):
    """A step failed; the message tells the user what to do, the code is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    print(f"quickstart: {message}", file=sys.stderr, flush=True)


def uv_version(command: list[str]) -> tuple[int, ...] | None:
    """The version of the uv that ``command`` runs, or None when it does not run."""
    try:
        out = subprocess.run(  # noqa: S603 -- an argument list this script builds, no shell
            [*command, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"\buv (\d+)\.(\d+)\.(\d+)", out.stdout)
    if out.returncode != 0 or match is None:
        return None
    return tuple(int(part) for part in match.groups())


def usable(command: list[str]) -> bool:
    version = uv_version(command)
    return version is not None and version >= MIN_UV


def private_uv() -> Path:
    return TOOLS / ("Scripts/uv.exe" if WINDOWS else "bin/uv")


def install_private_uv() -> list[str]:
    """Install uv into .tools/ (a virtual environment of its own), or for the user when venv is unavailable."""
    say("uv was not found: installing it into .tools/ (a one-time download of about 20 MB) ...")
    pip = TOOLS / ("Scripts/pip.exe" if WINDOWS else "bin/pip")
    if run([sys.executable, "-m", "venv", str(TOOLS)]) == 0:
        if run([str(pip), "install", "--disable-pip-version-check", "--quiet", "uv"]) != 0:
            raise QuickstartError(
                "pip could not install uv into .tools/. Check the network connection (or the proxy settings in "
                "HTTPS_PROXY) and run this command again."
            )
        if usable([str(private_uv())]):
            return [str(private_uv())]
        raise QuickstartError(f"uv was installed into .tools/ but {private_uv()} does not run.")

    shutil.rmtree(TOOLS, ignore_errors=True)
    say("this Python cannot create a virtual environment; installing uv for the current user with pip ...")
    if run([sys.executable, "-m", "pip", "install", "--user", "--disable-pip-version-check", "--quiet", "uv"]) == 0:
        # The uv package can also be run as a module, which works even when the user's scripts folder is not on PATH.
        for command in ([sys.executable, "-m", "uv"], [str(Path(user_scripts()) / ("uv.exe" if WINDOWS else "uv"))]):
            if usable(command):
                return command
    raise QuickstartError(
        "could not install uv. Install the venv module (on Debian or Ubuntu: `sudo apt install python3-venv`) "
        "or install uv yourself (https://docs.astral.sh/uv/), then run this command again."
    )


def user_scripts() -> str:
    return sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user"))


def find_uv() -> list[str]:
    on_path = shutil.which("uv")
    if on_path and usable([on_path]):
        return [on_path]
    if on_path:
        say(f"the uv at {on_path} is older than {'.'.join(map(str, MIN_UV))} or does not run; using a private one.")
    if usable([str(private_uv())]):
        return [str(private_uv())]
    return install_private_uv()


def exit_status(code: int) -> int:
    """A child killed by a signal reports -N; a shell would report 128+N."""
    return 128 - code if code < 0 else code


# Signals a service manager or a terminal sends to stop this script: passed on to the child, so nothing keeps serving.
FORWARDED = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def run(command: list[str]) -> int:
    """Run a command in the repository and return its exit status (as a shell would report it)."""
    try:
        process = subprocess.Popen(command, cwd=ROOT)  # noqa: S603 -- an argument list this script builds, no shell
    except OSError as exc:
        raise QuickstartError(f"could not start {command[0]}: {exc}") from None

    def forward(signum: int, _frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED}
    try:
        while True:
            try:
                return exit_status(process.wait())
            except KeyboardInterrupt:
                continue  # the child got the same Ctrl-C from the terminal: let it shut down and report its status
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def sync(uv: list[str]) -> None:
    say("preparing the environment in .venv/ from uv.lock (the first run downloads the packages) ...")
    code = run([*uv, "sync", "--frozen"])
    if code != 0:
        raise QuickstartError(
            f"`uv sync --frozen` failed (exit status {code}). If the messages above speak of the network, check the "
            "connection or the proxy settings (HTTPS_PROXY) and run this command again.",
            code,
        )


def port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        if not WINDOWS:  # there it would let the probe share a port that is in use
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError:
            return True
    return False


def option(args: list[str], name: str, default: str) -> str:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def serve(uv: list[str], args: list[str]) -> int:
    host, port = option(args, "--host", "127.0.0.1"), option(args, "--port", "8000")
    if port.isdigit() and port_taken(host, int(port)):
        raise QuickstartError(
            f"port {port} on {host} is already in use. Stop the program that holds it (perhaps an earlier Canting), "
            f"or choose another port: python3 quickstart.py --port {int(port) + 1}"
        )
    sync(uv)
    say("starting Canting with the demo data (migrations and area codes are loaded the first time) ...")
    return run([*uv, "run", "--frozen", "--no-sync", "canting", "serve", "--demo", *args])


def test(uv: list[str], args: list[str]) -> int:
    sync(uv)
    # One pytest worker per CPU (pytest-xdist); the demo's tests stay together on one of them. "-n 0" runs in one.
    parallel = [] if any(a.startswith(("-n", "--numprocesses")) for a in args) else PARALLEL
    code = run([*uv, "run", "--frozen", "--no-sync", "pytest", *parallel, *args])
    if code == 5:
        say("pytest collected no tests (exit status 5).")
    return code


PARALLEL = ["-n", "auto", "--dist", "loadgroup"]


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        raise QuickstartError(f"Canting needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version}.")
    if argv and argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    if argv and argv[0] == "test":
        return test(find_uv(), argv[1:])
    if argv and argv[0] == "serve":
        argv = argv[1:]
    if argv and not argv[0].startswith("-"):
        raise QuickstartError(f"unknown command {argv[0]!r}.\n{USAGE}", 2)
    return serve(find_uv(), argv)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except QuickstartError as error:
        say(str(error))
        sys.exit(error.code)
    except KeyboardInterrupt:
        sys.exit(130)
