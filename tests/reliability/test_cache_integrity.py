"""Cache damage of each kind, and OS faults under the cache: never a changed result, never a false alarm."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from aligner.encoders.cache import FILE_NAME, TABLE, EmbeddingCache

from .conftest import assert_clean_error, can_mount, leftovers, run, tmpfs
from .standin import StandInEncoder

TEXTS = [f"Phrase {i} : le ministre a signé {i * 7} accords." for i in range(40)]


def _align(fr: Path, ar: Path, out: Path, cache: Path | None) -> str:
    args = ["align", fr, ar, "-o", out, "--encoder", "standin", "-q"]
    args += ["--cache-dir", cache] if cache else ["--no-cache"]
    res = run(args)
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def _fill(folder: Path) -> None:
    cache = EmbeddingCache(folder)
    cache.encode(StandInEncoder(), TEXTS, "fr")
    cache.close()


@pytest.mark.parametrize("trial", range(10))
def test_flipped_vector_bytes_are_caught_by_the_checksum(trial: int, tmp_path: Path, caplog) -> None:
    folder = tmp_path / "cache"
    _fill(folder)
    rng = random.Random(trial)
    db = sqlite3.connect(folder / FILE_NAME)
    rows = db.execute(f"SELECT rowid, vec FROM {TABLE}").fetchall()
    for rowid, blob in rng.sample(rows, 3):
        data = bytearray(blob)
        pos = rng.randrange(len(data))
        data[pos] ^= 1 << rng.randrange(8)
        db.execute(f"UPDATE {TABLE} SET vec = ? WHERE rowid = ?", (bytes(data), rowid))
    db.commit()
    db.close()
    clean = StandInEncoder().encode(TEXTS, "fr")
    cache = EmbeddingCache(folder)
    got = cache.encode(StandInEncoder(), TEXTS, "fr")
    assert np.array_equal(got, clean)
    assert cache.rejected == 3 and "failed their checksum" in caplog.text
    again = EmbeddingCache(folder)  # damaged rows were replaced: the next run reads them all
    assert np.array_equal(again.encode(StandInEncoder(), TEXTS, "fr"), clean) and again.rejected == 0


@pytest.mark.parametrize("damage", ["wrong-length", "nan", "swapped", "no-checksum", "dim"])
def test_other_row_damage(damage: str, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _fill(folder)
    db = sqlite3.connect(folder / FILE_NAME)
    (k1, v1), (k2, v2) = db.execute(f"SELECT key, vec FROM {TABLE} LIMIT 2").fetchall()
    if damage == "wrong-length":
        db.execute(f"UPDATE {TABLE} SET vec = ? WHERE key = ?", (v1[:-4], k1))
    elif damage == "nan":
        db.execute(f"UPDATE {TABLE} SET vec = ? WHERE key = ?", (np.full(64, np.nan, np.float32).tobytes(), k1))
    elif damage == "swapped":
        db.execute(f"UPDATE {TABLE} SET vec = ? WHERE key = ?", (v2, k1))
    elif damage == "no-checksum":
        db.execute(f"UPDATE {TABLE} SET sum = NULL WHERE key = ?", (k1,))
    else:
        db.execute(f"UPDATE {TABLE} SET dim = 32 WHERE key = ?", (k1,))
    db.commit()
    db.close()
    got = EmbeddingCache(folder).encode(StandInEncoder(), TEXTS, "fr")
    assert np.array_equal(got, StandInEncoder().encode(TEXTS, "fr"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty-header", "wal-garbage"])
def test_damaged_file_is_moved_aside_once(damage: str, tmp_path: Path, pair: tuple[Path, Path], caplog) -> None:
    folder = tmp_path / "cache"
    expected = _align(*pair, tmp_path / "clean.tsv", None)
    _fill(folder)
    db = folder / FILE_NAME
    if damage == "garbage":
        db.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:3000])
    elif damage == "empty-header":
        db.write_bytes(b"\0" * 8192)
    else:
        (folder / (FILE_NAME + "-wal")).write_bytes(b"garbage" * 1000)
    assert _align(*pair, tmp_path / "out.tsv", folder) == expected
    assert caplog.text.count("moved to") <= 1


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cache_path_is_a_file(how: str, tmp_path: Path, pair: tuple[Path, Path], monkeypatch) -> None:
    path = tmp_path / "cachefile"
    path.write_text("x")
    args = ["align", *pair, "--encoder", "standin"]
    if how == "option":
        args += ["--cache-dir", path]
    else:
        monkeypatch.setenv("ALIGNER_CACHE_DIR", str(path))
    res = run(args)
    assert_clean_error(res, path, code=2 if how == "option" else 1)  # 2: click's usage error
    assert path.read_text() == "x"


@contextlib.contextmanager
def readonly_copy(src: Path, dst: Path) -> Iterator[bool]:
    """*src* seen read-only at *dst* (a read-only bind mount); False where mounting is not allowed."""
    dst.mkdir(parents=True, exist_ok=True)
    ok = can_mount() and subprocess.run(["mount", "--bind", str(src), str(dst)], capture_output=True).returncode == 0
    if ok:
        ok = subprocess.run(["mount", "-o", "remount,ro,bind", str(dst)], capture_output=True).returncode == 0
        if not ok:
            subprocess.run(["umount", "-l", str(dst)], capture_output=True)
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(dst)], capture_output=True)


def test_readonly_empty_cache_folder(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    folder = tmp_path / "rocache"
    with tmpfs(folder, read_only=True) as mounted:
        if not mounted:
            pytest.skip("cannot mount a read-only folder here (needs root)")
        expected = _align(*pair, tmp_path / "clean.tsv", None)
        res = run(["align", *pair, "-o", tmp_path / "out.tsv", "--encoder", "standin", "--cache-dir", folder])
        assert res.exit_code == 0, res.output
        assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == expected
        assert "moved" not in res.output and "damaged" not in res.output
        assert res.output.count("embedding cache") <= 1


def test_readonly_cache_with_database_is_read(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    src = tmp_path / "cache"
    expected = _align(*pair, tmp_path / "clean.tsv", src)  # fills the cache
    with readonly_copy(src, tmp_path / "rocache") as ok:
        if not ok:
            pytest.skip("cannot mount a read-only folder here (needs root)")
        res = run(["align", *pair, "-o", tmp_path / "out.tsv", "--encoder", "standin",
                   "--cache-dir", tmp_path / "rocache"])
        assert res.exit_code == 0, res.output
        assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == expected
        assert "damaged" not in res.output and res.output.count("embedding cache") <= 1


def test_full_disk_under_the_cache(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    folder = tmp_path / "fullcache"
    with tmpfs(folder, size="8k") as mounted:
        if not mounted:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        expected = _align(*pair, tmp_path / "clean.tsv", None)
        res = run(["align", *pair, "-o", tmp_path / "out.tsv", "--encoder", "standin", "--cache-dir", folder])
        assert res.exit_code == 0, res.output
        assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == expected
        assert not leftovers(folder), leftovers(folder)
        assert "damaged" not in res.output and "corrupt" not in res.output
