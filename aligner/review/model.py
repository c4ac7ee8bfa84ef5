"""The side-by-side review of one alignment: rows in reading order, with scores and findings.

A :class:`Review` is built from the records of our JSONL (what
``aligner align -o x.jsonl`` writes, or :func:`~aligner.io.output.jsonl_records`
of an alignment in memory), so that ``aligner align --report`` and
``aligner report x.jsonl`` show the same thing. Rendering is in
:mod:`aligner.review.html`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..align.scores import DocumentScores, scores_of
from ..errors import InputError
from ..models import Alignment, Bead
from ..qa.checks import Finding, QAReport, run_checks, units_from_records

#: Confidence bands that colour the rows and the dots (documented in docs/review.md).
HIGH_CONFIDENCE = 0.8
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class ReviewRow:
    """One row: an aligned unit, an unaligned sentence, or a line dropped as boilerplate.

    ``kind`` is ``unit`` (both sides), ``unaligned`` (one side has no
    counterpart) or ``dropped`` (removed before alignment; ``reason`` says why).
    ``unit`` is the bead's 0-based index among the beads (what QA findings
    refer to), ``None`` for dropped lines.
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

    @property
    def band(self) -> str:
        """``high``, ``medium`` or ``low`` confidence; ``none`` for rows without one."""
        if self.kind != "unit" or self.confidence is None:
            return "none"
        if self.confidence >= HIGH_CONFIDENCE:
            return "high"
        return "medium" if self.confidence >= LOW_CONFIDENCE else "low"

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

    @property
    def dropped(self) -> int:
        """How many lines were dropped as boilerplate, both sides together."""
        return sum(1 for r in self.rows if r.kind == "dropped")


def _ids(rec: dict[str, object], key: str) -> tuple[int, ...]:
    value = rec.get(key) or []
    if not isinstance(value, list) or not all(isinstance(i, int) for i in value):
        raise InputError(f"a bead record has a bad {key!r} ({value!r}); give a .jsonl written by `aligner align`")
    return tuple(value)


def _kinds(rec: dict[str, object], key: str, n: int) -> tuple[str, ...]:
    value = rec.get(key)
    if isinstance(value, list) and len(value) == n:
        return tuple(str(k) for k in value)
    return ("sentence",) * n


def build_review(records: Iterable[dict[str, object]], name: str = "") -> Review:
    """The review of the records of one alignment (header, beads, dropped lines).

    Raises :class:`InputError` when there is no bead record.
    """
    header: dict[str, object] = {}
    bead_recs: list[dict[str, object]] = []
    dropped: dict[str, list[dict[str, object]]] = {"src": [], "tgt": []}
    for rec in records:
        kind = rec.get("type", "bead")
        if kind == "header":
            header = rec
        elif kind == "bead":
            bead_recs.append(rec)
        elif kind == "dropped":
            dropped["src" if rec.get("side") == "src" else "tgt"].append(rec)
    if not bead_recs:
        raise InputError(f"{name or 'the input'}: no aligned units; give the .jsonl written by "
                         "`aligner align -o FILE.jsonl`")

    qa = run_checks(units_from_records(bead_recs))
    by_unit: dict[int, list[Finding]] = {}
    for f in qa.findings:
        by_unit.setdefault(f.unit, []).append(f)

    beads: list[Bead] = []
    kinds: tuple[dict[int, str], dict[int, str]] = ({}, {})
    unit_rows: list[ReviewRow] = []
    for n, rec in enumerate(bead_recs):
        src, tgt = _ids(rec, "src_ids"), _ids(rec, "tgt_ids")
        sk, tk = _kinds(rec, "src_kinds", len(src)), _kinds(rec, "tgt_kinds", len(tgt))
        kinds[0].update(zip(src, sk, strict=True))
        kinds[1].update(zip(tgt, tk, strict=True))
        conf = rec.get("confidence")
        confidence = float(conf) if isinstance(conf, int | float) else None
        beads.append(Bead(src, tgt, confidence or 0.0))
        both = bool(src) and bool(tgt)
        reason = "" if both else ("no counterpart in the target" if src else "no counterpart in the source")
        unit_rows.append(ReviewRow(
            "unit" if both else "unaligned", str(rec.get("source", "")), str(rec.get("target", "")),
            src, tgt, confidence, n, reason, sk, tk, tuple(by_unit.get(n, ())),
        ))

    rows = _place_dropped(unit_rows, dropped)
    src_lang = str(header.get("src_lang") or "fr")
    tgt_lang = str(header.get("tgt_lang") or "ar")
    scores = scores_of([kinds[0].get(i, "sentence") for i in range(max(kinds[0], default=-1) + 1)],
                       [kinds[1].get(j, "sentence") for j in range(max(kinds[1], default=-1) + 1)], beads)
    signature = str(header.get("signature") or bead_recs[0].get("signature") or "")
    return Review(
        source_name=os.path.basename(str(header.get("source") or "")) or "source",
        target_name=os.path.basename(str(header.get("target") or "")) or "target",
        src_lang=src_lang, tgt_lang=tgt_lang, signature=signature, scores=scores, rows=rows, qa=qa,
        beads=beads, src_count=len(kinds[0]), tgt_count=len(kinds[1]),
    )


def _place_dropped(unit_rows: list[ReviewRow], dropped: dict[str, list[dict[str, object]]]) -> list[ReviewRow]:
    """Insert each dropped line before the first row holding the sentence it preceded."""

    def before(rec: dict[str, object]) -> int:
        value = rec.get("before", -1)
        return value if isinstance(value, int) and value >= 0 else 1 << 62

    pending = {side: sorted(recs, key=lambda r: (before(r), int(r.get("line", 0) or 0)))  # type: ignore[call-overload]
               for side, recs in dropped.items()}

    def row(side: str, rec: dict[str, object]) -> ReviewRow:
        text = str(rec.get("text", ""))
        return ReviewRow("dropped", text if side == "src" else "", text if side == "tgt" else "",
                         reason=f"dropped as boilerplate: {rec.get('reason', '')}")

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


def review_alignment(alignment: Alignment) -> Review:
    """The review of an alignment in memory (what ``aligner align --report`` shows)."""
    from ..io.output import jsonl_records

    return build_review(jsonl_records(alignment), alignment.src_path)


def review_file(path: str | os.PathLike[str]) -> Review:
    """The review of a JSONL written by ``aligner align -o FILE.jsonl``."""
    from ..io.output import read_jsonl_records

    return build_review(read_jsonl_records(path), str(path))
