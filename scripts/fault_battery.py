#!/usr/bin/env python3
"""Fault battery: every `aligner` command given bad input and OS faults, run as a user would.

The rule checked (docs/reliability.md): bad input and OS faults (empty, binary or hostile
files, FIFOs, read-only or full disks, kills) get ``Error: …`` and a non-zero exit — never
a traceback, a hang, a partial output file or a touched input.

Each case runs the installed CLI (``aligner``, else ``python -m aligner.cli``) in a fresh
folder, under ``timeout`` (60 s by default), and checks: the exit code, an ``Error:`` line on
stderr, no ``Traceback``, no temporary ``.part`` file anywhere, no output left by a failed
command, every input unchanged (content, mode, mtime). Cases that need root (a read-only or
full ``tmpfs``, dropping the permission-override capabilities with ``setpriv`` so that a
``chmod 555`` folder counts) are skipped when not available.

    python scripts/fault_battery.py                 # the table on stdout (Markdown)
    python scripts/fault_battery.py -k tmx -v       # only cases whose name holds "tmx"

Exit status: 1 if any case breaks the rule, else 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_cases import Case, all_cases, prepare_inputs  # noqa: E402

REPO = Path(__file__).resolve().parent.parent  # the checkout whose CLI runs (--repo: another one)
NODAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner",
         "--inh-caps=-dac_override,-dac_read_search,-fowner"]


def aligner_cmd() -> list[str]:
    exe = shutil.which("aligner")
    return [exe] if exe else [sys.executable, "-m", "aligner.cli"]


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int, int, bytes | None]]:
    """Size, mode, mtime and (small files) content of every file under *root* but *skip*."""
    seen: dict[str, tuple[int, int, int, bytes | None]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == skip:
            dirnames[:] = []
            continue
        for name in filenames + [d for d in dirnames]:
            p = Path(dirpath) / name
            try:
                st = p.lstat()
            except OSError:
                continue
            content = None
            if p.is_file() and not p.is_symlink() and st.st_size < 2_000_000:
                try:
                    content = p.read_bytes()
                except OSError:
                    content = None
            if p.is_dir() and not p.is_symlink():  # a folder: only that it is there, and its mode
                seen[str(p.relative_to(root))] = (0, st.st_mode, 0, None)
                continue
            seen[str(p.relative_to(root))] = (st.st_size, st.st_mode, st.st_mtime_ns, content)
    return seen


def is_temporary(name: str) -> bool:
    return ".aligner-" in name and name.endswith(".part")


def run_case(case: Case, root: Path, timeout: float, can_root: bool, repo: Path = REPO) -> dict[str, str]:
    row = {"id": case.name, "group": case.group(), "command": case.shown(), "expected": case.expect, "exit": "",
           "stderr": "", "traceback": "", "left": "", "verdict": ""}
    if case.needs_root and not can_root:
        row["verdict"] = "skipped (needs root)"
        return row
    d = root / case.name
    d.mkdir()
    if case.setup:
        case.setup(d, root)
    argv = case.argv(d, root)
    before = snapshot(root, root / "cache")
    dev_before = set(os.listdir("/dev"))
    prefix = NODAC if case.nodac else []
    env = dict(os.environ, ALIGNER_CACHE_DIR=str(root / "cache"), PYTHONPATH=str(repo),
               COLUMNS="200", LC_ALL="C.UTF-8")
    start = time.monotonic()
    proc = subprocess.Popen(prefix + aligner_cmd() + argv, cwd=root, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    hung = False
    if case.kill:
        sig, when = case.kill
        while proc.poll() is None and time.monotonic() - start < timeout:
            if isinstance(when, str):
                if any(is_temporary(n) for n in os.listdir(d)):
                    break
            elif time.monotonic() - start >= when:
                break
            time.sleep(0.01)
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
        else:
            row["verdict"] = "NOT TESTED (ended before the signal)"
    try:
        out, err = proc.communicate(timeout=max(1.0, timeout - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    if case.after:  # e.g. the next write into the folder after a SIGKILL
        subprocess.run(aligner_cmd() + [a.replace("{d}", case.name) for a in case.after], cwd=root, env=env, capture_output=True,
                       timeout=timeout, stdin=subprocess.DEVNULL)
    stderr = err.decode("utf-8", "replace")
    stdout = out.decode("utf-8", "replace")
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    error_line = next((ln for ln in lines if ln.startswith("Error:")), "")
    row["exit"] = "hang" if hung else str(proc.returncode)
    if not error_line and case.checker and proc.returncode not in (0, None):
        # a checker's finding (`FILE: problem` on stdout, exit 1) is its message
        error_line = next((ln for ln in stdout.splitlines() if ln.startswith(argv[-1] + ":")), "")
    row["stderr"] = (error_line or (lines[0] if lines else ""))[:110]
    row["traceback"] = "yes" if "Traceback (most recent call last)" in stderr else "no"
    after = snapshot(root, root / "cache")
    problems: list[str] = []
    left: list[str] = []
    failed = hung or proc.returncode != 0
    for name in after:
        base = name.rsplit("/", 1)[-1]
        if is_temporary(base):
            left.append(f"{name} (temporary)")
        elif (name not in before and failed and name.startswith(case.name + "/")
              and not base.startswith("next.")  # next.*: written by case.after
              and not (case.keeps_folders and (root / name).is_dir())):
            left.append(f"{name} (partial output)")
    for name, meta in before.items():
        now = after.get(name)
        if now is None and not name.startswith(case.name + "/"):
            problems.append(f"input {name} removed")
        elif now is not None and now != meta and not case.may_change(name):
            problems.append(f"input {name} changed")
    new_dev = [n for n in set(os.listdir("/dev")) - dev_before if ".aligner-" in n]
    left += [f"/dev/{n} (temporary)" for n in new_dev]
    if case.check_after and (harm := case.check_after(d)):
        problems.append(harm)
    if case.leak and case.leak in stdout + stderr:
        problems.append("secret of an external entity in the output")
    row["left"] = ", ".join(left) or "none"
    if hung:
        problems.append(f"hang (no end in {timeout:.0f} s)")
    if row["traceback"] == "yes":
        problems.append("traceback")
    if case.expect == "error" and not hung:
        if proc.returncode == 0:
            problems.append("exit 0")
        elif not error_line and not (case.kill and case.kill[0] == signal.SIGKILL):
            problems.append("no Error: line")
    if case.expect == "ok" and not hung and proc.returncode != 0:
        problems.append("refused")
    if case.expect == "any" and not hung and proc.returncode != 0 and not error_line:
        problems.append("no Error: line")
    if case.expect == "ok" and proc.returncode == 0 and case.check_ok:
        msg = case.check_ok(d, stdout)
        if msg:
            problems.append(msg)
    if left:
        problems.append("files left")
    if not row["verdict"]:
        row["verdict"] = "VIOLATION: " + "; ".join(problems) if problems else "ok"
    row["seconds"] = f"{time.monotonic() - start:.1f}"
    return row


def markdown(rows: list[dict[str, str]]) -> str:
    head = "| case | command | expected | exit | stderr (Error: line, else first line) | traceback | files left | verdict |"
    out = [head, "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [r["id"], f"`{r['command']}`", r["expected"], r["exit"], r["stderr"].replace("|", "\\|"),
                 r["traceback"], r["left"], r["verdict"]]
        out.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
    return "\n".join(out)


def summary(rows: list[dict[str, str]]) -> str:
    """Cases and violations per group (the part of the case name before the colon)."""
    groups: dict[str, list[int]] = {}
    for r in rows:
        g = groups.setdefault(r["group"], [0, 0, 0])
        g[0] += 1
        g[1] += r["verdict"].startswith("VIOLATION")
        g[2] += r["verdict"].startswith(("skipped", "NOT TESTED"))
    out = ["| group | cases | violations | skipped |", "|---|---|---|---|"]
    out += [f"| {g} | {n} | {v} | {k} |" for g, (n, v, k) in groups.items()]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-k", dest="select", help="only cases whose name contains this")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--repo", type=Path, default=REPO, help="run the CLI of this checkout (e.g. an older commit)")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per case on stderr as it runs")
    args = ap.parse_args()
    can_root = os.geteuid() == 0 and shutil.which("setpriv") is not None
    root = Path(tempfile.mkdtemp(prefix="fault-battery-"))
    os.chmod(root, 0o755)
    rows = []
    try:
        prepare_inputs(root, aligner_cmd())
        cases = [c for c in all_cases() if not args.select or args.select in c.name]
        for case in cases:
            row = run_case(case, root, args.timeout, can_root, args.repo.resolve())
            if case.teardown:
                case.teardown(root / case.name, root)
            rows.append(row)
            if args.verbose:
                print(f"{row['verdict'][:60]:60} {row['id']} ({row.get('seconds', '-')} s) {row['stderr'][:80]}",
                      file=sys.stderr)
    finally:
        for case in all_cases():
            if case.teardown and (root / case.name).exists():
                case.teardown(root / case.name, root)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"work folder: {root}", file=sys.stderr)
    print(markdown(rows))
    print("\n" + summary(rows))
    bad = [r for r in rows if r["verdict"].startswith("VIOLATION")]
    print(f"\n{len(rows)} cases, {len(bad)} violations, "
          f"{sum(r['verdict'].startswith('skipped') for r in rows)} skipped")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
