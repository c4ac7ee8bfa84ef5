"""What a batch job reads: a folder tree, or a corpus manifest listing documents.

A manifest is a JSONL file (one JSON object per line) or a Parquet file (needs
``pyarrow``) whose rows have:

* ``path`` (required): a local path, or any fsspec URL (``s3://…``, ``gs://…``,
  ``https://…``, ``memory://…``; the protocol's fsspec package must be installed);
  a relative local path is taken from the manifest's folder;
* ``id``: the document's identifier, unique in the manifest (default: the file name
  without extension); output files of a pair are named ``<fr-id>__<ar-id>``;
* ``language``: ``fr``, ``ar``, another code, or empty / ``auto`` to detect it;
* ``group``: documents are paired only within their group (a site, a date…);
  empty: one group.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import AlignerError, InputError
from ..io.atomic import atomic_writer
from ..io.guarded import open_input
from ..io.reading import SUFFIXES

MANIFEST_SUFFIXES = (".jsonl", ".parquet")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class CorpusDoc:
    """One document of a corpus: where it is, what it is called, its language and group."""

    index: int  # position in the corpus listing (the order outputs follow)
    doc_id: str
    path: str
    language: str = ""  # "" : detect
    group: str = ""


def is_url(path: str) -> bool:
    """Whether *path* is a URL for fsspec rather than a local path (``file://`` counts as local)."""
    return bool(_URL.match(path)) and not path.startswith("file://")


def is_manifest(source: str | os.PathLike[str]) -> bool:
    """Whether *source* names a corpus manifest (by its extension) rather than a folder or file."""
    return str(source).lower().endswith(MANIFEST_SUFFIXES)


def safe_name(text: str) -> str:
    """*text* as a file-name part: runs of characters other than letters, digits, ``.-_`` become ``_``."""
    return _UNSAFE.sub("_", text).strip("._") or "_"


def _rows(source: str) -> Iterator[tuple[int, dict[str, object]]]:
    if source.lower().endswith(".parquet"):
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise InputError(f"{source}: reading a Parquet manifest needs pyarrow; "
                             "install it with `pip install 'fr-ar-aligner[ray]'` or `pip install pyarrow`") from exc
        with _open_binary(source) as fh:
            try:
                table = pq.read_table(fh)
            except Exception as exc:  # pyarrow raises its own types for every corrupt file
                raise InputError(f"{source}: not a readable Parquet file ({exc}); check the manifest") from exc
        for k, row in enumerate(table.to_pylist(), 1):
            yield k, row
        return
    with _open_binary(source) as fh:
        for k, raw in enumerate(fh, 1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{source}, line {k}: not a JSON object ({exc}); "
                                 "a manifest has one object per line") from exc
            if not isinstance(row, dict):
                raise InputError(f"{source}, line {k}: not a JSON object; a manifest has one object per line")
            yield k, row


@contextmanager
def _open_binary(path: str) -> Iterator:  # type: ignore[type-arg]
    if is_url(path):
        fs_open = _fsspec_open(path)
        with fs_open as fh:
            yield fh
        return
    with open_input(path.removeprefix("file://"), "a corpus manifest (.jsonl or .parquet)", max_bytes=None) as fh:
        yield fh


def _fsspec_open(url: str):  # type: ignore[no-untyped-def]
    try:
        import fsspec
    except ImportError as exc:
        raise InputError(f"{url}: reading URLs needs fsspec; install it with `pip install fsspec`") from exc
    try:
        return fsspec.open(url, "rb")
    except (ImportError, ValueError) as exc:
        raise InputError(f"{url}: no fsspec file system for it ({exc}); install the protocol's package") from exc


def read_manifest(source: str | os.PathLike[str]) -> list[CorpusDoc]:
    """The documents a JSONL or Parquet manifest lists, in its order."""
    source = str(source)
    base = "" if is_url(source) else str(Path(source.removeprefix("file://")).parent)
    docs: list[CorpusDoc] = []
    seen: dict[str, int] = {}
    for line, row in _rows(source):
        path = row.get("path")
        if not isinstance(path, str) or not path:
            raise InputError(f"{source}, row {line}: no 'path'; every row needs the document's path or URL")
        if not is_url(path) and not os.path.isabs(path.removeprefix("file://")) and base:
            path = os.path.join(base, path)
        doc_id = str(row.get("id") or PurePosixPath(path).stem)
        if doc_id in seen:
            raise InputError(f"{source}, row {line}: id {doc_id!r} already used on row {seen[doc_id]}; "
                             "give every document its own 'id'")
        seen[doc_id] = line
        language = str(row.get("language") or "")
        docs.append(CorpusDoc(len(docs), doc_id, path, "" if language == "auto" else language,
                              str(row.get("group") or "")))
    if not docs:
        raise InputError(f"{source}: the manifest lists no document")
    return docs


#: Document formats found in a folder but not read: listed as unpaired with the fix.
UNREAD_DOCUMENTS = (".doc", ".docm", ".dotx", ".rtf", ".pages", ".wpd", ".mht", ".mhtml", ".epub", ".xps",
                    ".odp", ".ods", ".xlsx", ".xls", ".pptx", ".ppt")


def collect_files(inputs: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Files named, and the article files inside folders named (sorted), as given: the formats
    :func:`~aligner.io.reading.read_document` reads, and documents in formats it does not
    (:data:`UNREAD_DOCUMENTS`), which are listed as unpaired with the reason, never dropped
    silently."""
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*"))
                       if f.is_file() and f.suffix.lower() in SUFFIXES + UNREAD_DOCUMENTS)
        elif p.exists():
            out.append(str(item))
        else:
            raise InputError(f"{item}: no such file or folder; check the path")
    if not out:
        raise InputError(f"no .txt, .html, .docx, .odt or .pdf files found in {', '.join(map(str, inputs))}; "
                         "give the articles or the folders that hold them")
    return out


def load_corpus(inputs: Sequence[str | os.PathLike[str]]) -> list[CorpusDoc]:
    """The documents of *inputs*: manifests are read, folders searched, files taken as given."""
    docs: list[CorpusDoc] = []
    plain = [item for item in inputs if not is_manifest(item)]
    for item in inputs:
        if is_manifest(item):
            docs.extend(read_manifest(item))
    if plain:
        docs.extend(CorpusDoc(0, Path(p).stem, p) for p in collect_files(plain))
    return [CorpusDoc(k, d.doc_id, d.path, d.language, d.group) for k, d in enumerate(docs)]


@contextmanager
def local_copy(path: str) -> Iterator[str]:
    """A local path holding the document *path*: itself, or a temporary copy of a URL
    (with the same file name, so that its extension still tells HTML from text). Errors
    raised inside that name the temporary copy are re-raised naming the URL."""
    if not is_url(path):
        yield path.removeprefix("file://")
        return
    folder = tempfile.mkdtemp(prefix="aligner-fetch-")
    local = os.path.join(folder, safe_name(PurePosixPath(path.split("?")[0]).name))
    try:
        try:
            with _fsspec_open(path) as src, atomic_writer(local, binary=True) as dst:
                shutil.copyfileobj(src, dst)
        except OSError as exc:
            raise InputError(f"{path}: cannot be fetched ({exc}); check the URL and the credentials") from exc
        try:
            yield local
        except AlignerError as exc:
            if local in str(exc):
                raise type(exc)(str(exc).replace(local, path)) from exc
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
