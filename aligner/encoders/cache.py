"""An on-disk cache of sentence vectors, so a text is encoded once per encoder version.

Location: ``--cache-dir``, else ``$ALIGNER_CACHE_DIR``, else the user's cache
folder (``$XDG_CACHE_HOME/aligner``, ``~/Library/Caches/aligner`` on macOS,
``%LOCALAPPDATA%\\aligner\\Cache`` on Windows). Keyed by encoder name, encoder
version, language and the text's SHA-256. SQLite in WAL mode makes two jobs
writing at once safe; every vector carries a checksum checked on read (see
:class:`EmbeddingCache`).

A call for many texts at once (a chunk of a document, a refinement round's spans) is also
stored as one *block*: all its vectors in one row, keyed by the hash of the whole list,
so a re-run reads a chunk in one query and one checksum instead of one per sentence.
The per-sentence rows stay the fallback: an edited document misses its changed blocks
and still finds every unchanged sentence. The same file keeps *records*, other checksummed
data derived from a text (a document's segmentation, :mod:`aligner.lang.segment_cache`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .base import Encoder

log = logging.getLogger(__name__)
FILE_NAME = "embeddings.sqlite"
#: Table of checksummed vectors (the unchecked ``vectors`` table of older versions is not read).
TABLE = "vectors2"
#: Table of checksummed blocks: the vectors of one call's whole list of texts, in one row.
BLOCKS = "blocks1"
#: Calls for fewer texts than this are not stored as a block (rows only).
BLOCK_MIN = 64
#: Table of checksummed records: bytes by key (see :meth:`EmbeddingCache.record`).
RECORDS = "records1"


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


#: Attempts to open a database that failed to open, 0.25 s apart, before it is called damaged.
OPEN_RETRIES = 4


def _is_sqlite(path: Path) -> bool:
    """Whether *path* starts with SQLite's header (or is still empty: being created)."""
    from ..errors import AlignerError
    from ..io.guarded import open_input

    try:
        with open_input(path, "the embedding cache", max_bytes=None) as f:
            head = f.read(16)
    except (OSError, AlignerError):
        return False
    return head == b"" or head == b"SQLite format 3\x00"


