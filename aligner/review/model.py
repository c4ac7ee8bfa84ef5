"""The side-by-side review of one alignment: rows in reading order, with scores and findings.

A :class:`Review` is built from the records of our JSONL (read from what
``aligner align -o x.jsonl`` writes, or :func:`~aligner.io.records.records_of`
an alignment in memory), so that ``aligner align --report`` and
``aligner report x.jsonl`` show the same thing. Rendering is in
:mod:`aligner.review.html`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..align.scores import DocumentScores, scores_of
from ..config import QA_DEFAULTS, QAConfig
from ..errors import InputError
from ..io.records import BeadRecord, DroppedRecord, HeaderRecord, Record, read_records, records_of
from ..models import Alignment, Bead
from ..qa.base import Finding
from ..qa.run import QAReport, run_checks, units_from_records


@dataclass(frozen=True)
class ReviewRow:
    """One row: an aligned unit, an unaligned sentence, or a line dropped as boilerplate.

    ``kind`` is ``unit`` (both sides), ``unaligned`` (one side has no
    counterpart) or ``dropped`` (removed before alignment; ``reason`` says why).
    ``unit`` is the bead's 0-based index among the beads (the position edits and the
    dot plot use), ``None`` for dropped lines. ``number`` is the unit number that
    ``aligner qa`` and the TMX use for the same row (aligned pairs 0, 1, 2…; an
    unaligned sentence takes the number of the pair after it), shown on the page.
    """

    kind: str
    source: str
    target: str
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    confidence: float | None = None
    unit: int | None = None
    reason: str = ""
    src_kinds: tuple[str, ...] = ()
    tgt_kinds: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    band: str = "none"  # high, medium or low confidence (QAConfig thresholds); none without one
    number: int | None = None

    @property
    def flagged(self) -> bool:
        """True when a QA check found an error or a warning."""
        return any(f.severity in ("error", "warning") for f in self.findings)


@dataclass
class Review:
    """Everything the review page shows."""

    source_name: str
    target_name: str
    src_lang: str
    tgt_lang: str
    signature: str
    scores: DocumentScores
    rows: list[ReviewRow]
    qa: QAReport
    beads: list[Bead] = field(default_factory=list)
    src_count: int = 0
    tgt_count: int = 0
    low_confidence: float = QA_DEFAULTS.low_confidence
    high_confidence: float = QA_DEFAULTS.high_confidence

    @property
    def dropped(self) -> int:
        """How many lines were dropped as boilerplate, both sides together."""
        return sum(1 for r in self.rows if r.kind == "dropped")


def build_review(records: Iterable[Record], name: str = "", qcfg: QAConfig = QA_DEFAULTS) -> Review:
    """The review of the records of one alignment (header, beads, dropped lines), from a file
    (:func:`review_file`) or from an alignment in memory (:func:`review_alignment`).

    Raises :class:`InputError` when there is no bead record.
    """
    header = HeaderRecord()
    bead_recs: list[BeadRecord] = []
    dropped: dict[str, list[DroppedRecord]] = {"src": [], "tgt": []}
    for rec in records:
        if isinstance(rec, HeaderRecord):
            header = rec
        elif isinstance(rec, BeadRecord):
            bead_recs.append(rec)
        else:
            dropped[rec.side].append(rec)
    if not bead_recs:
        raise InputError(f"{name or 'the input'}: no aligned units; give the .jsonl written by "
                         "`aligner align -o FILE.jsonl`")

    # Findings are placed on rows by position here (QA numbers an unaligned sentence as the pair after
    # it, so two rows can share a number); the rows show QA's numbers.
    qa_units = units_from_records(bead_recs)
    qa = run_checks([replace(u, index=n) for n, u in enumerate(qa_units)], qcfg=qcfg)
    by_unit: dict[int, list[Finding]] = {}
    for f in qa.findings:
        by_unit.setdefault(f.unit, []).append(f)

    beads: list[Bead] = []
    kinds: tuple[dict[int, str], dict[int, str]] = ({}, {})
    unit_rows: list[ReviewRow] = []
    for n, rec in enumerate(bead_recs):
        src, tgt = rec.src_ids, rec.tgt_ids
        sk = rec.src_kinds or ("sentence",) * len(src)
        tk = rec.tgt_kinds or ("sentence",) * len(tgt)
        kinds[0].update(zip(src, sk, strict=True))
        kinds[1].update(zip(tgt, tk, strict=True))
        confidence = rec.confidence
        beads.append(Bead(src, tgt, confidence or 0.0))
        both = bool(src) and bool(tgt)
        reason = "" if both else ("no counterpart in the target" if src else "no counterpart in the source")
        unit_rows.append(ReviewRow(
            "unit" if both else "unaligned", rec.source, rec.target,
            src, tgt, confidence, n, reason, sk, tk, tuple(by_unit.get(n, ())),
            _band(confidence, qcfg) if both else "none", qa_units[n].index,
        ))

    rows = _place_dropped(unit_rows, dropped)
    src_lang, tgt_lang = header.src_lang, header.tgt_lang
    scores = scores_of([kinds[0].get(i, "sentence") for i in range(max(kinds[0], default=-1) + 1)],
                       [kinds[1].get(j, "sentence") for j in range(max(kinds[1], default=-1) + 1)], beads)
    signature = header.signature or bead_recs[0].signature
    return Review(
        source_name=os.path.basename(header.source) or "source",
        target_name=os.path.basename(header.target) or "target",
        src_lang=src_lang, tgt_lang=tgt_lang, signature=signature, scores=scores, rows=rows, qa=qa,
        beads=beads, src_count=len(kinds[0]), tgt_count=len(kinds[1]),
        low_confidence=qcfg.low_confidence, high_confidence=qcfg.high_confidence,
    )


def _band(confidence: float | None, qcfg: QAConfig) -> str:
    if confidence is None:
        return "none"
    if confidence >= qcfg.high_confidence:
        return "high"
    return "medium" if confidence >= qcfg.low_confidence else "low"


def _place_dropped(unit_rows: list[ReviewRow], dropped: dict[str, list[DroppedRecord]]) -> list[ReviewRow]:
    """Insert each dropped line before the first row holding the sentence it preceded."""

    def before(rec: DroppedRecord) -> int:
        return rec.before if rec.before >= 0 else 1 << 62

    pending = {side: sorted(recs, key=lambda r: (before(r), r.line)) for side, recs in dropped.items()}

    def row(side: str, rec: DroppedRecord) -> ReviewRow:
        return ReviewRow("dropped", rec.text if side == "src" else "", rec.text if side == "tgt" else "",
                         reason=f"dropped as boilerplate: {rec.reason}")

    out: list[ReviewRow] = []
    for r in unit_rows:
        for side, ids in (("src", r.src_ids), ("tgt", r.tgt_ids)):
            if ids:
                while pending[side] and before(pending[side][0]) <= min(ids):
                    out.append(row(side, pending[side].pop(0)))
        out.append(r)
    for side in ("src", "tgt"):
        out.extend(row(side, rec) for rec in pending[side])
    return out


def review_alignment(alignment: Alignment, qcfg: QAConfig = QA_DEFAULTS) -> Review:
    """The review of an alignment in memory (what ``aligner align --report`` shows)."""
    return build_review(records_of(alignment), alignment.src_path, qcfg)


def review_file(path: str | os.PathLike[str], qcfg: QAConfig = QA_DEFAULTS) -> Review:
    """The review of a JSONL written by ``aligner align -o FILE.jsonl``."""
    return build_review(read_records(path), str(path), qcfg)
