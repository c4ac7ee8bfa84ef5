"""The JSONL record of an alignment, as dataclasses: written and read in this one place.

A JSONL written by ``aligner align -o FILE.jsonl`` holds a :class:`HeaderRecord`, one
:class:`BeadRecord` per bead (unaligned sentences included, in order) and one
:class:`DroppedRecord` per line removed as boilerplate. ``aligner tmx convert`` writes
bead records with ``props`` instead of ids. Every reader of the project (QA, review,
conversion, the editor) goes through :func:`read_records`, which checks each field's type
and names the file and line of anything malformed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import InputError
from ..models import Alignment

#: A bead may name at most this many sentences per side, and ids at most this large:
#: a hostile file cannot make a reader allocate more.
MAX_IDS = 64
MAX_ID = 10_000_000


@dataclass(frozen=True)
class HeaderRecord:
    """Which documents were aligned, their languages, and the settings' signature."""

    source: str = ""
    target: str = ""
    src_lang: str = "fr"
    tgt_lang: str = "ar"
    signature: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # fields of other writers (the editor's…)
    translated_in_full: bool = False  # the document read as translated in full (Alignment's field)

    def to_json(self) -> dict[str, Any]:
        return {"type": "header", "source": self.source, "target": self.target, "src_lang": self.src_lang,
                "tgt_lang": self.tgt_lang, "signature": self.signature,
                "translated_in_full": self.translated_in_full, **self.extra}


@dataclass(frozen=True)
class BeadRecord:
    """One bead: sentence ids on both sides (either may be empty), their text, confidence, kinds."""

    source: str
    target: str
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    confidence: float | None = None
    src_kinds: tuple[str, ...] = ()
    tgt_kinds: tuple[str, ...] = ()
    signature: str = ""
    props: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # fields of other writers (the editor's state…)

    @property
    def is_pair(self) -> bool:
        """True when both sides hold text (not an unaligned sentence)."""
        return bool(self.source.strip()) and bool(self.target.strip())

    def kind_of(self, side: str) -> str:
        """The kind of the first sentence of *side* (``src``/``tgt``): sentence, heading or item."""
        kinds = self.src_kinds if side == "src" else self.tgt_kinds
        return kinds[0] if kinds else "sentence"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "bead"}
        if self.src_ids or self.tgt_ids or not self.props:
            out.update(src_ids=list(self.src_ids), tgt_ids=list(self.tgt_ids))
        out.update(source=self.source, target=self.target)
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 4)
        if self.src_kinds or self.tgt_kinds:
            out.update(src_kinds=list(self.src_kinds), tgt_kinds=list(self.tgt_kinds))
        if self.signature:
            out["signature"] = self.signature
        if self.props:
            out["props"] = dict(self.props)
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class DroppedRecord:
    """A line removed as boilerplate: its side, line number, text, the rule, the sentence it preceded."""

    side: str
    line: int
    text: str
    reason: str
    before: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"type": "dropped", "side": self.side, "line": self.line, "text": self.text,
                "reason": self.reason, "before": self.before}


Record = HeaderRecord | BeadRecord | DroppedRecord


def records_of(alignment: Alignment) -> Iterator[Record]:
    """The records of an alignment in memory: header, beads in order, dropped lines."""
    yield HeaderRecord(alignment.src_path, alignment.tgt_path, alignment.src_lang, alignment.tgt_lang,
                       alignment.signature, translated_in_full=alignment.translated_in_full)
    for bead in alignment.beads:
        yield BeadRecord(
            alignment.src_text(bead), alignment.tgt_text(bead), tuple(bead.src), tuple(bead.tgt),
            round(bead.confidence, 4), tuple(alignment.src[i].kind for i in bead.src),
            tuple(alignment.tgt[j].kind for j in bead.tgt), alignment.signature,
            # each sentence, so that `aligner edit` can split the bead again
            extra={"src_sents": [alignment.src[i].text for i in bead.src],
                   "tgt_sents": [alignment.tgt[j].text for j in bead.tgt]},
        )
    for side, dropped in (("src", alignment.src_dropped), ("tgt", alignment.tgt_dropped)):
        for d in dropped:
            yield DroppedRecord(side, d.line, d.text, d.reason, d.before)


