"""MT evaluation with sacrebleu: BLEU, chrF and TER with their signatures.

Uses sacrebleu's built-in tokenizers only (``13a`` for BLEU); nothing is
downloaded at run time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import InputError


@dataclass(frozen=True)
class MetricScore:
    """One corpus score and the sacrebleu signature that produced it."""

    name: str
    score: float
    signature: str


@dataclass(frozen=True)
class SegmentScore:
    """chrF of one segment."""

    index: int
    chrf: float
    hypothesis: str
    reference: str
    source: str | None


@dataclass(frozen=True)
class MTEvaluation:
    """Corpus scores and the worst segments by chrF."""

    scores: list[MetricScore]
    worst: list[SegmentScore]


def _lines(path: str | os.PathLike[str], role: str) -> list[str]:
    from ..io.guarded import read_text

    lines = read_text(path, f"the {role} file, one segment per line").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise InputError(f"{path}: the {role} file is empty")
    return lines


def evaluate_mt(hyp: str | os.PathLike[str], ref: str | os.PathLike[str],
                src: str | os.PathLike[str] | None = None, worst: int = 10) -> MTEvaluation:
    """BLEU, chrF and TER of *hyp* against *ref* (one segment per line)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    hyps = _lines(hyp, "hypothesis")
    refs = _lines(ref, "reference")
    srcs = _lines(src, "source") if src else None
    if len(hyps) != len(refs) or (srcs is not None and len(srcs) != len(hyps)):
        raise InputError(
            f"line counts differ: {len(hyps)} hypotheses, {len(refs)} references"
            + (f", {len(srcs)} sources" if srcs is not None else "")
            + "; the files must be line-aligned"
        )
    scores = []
    for metric in (BLEU(), CHRF(), TER()):
        result = metric.corpus_score(hyps, [refs])
        scores.append(MetricScore(result.name, round(result.score, 2), str(metric.get_signature())))
    chrf = CHRF()
    per_segment = [
        SegmentScore(i, round(chrf.sentence_score(h, [r]).score, 2), h, r, srcs[i] if srcs else None)
        for i, (h, r) in enumerate(zip(hyps, refs, strict=False))
    ]
    per_segment.sort(key=lambda s: (s.chrf, s.index))
    return MTEvaluation(scores, per_segment[:worst])
