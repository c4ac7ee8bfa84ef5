"""A document's segmentation, kept in the embedding cache so that a re-run does not segment again.

Keyed by the SHA-256 of the language, the text and a fingerprint of the segmenter: the
source of :mod:`aligner.lang.segment` and :mod:`aligner.lang.fr` (its abbreviations) and
nltk's version, so any change to the rules misses the old entries. Stored as JSON
(``[[text, kind, line], …]``) with a checksum (:meth:`~aligner.encoders.cache.EmbeddingCache.record`);
an entry that does not read back as a well-formed segmentation of *this* text is ignored
and the text segmented again. Where the segmenter's source cannot be read (a frozen
build), nothing is kept.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import json
from typing import Protocol

from ..models import Sentence
from . import fr, segment

KINDS = frozenset({"sentence", "heading", "item"})


class RecordStore(Protocol):
    """Checksummed bytes by key (:class:`aligner.encoders.cache.EmbeddingCache`)."""

    def record(self, key: bytes) -> bytes | None: ...

    def store_record(self, key: bytes, data: bytes) -> None: ...


@functools.lru_cache(maxsize=1)
def fingerprint() -> bytes | None:
    """What the segmentation of a text depends on besides the text (None: unknown here)."""
    h = hashlib.sha256(b"segmenter-1\x00")
    try:
        for module in (segment, fr):
            h.update(inspect.getsource(module).encode("utf-8", "surrogatepass"))
        h.update(importlib.metadata.version("nltk").encode())
    except (OSError, TypeError, importlib.metadata.PackageNotFoundError):
        return None
    return h.digest()


def _key(text: str, lang: str, mark: bytes) -> bytes:
    h = hashlib.sha256(b"segments\x00" + mark + lang.encode() + b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.digest()


def _decode(data: bytes, text: str) -> list[Sentence] | None:
    """The stored sentences, or None when *data* is not a segmentation of *text*."""
    try:
        rows = json.loads(data.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(rows, list):
        return None
    lines = text.count("\n") + 1
    out = []
    for k, row in enumerate(rows):
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and row[0]
                and row[1] in KINDS and type(row[2]) is int and 0 <= row[2] < lines):
            return None
        out.append(Sentence(k, row[0], row[1], row[2]))
    return out


def segment_cached(text: str, lang: str, store: RecordStore | None) -> list[Sentence]:
    """:func:`aligner.lang.segment.segment_text`, read from *store* when it has this text's
    segmentation, and kept there when it had not."""
    mark = fingerprint() if store is not None else None
    if store is None or mark is None:
        return segment.segment_text(text, lang)
    key = _key(text, lang, mark)
    data = store.record(key)
    if data is not None:
        cached = _decode(data, text)
        if cached is not None:
            return cached
    sentences = segment.segment_text(text, lang)
    rows = [[s.text, s.kind, s.line] for s in sentences]
    store.store_record(key, json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
                       .encode("utf-8", "surrogatepass"))
    return sentences