class EmbeddingCache:
    """Vectors by (encoder, version, language, text), each stored with a checksum.

    Integrity: every vector is stored with a BLAKE2b checksum of its key, size
    and bytes, verified on every read; a vector that fails it is deleted and
    encoded again (one warning), so damage inside a still-valid SQLite file
    never changes a result. A file that is not a database any more is moved
    aside (``embeddings.sqlite.corrupt-TIME``) and the cache starts afresh.
    An OS fault (disk full, read-only folder or database, locked) is not
    corruption: the job goes on without writing to the cache, with one
    warning, and nothing is moved.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        from ..errors import ConfigError

        self.folder = Path(folder) if folder else default_cache_dir()
        if self.folder.exists() and not self.folder.is_dir():
            raise ConfigError(f"cache folder {self.folder} is a file, not a folder; give --cache-dir a folder "
                              "(or set ALIGNER_CACHE_DIR), or run with --no-cache")
        self.path = self.folder / FILE_NAME
        self.hits = 0
        self.misses = 0
        self.rejected = 0  # vectors that failed their checksum
        self._db: sqlite3.Connection | None = None
        self._read_only = False
        self._blocks = True  # False: a read-only database made before blocks and records existed
        self._disabled = ""  # why the cache is off for this run ("" = on)
        # The two sides of a pair are encoded in two threads: the database is used by one at a time.
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._disabled:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self._disable(f"cannot create {self.folder} ({exc.strerror})")
                return None
            try:
                self._db = self._open()
            except sqlite3.OperationalError as exc:
                self._db = self._open_read_only(exc)
            except sqlite3.DatabaseError:
                self._db = self._open_again()
        return self._db

    def _open_again(self) -> sqlite3.Connection | None:
        """Open a database that just failed to: another job may be creating it this instant
        (a half-written first page reads as "not a database"), so retry before calling it
        damaged; move it aside only when its header says it is not SQLite."""
        for _ in range(OPEN_RETRIES):
            time.sleep(0.25)
            try:
                return self._open()
            except sqlite3.DatabaseError:
                continue
        if _is_sqlite(self.path):
            self._disable(f"{self.path} cannot be opened now (another job may hold it)")
            return None
        self._move_aside()
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            self._disable(str(exc))
            return None

    def _open(self) -> sqlite3.Connection:
        """Connect; a database another job holds this instant ("database is locked": switching
        to WAL needs it alone, and SQLite does not wait for that) is tried again, OPEN_RETRIES
        times, before the job goes on without the cache."""
        for attempt in range(OPEN_RETRIES + 1):
            try:
                return self._connect_once()
            except sqlite3.OperationalError as exc:
                if attempt == OPEN_RETRIES or not any(w in str(exc) for w in ("locked", "busy")):
                    raise
                time.sleep(0.25 * (attempt + 1))
        raise AssertionError("unreachable")

    def _connect_once(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            # WAL is a property of the file: set it only once, not on every open (that takes a lock)
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key BLOB PRIMARY KEY, dim INTEGER, vec BLOB, sum BLOB)")
            db.execute(f"CREATE TABLE IF NOT EXISTS {BLOCKS} "
                       "(key BLOB PRIMARY KEY, n INTEGER, dim INTEGER, vec BLOB, sum BLOB)")
            db.execute(f"CREATE TABLE IF NOT EXISTS {RECORDS} (key BLOB PRIMARY KEY, data BLOB, sum BLOB)")
            db.execute(f"SELECT count(*) FROM {TABLE} WHERE rowid = 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self, why: sqlite3.OperationalError) -> sqlite3.Connection | None:
        """A cache we may not write (read-only folder or file): read its vectors, store none."""
        if not self.path.is_file() or self.path.stat().st_size == 0:
            self._disable(f"{self.folder} is not writable ({why})")
            return None
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                 isolation_level=None, check_same_thread=False)
            db.execute(f"SELECT count(*) FROM {TABLE} WHERE rowid = 1").fetchone()
        except sqlite3.DatabaseError as exc:
            self._disable(f"{self.path} cannot be read or written ({exc})")
            return None
        self._read_only = True
        self._blocks = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
                                  (BLOCKS, RECORDS)).fetchone() == (2,)
        log.warning("embedding cache %s is read-only (%s); reading it, storing nothing new", self.path, why)
        return db

    def _disable(self, why: str) -> None:
        if not self._disabled:
            self._disabled = why
            log.warning("embedding cache off for this run: %s", why)
        if self._db is not None:
            self._db.close()
            self._db = None

    def _move_aside(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{int(time.time())}")
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    os.replace(p, Path(str(aside) + suffix))
        except OSError as exc:
            self._disable(f"{self.path} is damaged and cannot be moved aside ({exc.strerror})")
            return
        log.warning("embedding cache %s was damaged (not a database any more); moved to %s and started afresh",
                    self.path, aside)

    @staticmethod
    def _key(encoder: Encoder, lang: str, text: str) -> bytes:
        raw = f"{encoder.name}\x00{encoder.version}\x00{lang}\x00{text}".encode()
        return hashlib.sha256(raw).digest()

    @staticmethod
    def _block_key(encoder: Encoder, lang: str, texts: Sequence[str]) -> bytes:
        """SHA-256 of the encoder, its version, the language and the whole list of texts (each
        text's length is hashed too, so no two lists share a key)."""
        h = hashlib.sha256(f"block\x00{encoder.name}\x00{encoder.version}\x00{lang}\x00{len(texts)}\x00".encode())
        h.update(np.array([len(t) for t in texts], dtype="<i8").tobytes())
        h.update("\x00".join(texts).encode())
        return h.digest()

    @staticmethod
    def checksum(key: bytes, dim: int, blob: bytes) -> bytes:
        """What a stored vector must match: BLAKE2b-128 of its key, dimension and bytes."""
        return hashlib.blake2b(key + dim.to_bytes(4, "little") + blob, digest_size=16).digest()

    def _fault(self, exc: sqlite3.DatabaseError) -> None:
        """A database error during a lookup or a store: damage, or an OS fault."""
        if isinstance(exc, sqlite3.OperationalError) and not _damaged(exc):
            self._disable(str(exc))
        else:
            self._move_aside()

    def encode(self, encoder: Encoder, texts: Sequence[str], lang: str) -> np.ndarray:
        """Vectors of *texts*, encoding only those not cached (or whose checksum failed):
        from their block when the whole list was stored as one, else sentence by sentence."""
        block = self._block_key(encoder, lang, texts) if len(texts) >= BLOCK_MIN else None
        if block is not None:
            with self._lock:
                try:
                    vectors = self._lookup_block(block, len(texts), encoder.dim)
                except sqlite3.DatabaseError as exc:
                    self._fault(exc)
                    vectors = None
                if vectors is not None:
                    self.hits += len(texts)
                    return vectors
        keys = [self._key(encoder, lang, t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            try:
                found = self._lookup(keys, encoder.dim)
            except sqlite3.DatabaseError as exc:
                self._fault(exc)
            missing = list(dict.fromkeys(k for k in keys if k not in found))
            self.hits += len(keys) - sum(1 for k in keys if k not in found)
            self.misses += sum(1 for k in keys if k not in found)
        if missing:
            index = {k: i for i, k in enumerate(keys)}
            new = encoder.encode([texts[index[k]] for k in missing], lang)  # outside the lock
            for k, v in zip(missing, new, strict=False):
                found[k] = v
            with self._lock:
                try:
                    self._store(list(zip(missing, new, strict=False)))
                except sqlite3.DatabaseError as exc:
                    self._fault(exc)
        if not keys:
            return np.zeros((0, encoder.dim), dtype=np.float32)
        vectors = np.stack([found[k] for k in keys]).astype(np.float32)
        if block is not None and len(found) == len(set(keys)):
            with self._lock:
                try:
                    self._store_block(block, vectors)
                except sqlite3.DatabaseError as exc:
                    self._fault(exc)
        return vectors

    def _delete(self, table: str, key: bytes) -> None:
        """Delete the damaged row of *table* under *key* (not in a read-only cache)."""
        if not self._read_only and self._db is not None:
            self._db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))

    def _row(self, table: str, columns: str, key: bytes) -> tuple[Any, ...] | None:
        """The row of *table* stored under *key* (None when absent or the cache is off)."""
        db = self._connect()
        if db is None or not self._blocks:
            return None
        row: tuple[Any, ...] | None = db.execute(f"SELECT {columns} FROM {table} WHERE key = ?", (key,)).fetchone()
        return row

    def _lookup_block(self, key: bytes, n: int, dim: int) -> np.ndarray | None:
        """The block stored under *key*, checked; None when absent or damaged (then deleted)."""
        row = self._row(BLOCKS, "n, dim, vec, sum", key)
        if row is None:
            return None
        rows, d, blob, stored = row
        if (rows == n and d == dim and isinstance(blob, bytes) and len(blob) == 4 * n * dim
                and stored == self.checksum(key + n.to_bytes(8, "little"), d, blob)):
            vectors = np.frombuffer(blob, dtype=np.float32).reshape(n, dim).copy()
            if np.isfinite(vectors).all():
                return vectors
        self.rejected += 1
        log.warning("embedding cache %s: a block of %d vectors failed its checksum; read sentence by sentence",
                    self.path, n)
        self._delete(BLOCKS, key)
        return None

    def _store_block(self, key: bytes, vectors: np.ndarray) -> None:
        db = self._connect()
        if db is None or self._read_only:
            return
        n, dim = vectors.shape
        blob = np.ascontiguousarray(vectors, dtype=np.float32).tobytes()
        db.execute(f"INSERT OR REPLACE INTO {BLOCKS} VALUES (?, ?, ?, ?, ?)",
                   (key, n, dim, blob, self.checksum(key + n.to_bytes(8, "little"), dim, blob)))

    def _lookup(self, keys: list[bytes], dim: int) -> dict[bytes, np.ndarray]:
        db = self._connect()
        out: dict[bytes, np.ndarray] = {}
        if db is None:
            return out
        unique = list(dict.fromkeys(keys))
        bad: list[bytes] = []
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = db.execute(
                f"SELECT key, dim, vec, sum FROM {TABLE} WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for key, d, blob, stored in rows:
                if (d == dim and isinstance(blob, bytes) and len(blob) == 4 * dim
                        and stored == self.checksum(key, d, blob)):
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if np.isfinite(vec).all():
                        out[key] = vec
                        continue
                bad.append(key)
        if bad:
            self.rejected += len(bad)
            log.warning("embedding cache %s: %d vector(s) failed their checksum; encoded again", self.path, len(bad))
            if not self._read_only:
                try:
                    db.executemany(f"DELETE FROM {TABLE} WHERE key = ?", [(k,) for k in bad])
                except sqlite3.DatabaseError as exc:
                    self._fault(exc)
        return out

    def _store(self, items: list[tuple[bytes, np.ndarray]]) -> None:
        db = self._connect()
        if db is None or self._read_only:
            return
        rows = []
        for k, v in items:
            blob = np.asarray(v, dtype=np.float32).tobytes()
            dim = int(v.shape[0])
            rows.append((k, dim, blob, self.checksum(k, dim, blob)))
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        except BaseException:
            try:
                db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            raise

    def record(self, key: bytes) -> bytes | None:
        """The bytes stored under *key* by :meth:`store_record`, checked; None when absent, when the
        cache is off, or when they fail their checksum (then deleted, with a warning)."""
        with self._lock:
            try:
                row = self._row(RECORDS, "data, sum", key)
                if row is None:
                    return None
                data, stored = row
                if isinstance(data, bytes) and stored == self.checksum(key, 0, data):
                    return data
                self.rejected += 1
                log.warning("embedding cache %s: a record failed its checksum; computed again", self.path)
                self._delete(RECORDS, key)
            except sqlite3.DatabaseError as exc:
                self._fault(exc)
        return None

    def store_record(self, key: bytes, data: bytes) -> None:
        """Keep *data* under *key* (nothing when the cache is off or read-only)."""
        with self._lock:
            try:
                db = self._connect()
                if db is not None and not self._read_only:
                    db.execute(f"INSERT OR REPLACE INTO {RECORDS} VALUES (?, ?, ?)",
                               (key, data, self.checksum(key, 0, data)))
            except sqlite3.DatabaseError as exc:
                self._fault(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite says the file itself is damaged (not an OS fault such as a full disk)."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "file is encrypted" in text
