"""OS faults around the outputs: read-only and full folders, -o naming an input, modes, leftovers."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from aligner.io import atomic

from .conftest import Snapshot, assert_clean_error, leftovers, run, tmpfs
from .test_hostile import tmx_text

ALIGN = ["--encoder", "standin", "--no-cache", "-q"]


@pytest.fixture
def readonly(tmp_path: Path, monkeypatch) -> Path:
    """A read-only folder: a read-only tmpfs where the test may mount one, else every create there fails."""
    folder = tmp_path / "ro"
    with tmpfs(folder, read_only=True) as mounted:
        if not mounted:
            if os.geteuid() != 0:
                folder.chmod(0o555)
            else:
                real_open = os.open

                def erofs(path, flags, *a, **kw):  # type: ignore[no-untyped-def]
                    if str(path).startswith(str(folder)) and flags & os.O_CREAT:
                        raise OSError(errno.EROFS, "Read-only file system", str(path))
                    return real_open(path, flags, *a, **kw)

                monkeypatch.setattr(atomic.os, "open", erofs)
        yield folder
        if not mounted and os.geteuid() != 0:
            folder.chmod(0o755)


def _jsonl(tmp: Path) -> Path:
    p = tmp / "in.jsonl"
    p.write_text(json.dumps({"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "Le 5 mai.",
                             "target": "في 5 ماي.", "confidence": 0.9}, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def _tmx(tmp: Path) -> Path:
    p = tmp / "in.tmx"
    p.write_text(tmx_text(), encoding="utf-8")
    return p


RO_COMMANDS = {
    "align-tmx": ["align", "{fr}", "{ar}", "-o", "{ro}/x.tmx", *ALIGN],
    "align-jsonl": ["align", "{fr}", "{ar}", "-o", "{ro}/x.jsonl", *ALIGN],
    "align-report": ["align", "{fr}", "{ar}", "-o", "{tmp}/x.tmx", "--report", "{ro}/r.html", *ALIGN],
    "report": ["report", "{jsonl}", "-o", "{ro}/r.html"],
    "qa": ["qa", "{jsonl}", "-o", "{ro}/qa.txt"],
    "convert": ["tmx", "convert", "{tmx}", "-o", "{ro}/x.tsv"],
    "merge": ["tmx", "merge", "{tmx}", "-o", "{ro}/x.tmx"],
    "filter": ["tmx", "filter", "{tmx}", "-o", "{ro}/x.tmx"],
    "split": ["tmx", "split", "{tmx}", "-o", "{ro}/x.tmx", "--split-size", "8kB"],
}


@pytest.mark.parametrize("command", sorted(RO_COMMANDS))
def test_readonly_output_folder_fails_before_the_work(command: str, tmp_path: Path, readonly: Path,
                                                      pair: tuple[Path, Path]) -> None:
    values = {"fr": pair[0], "ar": pair[1], "ro": readonly, "tmp": tmp_path, "jsonl": _jsonl(tmp_path),
              "tmx": _tmx(tmp_path)}
    before = Snapshot.of(tmp_path)
    res = run([a.format(**values) for a in RO_COMMANDS[command]])
    assert_clean_error(res, readonly)
    assert "units" not in res.output  # refused before the alignment ran: no summary line
    before.assert_unchanged(tmp_path)  # and nothing else written (align --report: no TMX either)


def test_batch_readonly_output(tmp_path: Path, readonly: Path, pair: tuple[Path, Path]) -> None:
    res = run(["batch", pair[0].parent, "-o", readonly / "out", *ALIGN])
    assert_clean_error(res, readonly)


@pytest.mark.parametrize("option", ["-o", "--report"])
@pytest.mark.parametrize("side", [0, 1])
def test_output_never_overwrites_an_input(option: str, side: int, tmp_path: Path, pair: tuple[Path, Path]) -> None:
    before = Snapshot.of(tmp_path)
    extra = [option, pair[side]] if option == "-o" else ["-o", tmp_path / "x.tmx", option, pair[side]]
    if option == "-o":
        extra += ["--format", "beads"]
    res = run(["align", pair[0], pair[1], *extra, *ALIGN])
    assert_clean_error(res, pair[side])
    assert "is one of the inputs" in res.output
    before.assert_unchanged(tmp_path)


@pytest.mark.parametrize("command", ["convert", "filter", "merge", "qa", "report"])
def test_other_commands_never_overwrite_their_input(command: str, tmp_path: Path) -> None:
    src = _jsonl(tmp_path) if command in ("qa", "report") else _tmx(tmp_path)
    args = {"convert": ["tmx", "convert", src, "-o", src], "filter": ["tmx", "filter", src, "-o", src],
            "merge": ["tmx", "merge", src, "-o", src], "qa": ["qa", src, "-o", src],
            "report": ["report", src, "-o", src]}[command]
    before = Snapshot.of(tmp_path)
    assert_clean_error(run(args), src)
    before.assert_unchanged(tmp_path)


def _big_tmx(tmp: Path, units: int = 400) -> Path:
    body = "".join(f'<tu><prop type="x-align-score">0.9</prop><tuv xml:lang="fr"><seg>Phrase numéro {i} du texte.'
                   f'</seg></tuv><tuv xml:lang="ar"><seg>الجملة رقم {i} من النص.</seg></tuv></tu>\n'
                   for i in range(units))
    p = tmp / "big.tmx"
    p.write_text(tmx_text().replace("<body>", "<body>" + body), encoding="utf-8")
    return p


@pytest.mark.parametrize("command", ["convert-jsonl", "convert-tsv", "merge", "split", "qa-json"])
def test_full_disk(command: str, tmp_path: Path, monkeypatch) -> None:
    """ENOSPC mid-write: Error naming the output, the previous output intact, no temporary file left."""
    src = _big_tmx(tmp_path)
    full = tmp_path / "full"
    with tmpfs(full, size="16k") as mounted:
        if not mounted:
            real = atomic.AtomicFile.write
            written = {"n": 0}

            def enospc(self, data):  # type: ignore[no-untyped-def]
                written["n"] += len(data)
                if written["n"] > 16_000:
                    self.discard()
                    raise atomic.output_error(self.path, OSError(errno.ENOSPC, "No space left on device"))
                return real(self, data)

            monkeypatch.setattr(atomic.AtomicFile, "write", enospc)
        out = {"convert-jsonl": full / "x.jsonl", "convert-tsv": full / "x.tsv", "merge": full / "x.tmx",
               "split": full / "x.tmx", "qa-json": full / "x.json"}[command]
        previous = out.with_name(out.stem + ("_001" if command == "split" else "") + out.suffix)
        previous.write_text("previous output\n", encoding="utf-8")
        args = {"convert-jsonl": ["tmx", "convert", src, "-o", out], "convert-tsv": ["tmx", "convert", src, "-o", out],
                "merge": ["tmx", "merge", src, "-o", out],
                "split": ["tmx", "split", src, "-o", out, "--split-size", "8kB"],
                "qa-json": ["qa", src, "--format", "json", "-o", out]}[command]
        before = Snapshot.of(tmp_path)
        res = run(args)
        assert_clean_error(res, out.parent)
        assert "disk is full" in res.output
        assert not leftovers(tmp_path)
        before.assert_unchanged(tmp_path)


def test_new_files_get_the_umask_and_overwrites_keep_the_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_text_atomic(tmp_path / "a.txt", "x")
        assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640
        os.umask(0o002)
        atomic.write_text_atomic(tmp_path / "b.txt", "x")
        assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o664
        (tmp_path / "b.txt").chmod(0o600)
        atomic.write_text_atomic(tmp_path / "b.txt", "y")
        assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_leftovers_of_killed_runs_are_removed(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    stale = tmp_path / f".x.tmx.aligner-{dead}-0123abcd.part"
    stale.write_text("half a file")
    mine = tmp_path / f".y.tmx.aligner-{os.getpid()}-0123abcd.part"
    mine.write_text("being written by a live process")
    atomic._CLEANED.clear()
    atomic.write_text_atomic(tmp_path / "z.txt", "x")
    assert not stale.exists() and mine.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_leftover_of_a_killed_process_not_reaped_yet_is_removed(tmp_path: Path) -> None:
    """A killed worker that nothing reaped (an orphan where no init reaps) is a zombie: its
    pid still answers a signal, but it will never finish its file."""
    import subprocess
    import time

    child = subprocess.Popen(["sleep", "30"])
    try:
        child.kill()
        deadline = time.monotonic() + 5
        while atomic.process_state(child.pid) != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(child.pid, 0)  # a zombie still answers
        stale = tmp_path / f".x.tmx.aligner-{child.pid}-0123abcd.part"
        stale.write_text("half a file")
        assert atomic.clean_leftovers(tmp_path) == [str(stale)]
    finally:
        child.wait()


def test_split_of_a_broken_file_writes_no_part(tmp_path: Path) -> None:
    src = _big_tmx(tmp_path)
    broken = tmp_path / "broken.tmx"
    broken.write_bytes(src.read_bytes()[: src.stat().st_size * 3 // 4])  # cut mid-file
    (tmp_path / "out_001.tmx").write_text("an earlier part\n")
    before = Snapshot.of(tmp_path)
    res = run(["tmx", "split", broken, "-o", tmp_path / "out.tmx", "--split-size", "8kB"])
    assert_clean_error(res, broken)
    before.assert_unchanged(tmp_path)


def test_missing_output_folder(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "nope" / "x.tmx"
    assert_clean_error(run(["align", pair[0], pair[1], "-o", out, *ALIGN]), out)


def test_output_is_a_folder(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "folder.tmx"
    out.mkdir()
    assert_clean_error(run(["align", pair[0], pair[1], "-o", out, *ALIGN]), out)


def test_batch_skips_unreadable_files_in_its_folder(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    folder = pair[0].parent
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "empty.txt").write_bytes(b"")
    os.mkfifo(folder / "pipe.txt")
    res = run(["batch", folder, "-o", tmp_path / "out", *ALIGN])
    assert res.exit_code == 0, res.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["pairs"]) == 1
    assert {"binary.txt", "empty.txt"} <= {Path(u["file"]).name for u in manifest["unpaired"]}
    shutil.rmtree(tmp_path / "out")


def test_a_batch_sweeps_what_a_killed_run_left_in_its_pair_folders(tmp_path: Path) -> None:
    # a resumed batch may write nothing into a folder its killed workers were writing in
    from aligner.corpus.jobs import BatchOutputs, prepare_output

    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    group = tmp_path / "out" / "pairs" / "group"
    group.mkdir(parents=True)
    stale = [folder / f".a__b.json.aligner-{dead}-0123abcd.part" for folder in (group.parent, group)]
    mine = group / f".c__d.tmx.aligner-{os.getpid()}-0123abcd.part"
    for path in [*stale, mine]:
        path.write_text("half a file")
    prepare_output(tmp_path / "out", BatchOutputs())
    assert not any(p.exists() for p in stale) and mine.exists()