def dumps(record: Record) -> str:
    """One JSONL line (with its newline). U+2028, U+2029 and U+0085 are escaped, so that a
    reader splitting on any line break still sees one record per line."""
    line = json.dumps(record.to_json(), ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085") + "\n"


def write_records(records: Iterable[Record], fh: IO[str]) -> None:
    """Write *records* to an open text stream, one per line."""
    for rec in records:
        fh.write(dumps(rec))


class _Fields:
    """Typed access to one JSON object, with errors naming the file and line."""

    def __init__(self, obj: dict[str, Any], where: str) -> None:
        self.obj, self.where = obj, where

    def bad(self, key: str, what: str) -> InputError:
        return InputError(f"{self.where}: field {key!r} must be {what} (got {self.obj.get(key)!r:.60}); "
                          "give a .jsonl written by `aligner align` or `aligner tmx convert`")

    def text(self, key: str, default: str = "") -> str:
        value = self.obj.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.bad(key, "a string")
        return value

    def ids(self, key: str) -> tuple[int, ...]:
        value = self.obj.get(key) or []
        if (not isinstance(value, list) or len(value) > MAX_IDS
                or not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i <= MAX_ID for i in value)):
            raise self.bad(key, f"a list of at most {MAX_IDS} sentence numbers (0 to {MAX_ID})")
        return tuple(value)

    def kinds(self, key: str, n: int) -> tuple[str, ...]:
        value = self.obj.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            raise self.bad(key, "a list of kinds (sentence, heading, item)")
        if len(value) != n:
            raise self.bad(key, f"a list of {n} kinds, one per sentence number")
        return tuple(value)

    def number(self, key: str) -> float | None:
        value = self.obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
            raise self.bad(key, "a number")
        return float(value)

    def integer(self, key: str, default: int) -> int:
        value = self.obj.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.bad(key, "a whole number")
        return value

    def props(self, key: str) -> dict[str, str]:
        value = self.obj.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise self.bad(key, "an object of strings")
        return dict(value)


_KNOWN = {"type", "src_ids", "tgt_ids", "source", "target", "confidence", "src_kinds", "tgt_kinds",
          "signature", "props", "src_lang", "tgt_lang", "translated_in_full"}


def parse_record(obj: object, where: str) -> Record | None:
    """The record a JSON value stands for (None for a record type this version does not know)."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: not a JSON object; give a .jsonl written by `aligner align`")
    f = _Fields(obj, where)
    kind = obj.get("type", "bead")
    if not isinstance(kind, str):
        raise f.bad("type", "a string: header, bead or dropped")
    if kind == "header":
        in_full = obj.get("translated_in_full", False)
        if not isinstance(in_full, bool):
            raise f.bad("translated_in_full", "true or false")
        return HeaderRecord(f.text("source"), f.text("target"), f.text("src_lang", "fr") or "fr",
                            f.text("tgt_lang", "ar") or "ar", f.text("signature"),
                            {k: v for k, v in obj.items() if k not in _KNOWN}, in_full)
    if kind == "bead":
        src, tgt = f.ids("src_ids"), f.ids("tgt_ids")
        extra = {k: v for k, v in obj.items() if k not in _KNOWN}
        return BeadRecord(f.text("source"), f.text("target"), src, tgt, f.number("confidence"),
                          f.kinds("src_kinds", len(src)), f.kinds("tgt_kinds", len(tgt)), f.text("signature"),
                          f.props("props"), extra)
    if kind == "dropped":
        side = f.text("side")
        if side not in ("src", "tgt"):
            raise f.bad("side", "'src' or 'tgt'")
        return DroppedRecord(side, f.integer("line", 0), f.text("text"), f.text("reason"), f.integer("before", -1))
    return None


def read_records(path: str | os.PathLike[str]) -> Iterator[Record]:
    """Every record of a JSONL file, checked; :class:`InputError` naming the file and line otherwise."""
    from .guarded import iter_lines

    for number, line in iter_lines(path, "a .jsonl written by `aligner align -o FILE.jsonl`"):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{where}: not JSON; give a .jsonl written by `aligner align`") from None
        rec = parse_record(obj, where)
        if rec is not None:
            yield rec


def read_beads(path: str | os.PathLike[str]) -> Iterator[BeadRecord]:
    """The bead records of a JSONL, in order."""
    for rec in read_records(path):
        if isinstance(rec, BeadRecord):
            yield rec
