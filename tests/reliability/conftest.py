"""Shared machinery of the reliability suite: run a command, check it failed cleanly.

Every case asserts the same things (see docs/reliability.md): the exit code,
``Error: …`` naming the file, no traceback, bounded time and memory, no
partial or temporary file left, and the inputs untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aligner.cli import main

from ..conftest import ROOT, SEED_AR, SEED_FR
from .standin import install

#: Seconds any single case may take (the battery's "no hang" bound is 20 s).
CASE_SECONDS = 20
#: Extra resident memory an in-process case may add (MB), and a subprocess may use.
CASE_MB = 600
SUBPROCESS_MB = 1500


@pytest.fixture(autouse=True)
def _standin() -> None:
    install()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the seed pair in the case's own folder."""
    fr, ar = tmp_path / "fr.txt", tmp_path / "ar.txt"
    shutil.copyfile(SEED_FR, fr)
    shutil.copyfile(SEED_AR, ar)
    return fr, ar


class Timeout(Exception):
    """A case ran past :data:`CASE_SECONDS`: a hang."""


@contextlib.contextmanager
def deadline(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Interrupt the block (even a blocking open of a FIFO) after *seconds*."""

    def fire(signum: int, frame: object) -> None:
        raise Timeout(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args: list[str], seconds: float = CASE_SECONDS, input: str | None = None) -> Result:
    """The CLI in-process (``CliRunner``), under a deadline and a memory bound."""
    before = _maxrss_mb()
    start = time.monotonic()
    with deadline(seconds):
        res = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert time.monotonic() - start < seconds
    grown = _maxrss_mb() - before
    assert grown < CASE_MB, f"the command grew the process by {grown:.0f} MB"
    if isinstance(res.exception, Timeout):
        raise AssertionError(f"hang: {' '.join(map(str, args))}")
    return res


def assert_clean_error(res: Result, name: str | os.PathLike[str] | None, code: int = 1) -> None:
    """Exit *code*, one ``Error: …`` naming *name*, no traceback."""
    out = res.output
    assert "Traceback" not in out, out
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"uncaught {type(res.exception).__name__}: {res.exception}\n{out}")
    assert res.exit_code == code, (res.exit_code, out)
    assert "Error: " in out, out
    if name is not None:
        assert str(name) in out, f"{name} not named in: {out}"


@dataclass(frozen=True)
class Snapshot:
    """Every file under a folder: content hash, mode, size."""

    files: dict[str, tuple[str, int]]

    @classmethod
    def of(cls, folder: Path) -> Snapshot:
        files = {}
        for p in sorted(folder.rglob("*")):
            if p.is_symlink() or not p.is_file():
                continue
            files[str(p.relative_to(folder))] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
        return cls(files)

    def assert_unchanged(self, folder: Path, allowed_new: tuple[str, ...] = ()) -> None:
        now = Snapshot.of(folder)
        for name, value in self.files.items():
            assert now.files.get(name) == value, f"{name} was changed or removed"
        new = set(now.files) - set(self.files) - set(allowed_new)
        assert not new, f"left behind: {sorted(new)}"


def leftovers(folder: Path) -> list[str]:
    """Temporary or partial files under *folder*."""
    return sorted(str(p) for p in folder.rglob("*") if p.name.endswith(".part") or ".corrupt-" in p.name)


@dataclass
class Proc:
    """A finished subprocess: exit code, output, peak memory (MB), seconds."""

    returncode: int
    stdout: str
    stderr: str
    max_mb: float
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli_command(*args: object) -> list[str]:
    """The ``aligner`` command line (with the stand-in encoder) for a subprocess."""
    return [sys.executable, "-m", "tests.reliability.cli", *map(str, args)]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return e


def _default_signals() -> None:
    # a suite started in the background (nohup, `cmd &` without job control) hands SIGHUP or
    # SIGINT down ignored, and the commands rightly leave an ignored signal alone: the cases
    # that send them must start from the default disposition
    for sig in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def spawn(args: list[str], **extra_env: str) -> subprocess.Popen[str]:
    """Start *args* in its own session (so a hang can be killed with its children), with the
    default handling of the signals the cases send."""
    return subprocess.Popen(args, cwd=ROOT, env={**env(), **extra_env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_default_signals)


def finish(proc: subprocess.Popen[str], seconds: float = CASE_SECONDS) -> Proc:
    """Wait for *proc* (killed, with its group, after *seconds*); its peak memory from ``wait4``."""
    start = time.monotonic()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > seconds:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = _drain(proc.stdout), _drain(proc.stderr)
    if timed_out:
        raise AssertionError(f"hang (killed after {seconds} s): {proc.args}\n{err[-2000:]}")
    return Proc(proc.returncode, out, err, usage.ru_maxrss / 1024, time.monotonic() - start)


def _drain(stream: object, seconds: float = 2.0) -> str:
    """What a finished process wrote to a pipe; never waits on an orphan that still holds the pipe."""
    import select

    if stream is None:
        return ""
    fd = stream.fileno()  # type: ignore[attr-defined]
    chunks: list[bytes] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            break
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", errors="replace")


def run_sub(*args: object, seconds: float = CASE_SECONDS) -> Proc:
    """The CLI in a subprocess, bounded in time; asserts its peak memory."""
    res = finish(spawn(cli_command(*args)), seconds)
    assert res.max_mb < SUBPROCESS_MB, f"{res.max_mb:.0f} MB"
    return res


def assert_clean_error_sub(res: Proc, name: str | os.PathLike[str] | None, code: int = 1) -> None:
    assert "Traceback" not in res.output, res.output
    assert res.returncode == code, (res.returncode, res.output)
    assert "Error: " in res.stderr, res.output
    if name is not None:
        assert str(name) in res.stderr, res.output


def can_mount() -> bool:
    """True when this process may mount a tmpfs (root in CI containers, usually)."""
    return os.geteuid() == 0 and shutil.which("mount") is not None and sys.platform.startswith("linux")


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "64k", read_only: bool = False) -> Iterator[bool]:
    """Mount a small tmpfs on *folder*; yields False (nothing mounted) where that is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    mounted = can_mount() and subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(folder)],
                                             capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


SEEDS = (SEED_FR, SEED_AR)
