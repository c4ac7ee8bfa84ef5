"""Calibrated confidence of a bead: a logistic model over its features, per encoder.

The probability that a bead is exactly right, from :data:`FEATURES` (computed by
:func:`aligner.align.search.bead_features`). Weights are fitted per encoder on the dev
sets only (Text+Berg dev, the fr–ar dev construction and the probe's tuning twin, both
built from FLORES-200, and, for ``use`` since stop 22, the written dev set, eight documents
since stop 23) by
``scripts/calibrate_confidence.py``; reliability on the report sets is in
docs/benchmarks.md. ``use`` and ``e5`` have their own weights; an encoder without
(``laser``, a plug-in) uses :data:`FALLBACK`'s, fitted for ``use``: its figures are then
not calibrated, and the signature's encoder name says which encoder produced them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .refine import Pair, SpanVectors, prefetch_pairs

#: Names of the features of a bead that its confidence is computed from.
FEATURES = (
    "bias", "pair_dissimilarity", "null_best_dissimilarity", "is_null", "is_many",
    "extra_sentences", "next_to_null", "next_to_many", "partner_margin", "document_best_dissimilarity",
    "has_join", "join_gain", "translated_in_full",
)

#: Weight of the length deviation in the score behind ``join_gain`` (fixed here, apart from
#: ``--refine-length``, so that the calibrated feature means the same under any setting).
JOIN_LENGTH = 0.2
#: Join gains at or below this are alike (the sentence plainly does not belong).
JOIN_FLOOR = -0.3

#: Logistic weights over :data:`FEATURES`, by encoder name.
CONF_WEIGHTS: dict[str, np.ndarray] = {
    "use": np.array([5.852, -3.615, 0.651, -1.513, -0.068, -0.471, 0.132, -0.267, -2.662, -0.614, -0.992, -2.192,
                     -1.676]),
    # e5's last weight is 0: with e5 no dev document reads as translated in full (Text+Berg dev reads as news)
    "e5": np.array([3.741, -4.627, -0.102, -1.969, 0.572, -0.999, 0.628, -0.219, -4.210, 2.834, -0.646, -4.221,
                    0.000]),
}
#: The encoder whose weights stand in for an encoder without its own.
FALLBACK = "use"


def weights_for(encoder: str) -> np.ndarray:
    """The confidence weights of *encoder* (base name before any ``+``), else :data:`FALLBACK`'s."""
    return CONF_WEIGHTS.get(encoder, CONF_WEIGHTS.get(encoder.split("+")[0], CONF_WEIGHTS[FALLBACK]))


def confidence(weights: np.ndarray, row: np.ndarray) -> float:
    """Probability that the bead with features *row* is exactly right."""
    x = max(-50.0, min(50.0, float(np.dot(weights, row))))
    return 1.0 / (1.0 + math.exp(-x))


def join_candidates(pairs: Sequence[Pair], k: int,
                    heading: Callable[[int, int], bool] | None = None) -> list[tuple[Pair, Pair]]:
    """(pair, joined) for each neighbour of bead *k* of the other kind: an unaligned sentence
    next to a pair, or a pair next to an unaligned sentence; *pair* is the one of the two that
    has both sides, *joined* the bead the two would make. A join that would hold a heading
    (``heading(side, index)``) is no candidate: headings stay out of merges (the heading rule),
    and a one-sided heading is often a summary of the paragraph it opens, not a member."""
    src, tgt = pairs[k]
    out = []
    for q in (k - 1, k + 1):
        if not 0 <= q < len(pairs):
            continue
        qs, qt = pairs[q]
        k_null, q_null = bool(src) != bool(tgt), bool(qs) != bool(qt)
        if k_null == q_null:
            continue
        joined = (tuple(sorted(src + qs)), tuple(sorted(tgt + qt)))
        if heading is not None and any(heading(side, i) for side in (0, 1) for i in joined[side]):
            continue
        out.append((pairs[q] if k_null else pairs[k], joined))
    return out


def join_gains(pairs: Sequence[Pair], score: Callable[[Pair], float],
               heading: Callable[[int, int], bool] | None = None) -> list[float | None]:
    """For each bead of *pairs*, how much the best join with a neighbour of the other kind
    (:func:`join_candidates`) would raise the pair's *score*; None without such a neighbour.

    Near 0 or above, the unaligned sentence reads as a member of the pair that the search
    left out (a broken merge), and both beads are less likely right.
    """
    out: list[float | None] = []
    for k in range(len(pairs)):
        gains = [score(joined) - score(pair) for pair, joined in join_candidates(pairs, k, heading)]
        out.append(max(gains) if gains else None)
    return out


def span_join_gains(pairs: Sequence[Pair], spans: SpanVectors,
                    heading: Callable[[int, int], bool] | None = None) -> list[float | None]:
    """:func:`join_gains` with the spans encoded as one text each (one batch per side for
    the joins not encoded yet) and the length deviation weighed by :data:`JOIN_LENGTH`."""
    prefetch_pairs(spans, [p for k in range(len(pairs)) for c in join_candidates(pairs, k, heading) for p in c])
    return join_gains(pairs, lambda pair: spans.score(pair, JOIN_LENGTH), heading)


def feature_row(a: int, b: int, base: float, best: float, typical: float,
                neighbours: Sequence[tuple[int, int]], join: float | None = None,
                in_full: bool = False) -> np.ndarray:
    """The :data:`FEATURES` of a bead of *a* source and *b* target sentences, the one place
    they are defined (the search and the review's rescoring both call it).

    *base*: the bead's normalised dissimilarity (pairs); *best*: for a 1-1 bead the lowest
    1-1 dissimilarity of either sentence to any partner, for an unaligned sentence its
    own; *typical*: the document's median of those; *neighbours*: the shapes (a, b) of
    the beads before and after it; *join*: its :func:`join_gains` value (None: no neighbour
    of the other kind); *in_full*: the document reads as translated in full (the faithful pass
    ran on it: on the dev sets, a book's units are less often exactly right than news units
    with the same other features).
    """
    row = np.zeros(len(FEATURES))
    row[0] = 1.0
    row[9] = typical
    row[6] = float(any(x == 0 or y == 0 for x, y in neighbours))
    row[7] = float(any(x + y > 2 for x, y in neighbours))
    if join is not None:
        row[10] = 1.0
        row[11] = max(join, JOIN_FLOOR) - JOIN_FLOOR
    if a and b:
        row[1] = base
        row[4] = float(a + b > 2)
        row[5] = float(a + b - 2)
        if a == 1 and b == 1:
            # how much better the best partner of either sentence would be
            row[8] = max(0.0, base - best)
    else:
        row[2] = best
        row[3] = 1.0
    row[12] = float(in_full)
    return row
