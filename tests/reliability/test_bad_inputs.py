"""Bad files given to every command that reads one: a clean ``Error:`` naming the file.

Each (command, bad file) pair is one case: missing, a folder, a FIFO, a
device, empty, binary, invalid UTF-8, unreadable, too large. The guarded
opener (aligner.io.guarded) is the one place these are refused.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.io import guarded

from .conftest import SEEDS, Snapshot, assert_clean_error, run


def _missing(tmp: Path, suffix: str) -> Path:
    return tmp / f"missing{suffix}"


def _folder(tmp: Path, suffix: str) -> Path:
    p = tmp / f"folder{suffix}"
    p.mkdir()
    return p


def _fifo(tmp: Path, suffix: str) -> Path:
    p = tmp / f"fifo{suffix}"
    os.mkfifo(p)
    return p


def _device(tmp: Path, suffix: str) -> Path:
    return Path("/dev/zero")


def _empty(tmp: Path, suffix: str) -> Path:
    p = tmp / f"empty{suffix}"
    p.write_bytes(b"")
    return p


def _binary(tmp: Path, suffix: str) -> Path:
    p = tmp / f"binary{suffix}"
    p.write_bytes(bytes(range(256)) * 64)
    return p


def _bad_utf8(tmp: Path, suffix: str) -> Path:
    p = tmp / f"latin1{suffix}"
    if suffix == ".jsonl":
        p.write_bytes(json.dumps({"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "é",
                                  "target": "x"}).encode().replace(b"\\u00e9", b"\xe9") + b"\n")
    elif suffix == ".tsv":
        p.write_bytes(b"source\ttarget\tscore\n\xe9t\xe9\t\xc7\xe1\t0.9\n")
    elif suffix == ".csv":
        p.write_bytes(b"\xe9t\xe9,\xc7\xe1\n")
    else:
        p.write_bytes("Le ministre a parlé hier.\n".encode("latin-1"))
    return p


def _huge(tmp: Path, suffix: str) -> Path:
    p = tmp / f"huge{suffix}"
    with open(p, "wb") as fh:  # sparse: no disk used, refused by size before reading
        fh.truncate(guarded.MAX_BYTES + 1)
    return p


BAD: dict[str, Callable[[Path, str], Path]] = {
    "missing": _missing, "folder": _folder, "fifo": _fifo, "device": _device, "empty": _empty,
    "binary": _binary, "bad-utf8": _bad_utf8, "huge": _huge,
}

# Command lines: {bad} is the bad file, {fr}/{ar} copies of the seed pair, {out} an output path.
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "align-src": (".txt", ["align", "{bad}", "{ar}", "-o", "{out}.tmx", "--encoder", "standin", "--no-cache"]),
    "align-tgt": (".txt", ["align", "{fr}", "{bad}", "-o", "{out}.tmx", "--encoder", "standin", "--no-cache"]),
    "align-presplit": (".txt", ["align", "{bad}", "{ar}", "--pre-split", "--encoder", "standin", "--no-cache"]),
    "report": (".jsonl", ["report", "{bad}", "-o", "{out}.html"]),
    "qa-jsonl": (".jsonl", ["qa", "{bad}"]),
    "qa-tmx": (".tmx", ["qa", "{bad}"]),
    "qa-glossary": (".csv", ["qa", "{good_jsonl}", "--glossary", "{bad}"]),
    "mt-eval-hyp": (".txt", ["mt-eval", "--hyp", "{bad}", "--ref", "{fr}"]),
    "mt-eval-ref": (".txt", ["mt-eval", "--hyp", "{fr}", "--ref", "{bad}"]),
    "eval": (".beads", ["eval", "{bad}", "{bad}"]),
    "tmx-validate": (".tmx", ["tmx", "validate", "{bad}"]),
    "tmx-stats": (".tmx", ["tmx", "stats", "{bad}"]),
    "tmx-merge": (".tmx", ["tmx", "merge", "{bad}", "-o", "{out}.tmx"]),
    "tmx-filter": (".tmx", ["tmx", "filter", "{bad}", "-o", "{out}.tmx"]),
    "tmx-split": (".tmx", ["tmx", "split", "{bad}", "-o", "{out}.tmx", "--split-size", "10kB"]),
    "convert-tmx": (".tmx", ["tmx", "convert", "{bad}", "-o", "{out}.jsonl"]),
    "convert-jsonl": (".jsonl", ["tmx", "convert", "{bad}", "-o", "{out}.tmx"]),
    "convert-tsv": (".tsv", ["tmx", "convert", "{bad}", "-o", "{out}.tmx"]),
    "pair": (".txt", ["pair", "{bad}", "--encoder", "standin"]),
}

# Pairs where the "bad" file is acceptable input (an empty list of segments is not, but
# binary bytes in a TMX are simply malformed XML: still a clean error, so nothing to skip).
#: `pair` lists a bad file it was given as unpaired, with the reason, and goes on (exit 0);
#: `tmx validate` reports what is wrong with a TMX as its output ("FILE: problem", exit 1).
LISTED = {("pair", b) for b in ("empty", "binary", "bad-utf8", "fifo", "device", "huge")}
REPORTED = {("tmx-validate", b) for b in ("empty", "binary", "bad-utf8", "huge")}
#: Articles are read in any common encoding (aligner/io/charset.py): a Latin-1 French file
#: is good input there (as the French side; as the Arabic side it is refused as not Arabic).
ACCEPTED = {("align-src", "bad-utf8"), ("align-presplit", "bad-utf8"), ("pair", "bad-utf8")}


def _good_jsonl(tmp: Path) -> Path:
    p = tmp / "good.jsonl"
    p.write_text(json.dumps({"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "Le 5 mai.",
                             "target": "في 5 ماي.", "confidence": 0.9}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("bad", sorted(BAD))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_bad_file(command: str, bad: str, tmp_path: Path, pair: tuple[Path, Path]) -> None:
    suffix, template = COMMANDS[command]
    bad_path = BAD[bad](tmp_path, suffix)
    good = _good_jsonl(tmp_path)
    values = {"bad": str(bad_path), "fr": str(pair[0]), "ar": str(pair[1]), "out": str(tmp_path / "out"),
              "good_jsonl": str(good)}
    args = [a.format(**values) for a in template]
    before = Snapshot.of(tmp_path)
    res = run(args)
    if (command, bad) in ACCEPTED:
        assert res.exit_code == 0 and "Traceback" not in res.output, res.output
        before.assert_unchanged(tmp_path, allowed_new=("out.tmx",))
        return
    if (command, bad) in LISTED:
        assert res.exit_code == 0 and f"alone und    {bad_path}: not used: {bad_path}: " in res.output, res.output
    elif (command, bad) in REPORTED:
        assert res.exit_code == 1 and res.output.startswith(f"{bad_path}: ") and "Traceback" not in res.output
        assert "valid TMX" not in res.output
    else:
        assert_clean_error(res, bad_path)
    before.assert_unchanged(tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="as a user, chmod 000 makes a file unreadable: see test_unreadable_user")
@pytest.mark.parametrize("command", ["align-src", "report", "qa-jsonl", "tmx-stats", "convert-tsv", "mt-eval-hyp"])
def test_unreadable_file_root(command: str, tmp_path: Path, pair: tuple[Path, Path], monkeypatch) -> None:
    """Root reads every file, so permission denied is simulated where the guarded opener opens."""
    suffix, template = COMMANDS[command]
    bad_path = tmp_path / f"secret{suffix}"
    shutil.copyfile(pair[0], bad_path)
    real_open = os.open

    def deny(path, flags, *a, **kw):  # type: ignore[no-untyped-def]
        if str(path) == str(bad_path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(guarded.os, "open", deny)
    values = {"bad": str(bad_path), "fr": str(pair[0]), "ar": str(pair[1]), "out": str(tmp_path / "out"),
              "good_jsonl": str(_good_jsonl(tmp_path))}
    res = run([a.format(**values) for a in template])
    assert_clean_error(res, bad_path)
    assert "permission denied" in res.output


def test_unreadable_user(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file (see test_unreadable_file_root)")
    bad = tmp_path / "secret.txt"
    shutil.copyfile(pair[0], bad)
    bad.chmod(0)
    assert_clean_error(run(["align", bad, pair[1], "--encoder", "standin", "--no-cache"]), bad)


def test_pair_lists_bad_files(tmp_path: Path) -> None:
    """A folder given to `pair` with bad files in it: they are listed as unpaired, the rest paired."""
    folder = tmp_path / "in"
    folder.mkdir()
    for s in SEEDS:
        shutil.copyfile(s, folder / s.name)
    _binary(folder, ".txt")
    _bad_utf8(folder, ".txt")
    _empty(folder, ".txt")
    os.mkfifo(folder / "pipe.txt")
    res = run(["pair", folder, "--encoder", "standin", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["pairs"]) == 1
    listed = {Path(u["file"]).name: u["reason"] for u in data["unpaired"]}
    assert {"binary.txt", "empty.txt"} <= set(listed)
    # A Latin-1 article is read (windows-1252), not refused: at most unpaired for want of a partner.
    assert "encoding" not in listed.get("latin1.txt", "") and "UTF-8" not in listed.get("latin1.txt", "")


def test_decode_error_names_line_and_byte(tmp_path: Path) -> None:
    """'(byte 0)' read like a NUL byte: the message now names line, column, offset and the byte's value."""
    p = tmp_path / "fr.txt"
    p.write_bytes(b"Bonjour.\nLe ministre a parl\xe9 hier.\n")
    res = run(["mt-eval", "--hyp", p, "--ref", p])  # UTF-8 only (articles are read in any encoding)
    assert_clean_error(res, p)
    assert "line 2, column 19" in res.output and "byte 0xE9" in res.output
