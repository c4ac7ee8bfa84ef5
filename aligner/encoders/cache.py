"""An on-disk cache of sentence vectors, so a text is encoded once per encoder version.

Location: ``--cache-dir``, else ``$ALIGNER_CACHE_DIR``, else the user's cache
folder (``$XDG_CACHE_HOME/aligner``, ``~/Library/Caches/aligner`` on macOS,
``%LOCALAPPDATA%\\aligner\\Cache`` on Windows). Keyed by encoder name, encoder
version, language and the text's SHA-256. SQLite in WAL mode makes two jobs
writing at once safe; a corrupt file is moved aside and the cache starts afresh.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .registry import Encoder

log = logging.getLogger(__name__)
FILE_NAME = "embeddings.sqlite"


def default_cache_dir() -> Path:
    """The user's cache folder for the toolkit (see the module docstring)."""
    env = os.environ.get("ALIGNER_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "aligner"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "aligner" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aligner"


class EmbeddingCache:
    """Vectors by (encoder, version, language, text)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder else default_cache_dir()
        self.path = self.folder / FILE_NAME
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:
                self._move_aside()
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, dim INTEGER, vec BLOB)")
        db.execute("SELECT count(*) FROM vectors WHERE rowid = 1").fetchone()
        return db

    def _move_aside(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{int(time.time())}")
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                os.replace(p, Path(str(aside) + suffix))
        log.warning("embedding cache %s was corrupt; moved to %s and started afresh", self.path, aside)

    @staticmethod
    def _key(encoder: Encoder, lang: str, text: str) -> bytes:
        raw = f"{encoder.name}\x00{encoder.version}\x00{lang}\x00{text}".encode()
        return hashlib.sha256(raw).digest()

    def encode(self, encoder: Encoder, texts: Sequence[str], lang: str) -> np.ndarray:
        """Vectors of *texts*, encoding only those not cached."""
        keys = [self._key(encoder, lang, t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        try:
            found = self._lookup(keys, encoder.dim)
        except sqlite3.DatabaseError:
            self._move_aside()
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        self.hits += len(keys) - sum(1 for k in keys if k not in found)
        self.misses += sum(1 for k in keys if k not in found)
        if missing:
            index = {k: i for i, k in enumerate(keys)}
            new = encoder.encode([texts[index[k]] for k in missing], lang)
            for k, v in zip(missing, new, strict=False):
                found[k] = v
            try:
                self._store(list(zip(missing, new, strict=False)))
            except sqlite3.DatabaseError:
                self._move_aside()
        if not keys:
            return np.zeros((0, encoder.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    def _lookup(self, keys: list[bytes], dim: int) -> dict[bytes, np.ndarray]:
        db = self._connect()
        out: dict[bytes, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = db.execute(
                f"SELECT key, dim, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for key, d, blob in rows:
                if d == dim and len(blob) == 4 * dim:
                    out[key] = np.frombuffer(blob, dtype=np.float32)
        return out

    def _store(self, items: list[tuple[bytes, np.ndarray]]) -> None:
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                           [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
