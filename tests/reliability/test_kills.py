"""Kills, signals, FIFOs and concurrent jobs: real processes, bounded in time.

* SIGTERM/SIGINT during a write: the temporary file is removed, the previous output intact.
* SIGKILL at random points of ``align`` and ``batch`` (seeded): no output is ever
  half-written; the next run removes the leftovers; ``batch --resume`` ends with
  the same manifest as an uninterrupted run, no pair lost or duplicated.
* SIGKILL of ``batch --jobs 2``: its workers die with it (no orphan writing on).
* A FIFO given as input: refused at once, never waited on.
* Four jobs on one cache at once: the same results as one job alone.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from aligner.tmx.reader import iter_units

from ..conftest import FIXTURES
from .conftest import assert_clean_error_sub, cli_command, finish, leftovers, run_sub, spawn

ALIGN = ["--encoder", "standin", "-q"]


def _corpus(folder: Path, pairs: int = 6) -> Path:
    """*pairs* French–Arabic article pairs (slices of the FLORES golden case) in *folder*."""
    case = json.loads((FIXTURES / "golden" / "flores-merge-heading-drop.json").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    n = min(len(case["fr"]), len(case["ar"]))
    for k in range(pairs):
        idx = [(k * 3 + i) % n for i in range(8)]
        (folder / f"doc{k}_fr.txt").write_text("\n".join(case["fr"][i] for i in idx) + "\n", encoding="utf-8")
        (folder / f"doc{k}_ar.txt").write_text("\n".join(case["ar"][i] for i in idx) + "\n", encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _manifest(out: Path) -> dict[str, object]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for p in data["pairs"]:
        p["output"] = Path(p["output"]).name
    data["all"] = Path(data["all"]).name if data["all"] else None
    return data


def _assert_complete_tmx(path: Path) -> None:
    assert sum(1 for _ in iter_units(path)) > 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, object]]:
    """An uninterrupted batch run: what every resumed run must end with."""
    root = tmp_path_factory.mktemp("batchref")
    corpus = _corpus(root / "in")
    res = run_sub("batch", corpus, "-o", root / "out", "--no-cache", *ALIGN, seconds=60)
    assert res.returncode == 0, res.output
    return corpus, _manifest(root / "out")


@pytest.mark.parametrize("seed", range(2))
def test_batch_killed_at_random_points_then_resumed(seed: int, reference, tmp_path: Path) -> None:
    corpus, expected = reference
    out = tmp_path / "out"
    rng = random.Random(seed)
    proc = spawn(cli_command("batch", corpus, "-o", out, "--no-cache", "--jobs", "2", *ALIGN), STANDIN_DELAY="0.05")
    time.sleep(rng.uniform(1.5, 4.0))
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must follow it
    finish(proc)
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "orphan batch workers"
    if out.exists():  # whatever was written is complete
        for tmx in (out / "pairs").glob("*.tmx"):
            _assert_complete_tmx(tmx)
    res = run_sub("batch", corpus, "-o", out, "--no-cache", "--resume", *ALIGN, seconds=60)
    assert res.returncode == 0, res.output
    assert _manifest(out) == expected
    assert not leftovers(out)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_align_leaves_no_temporary_file(sig: int, tmp_path: Path, pair) -> None:
    out = tmp_path / "x.tmx"
    out.write_text("previous output\n", encoding="utf-8")
    started = tmp_path / "encoding-started"
    proc = spawn(cli_command("align", *pair, "-o", out, "--no-cache", *ALIGN), STANDIN_DELAY="2",
                 STANDIN_STARTED=str(started))
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)  # wait for the encoder, however slow the imports (a loaded machine)
    time.sleep(0.3)  # encoding under way, signal handlers installed long before
    os.kill(proc.pid, sig)
    res = finish(proc)
    assert res.returncode != 0 and "Traceback" not in res.output, res.output
    assert out.read_text(encoding="utf-8") in ("previous output\n",) or next(iter_units(out), None) is not None
    assert not leftovers(tmp_path)


@pytest.mark.parametrize("seed", range(2))
def test_align_killed_at_random_points(seed: int, tmp_path: Path, pair) -> None:
    out = tmp_path / "x.tmx"
    proc = spawn(cli_command("align", *pair, "-o", out, "--no-cache", *ALIGN), STANDIN_DELAY="0.02")
    time.sleep(random.Random(seed).uniform(1.0, 3.5))
    os.kill(proc.pid, signal.SIGKILL)
    finish(proc)
    if out.exists():
        _assert_complete_tmx(out)
    res = run_sub("align", *pair, "-o", out, "--no-cache", *ALIGN)  # the next run: complete, nothing left over
    assert res.returncode == 0, res.output
    _assert_complete_tmx(out)
    assert not leftovers(tmp_path)


# In-process FIFO cases for every command are in test_bad_inputs (under a deadline); these are
# the commands the battery saw hang, run for real.
@pytest.mark.parametrize("command", ["align-src", "pair", "convert", "merge"])
def test_fifo_input_is_refused_at_once(command: str, tmp_path: Path, pair) -> None:
    fifo = tmp_path / ("pipe.tmx" if command in ("convert", "merge") else
                       "pipe.jsonl" if command in ("report", "qa") else "pipe.txt")
    os.mkfifo(fifo)
    args = {"align-src": ["align", fifo, pair[1], *ALIGN], "align-tgt": ["align", pair[0], fifo, *ALIGN],
            "pair": ["pair", fifo, pair[1], "--encoder", "standin"],
            "convert": ["tmx", "convert", fifo, "-o", tmp_path / "x.tsv"],
            "merge": ["tmx", "merge", fifo, "-o", tmp_path / "x.tmx"],
            "report": ["report", fifo, "-o", tmp_path / "r.html"], "qa": ["qa", fifo]}[command]
    res = run_sub(*args, seconds=20)
    if command == "pair":
        assert res.returncode == 0 and f"{fifo}: not used" in res.output and "FIFO" in res.output
    else:
        assert_clean_error_sub(res, fifo)
        assert "FIFO" in res.stderr


def test_four_jobs_on_one_cache(tmp_path: Path, pair) -> None:
    cache = tmp_path / "cache"
    procs = [spawn(cli_command("align", *pair, "-o", tmp_path / f"x{k}.tsv", "--cache-dir", cache, *ALIGN))
             for k in range(4)]
    results = [finish(p, 60) for p in procs]
    assert all(r.returncode == 0 for r in results), [r.output for r in results]
    texts = {(tmp_path / f"x{k}.tsv").read_text(encoding="utf-8") for k in range(4)}
    assert len(texts) == 1
    assert not leftovers(tmp_path)


WRITER = """
import os, signal, sys, time
from aligner.io.atomic import AtomicFile, install_signal_handlers
install_signal_handlers()
f = AtomicFile(sys.argv[1])
f.write("x" * 100000)
print(f.tmp, flush=True)
time.sleep(30)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_signal_in_the_middle_of_a_write(sig: int, tmp_path: Path) -> None:
    """A signal while the temporary file is open: removed at once (SIGKILL: by the next write there)."""
    import sys

    out = tmp_path / "x.tmx"
    out.write_text("previous output\n", encoding="utf-8")
    proc = spawn([sys.executable, "-c", WRITER, str(out)])
    assert proc.stdout is not None
    tmp = Path(proc.stdout.readline().strip())
    assert tmp.exists()
    os.kill(proc.pid, sig)
    res = finish(proc)
    assert out.read_text(encoding="utf-8") == "previous output\n"
    if sig == signal.SIGKILL:
        assert tmp.exists()  # nothing can run on SIGKILL: the next write in this folder cleans it
        from aligner.io import atomic

        atomic._CLEANED.clear()
        atomic.write_text_atomic(tmp_path / "other.txt", "y")
    else:
        assert res.returncode == 128 + sig and "Error: interrupted" in res.stderr, res.output
    assert not leftovers(tmp_path)
