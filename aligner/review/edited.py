"""An editable alignment from our JSONL records (:mod:`aligner.io.records`), and back.

The records are those ``aligner align -o PAIR.jsonl`` writes (header, beads,
dropped lines). A bead record carries each side's sentences (``src_sents``,
``tgt_sents``); for a file written before they were, a side of several
sentences is segmented again and must give back its sentences exactly. The
edited file adds to each bead its review ``state`` (``auto``, ``accepted``,
``edited``, ``rejected``), ``by``/``at`` when the editor was given a name, and
the first text of any corrected sentence (``src_original``, ``tgt_original``:
one entry per sentence, ``null`` where unchanged); its header adds
``edited_from``, ``edited_from_sha256`` and ``cursor``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..io.records import BeadRecord, DroppedRecord, HeaderRecord, Record
from .edit import STATES, EditableAlignment, EditError, Segment, Side, Unit, check_invariants


@dataclass
class EditedFile:
    """What an edited JSONL holds: the header record, the alignment, the dropped lines."""

    header: HeaderRecord
    alignment: EditableAlignment
    dropped: list[DroppedRecord] = field(default_factory=list)

    @property
    def src_lang(self) -> str:
        return self.header.src_lang

    @property
    def tgt_lang(self) -> str:
        return self.header.tgt_lang

    @property
    def signature(self) -> str:
        return self.header.signature

    def meta(self, key: str, default: Any = None) -> Any:
        """A field the editor keeps in the header (``cursor``, ``edited_from``…)."""
        return self.header.extra.get(key, default)


def _texts(rec: BeadRecord, key: str, n: int, name: str, nullable: bool = False) -> list[Any] | None:
    value = rec.extra.get(key)
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != n
            or not all(isinstance(v, str) or (nullable and v is None) for v in value)):
        raise InputError(f"{name}: a bead record's {key!r} must be a list of {n} texts; give a .jsonl written "
                         "by `aligner align`")
    return value


def _sentences(rec: BeadRecord, side: Side, ids: tuple[int, ...], lang: str, name: str) -> list[str]:
    sents = _texts(rec, f"{side}_sents", len(ids), name)
    if sents is not None:
        return sents
    joined = rec.source if side == "src" else rec.target
    if len(ids) <= 1:
        return [joined] if ids else []
    from ..lang.segment import segment_text

    parts = [x.text for x in segment_text(joined, lang)]
    if len(parts) == len(ids) and " ".join(parts) == joined:
        return parts
    raise InputError(f"{name}: the unit of {side} sentences {list(ids)} does not split back into {len(ids)} "
                     "sentences (the file was written before JSONL kept each sentence); align the pair "
                     "again: `aligner align FR AR -o PAIR.jsonl`")


def from_records(records: Iterable[Record], name: str = "the input") -> EditedFile:
    """The editable alignment of the records of one pair; :class:`InputError` when they do not make one."""
    header = HeaderRecord()
    beads: list[BeadRecord] = []
    dropped: list[DroppedRecord] = []
    for rec in records:
        if isinstance(rec, HeaderRecord):
            header = rec
        elif isinstance(rec, BeadRecord):
            beads.append(rec)
        elif isinstance(rec, DroppedRecord):
            dropped.append(rec)
    if not beads:
        raise InputError(f"{name}: no aligned units; give the .jsonl written by `aligner align -o FILE.jsonl`")
    langs = {"src": header.src_lang, "tgt": header.tgt_lang}
    segs: dict[str, dict[int, Segment]] = {"src": {}, "tgt": {}}
    units: list[Unit] = []
    for rec in beads:
        for side in ("src", "tgt"):
            ids = rec.src_ids if side == "src" else rec.tgt_ids
            texts = _sentences(rec, side, ids, langs[side], name)  # type: ignore[arg-type]
            kinds = rec.src_kinds if side == "src" else rec.tgt_kinds
            originals = _texts(rec, f"{side}_original", len(ids), name, nullable=True) or [None] * len(ids)
            for k, i in enumerate(ids):
                if i in segs[side]:
                    raise InputError(f"{name}: {side} sentence {i} is in two units; give a .jsonl written by "
                                     "`aligner align`")
                segs[side][i] = Segment(texts[k], kinds[k] if kinds else "sentence", originals[k])
        state = rec.extra.get("state") or "auto"
        if state not in STATES:
            raise InputError(f"{name}: unknown unit state {state!r}; one of: {', '.join(STATES)}")
        by, at = rec.extra.get("by") or "", rec.extra.get("at") or ""
        units.append(Unit(rec.src_ids, rec.tgt_ids, str(state), rec.confidence, str(by), str(at)))
    sides = {}
    for side in ("src", "tgt"):
        n = len(segs[side])
        if sorted(segs[side]) != list(range(n)):
            raise InputError(f"{name}: the {side} sentence ids are not 0 to {n - 1}; give a .jsonl written by "
                             "`aligner align`")
        sides[side] = tuple(segs[side][i] for i in range(n))
    alignment = EditableAlignment(sides["src"], sides["tgt"], tuple(units))
    try:
        check_invariants(alignment)
    except EditError as exc:
        raise InputError(f"{name}: {exc}; give a .jsonl written by `aligner align`") from None
    return EditedFile(header, alignment, dropped)


def bead_record(alignment: EditableAlignment, unit: Unit, signature: str = "") -> BeadRecord:
    """One bead record: what ``aligner align`` writes, plus the review state and the sentences."""
    extra: dict[str, Any] = {
        "state": unit.state,
        "src_sents": [alignment.src[i].text for i in unit.src],
        "tgt_sents": [alignment.tgt[j].text for j in unit.tgt],
    }
    for side, ids, segs in (("src", unit.src, alignment.src), ("tgt", unit.tgt, alignment.tgt)):
        if any(segs[i].original is not None for i in ids):
            extra[f"{side}_original"] = [segs[i].original for i in ids]
    if unit.by:
        extra["by"] = unit.by
    if unit.at:
        extra["at"] = unit.at
    return BeadRecord(alignment.text(unit, "src"), alignment.text(unit, "tgt"), unit.src, unit.tgt,
                      unit.confidence, tuple(alignment.src[i].kind for i in unit.src),
                      tuple(alignment.tgt[j].kind for j in unit.tgt), signature, extra=extra)


def to_records(edited: EditedFile, units: Iterable[Unit] | None = None) -> Iterator[Record]:
    """The header, one record per unit (all, or those given), then the dropped lines."""
    yield edited.header
    for unit in edited.alignment.units if units is None else units:
        yield bead_record(edited.alignment, unit, edited.signature)
    yield from edited.dropped
