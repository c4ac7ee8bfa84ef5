"""Scores of aligned units and of document pairs, and the document verdict.

Verdict thresholds (documented in docs/qa.md):

* ``parallel``: at least 90 % of the content sentences of each side are in a
  confident unit (confidence ≥ 0.5) and the mean unit confidence is ≥ 0.7;
* ``comparable``: at least 30 % of each side (rewritten, partly aligned)
  with mean confidence ≥ 0.5;
* ``unrelated``: anything less.

Headings and items count as content only when aligned; boilerplate was removed
before alignment and never counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Alignment, Bead

CONFIDENT = 0.5
PARALLEL_COVERAGE = 0.9
PARALLEL_CONFIDENCE = 0.7
COMPARABLE_COVERAGE = 0.3
COMPARABLE_CONFIDENCE = 0.5
#: Arabic characters per French character in professional translations
#: (median over FLORES-200 devtest fr–ar; the memory's own median is used when
#: it has at least 20 units).
FR_AR_LENGTH_RATIO = 0.84


@dataclass(frozen=True)
class DocumentScores:
    """Coverage of each side, mean confidence, and the verdict."""

    src_coverage: float
    tgt_coverage: float
    mean_confidence: float
    units: int
    verdict: str


def length_deviation(src: str, tgt: str, ratio: float = FR_AR_LENGTH_RATIO) -> float:
    """``log(len(tgt) / (ratio · len(src)))``: 0 when the lengths are as expected."""
    return math.log((len(tgt) + 1) / (ratio * len(src) + 1))


def verdict(src_coverage: float, tgt_coverage: float, mean_confidence: float) -> str:
    """``parallel``, ``comparable`` or ``unrelated`` (thresholds above)."""
    cov = min(src_coverage, tgt_coverage)
    if cov >= PARALLEL_COVERAGE and mean_confidence >= PARALLEL_CONFIDENCE:
        return "parallel"
    if cov >= COMPARABLE_COVERAGE and mean_confidence >= COMPARABLE_CONFIDENCE:
        return "comparable"
    return "unrelated"


def document_scores(alignment: Alignment) -> DocumentScores:
    """Coverage (confident units, content sentences only), mean confidence, verdict."""
    return scores_of([s.kind for s in alignment.src], [s.kind for s in alignment.tgt], alignment.units)


def scores_of(src_kinds: Sequence[str], tgt_kinds: Sequence[str], beads: Iterable[Bead]) -> DocumentScores:
    """:func:`document_scores` from each side's sentence kinds (by index) and the beads."""
    covered_src: set[int] = set()
    covered_tgt: set[int] = set()
    confidences = []
    for bead in beads:
        if bead.is_null:
            continue
        confidences.append(bead.confidence)
        if bead.confidence >= CONFIDENT:
            covered_src.update(bead.src)
            covered_tgt.update(bead.tgt)

    def coverage(kinds: Sequence[str], covered: set[int]) -> float:
        content = [i for i, kind in enumerate(kinds) if kind == "sentence" or i in covered]
        return len([i for i in content if i in covered]) / len(content) if content else 0.0

    src_cov = coverage(src_kinds, covered_src)
    tgt_cov = coverage(tgt_kinds, covered_tgt)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return DocumentScores(round(src_cov, 4), round(tgt_cov, 4), round(mean, 4), len(confidences),
                          verdict(src_cov, tgt_cov, mean))
