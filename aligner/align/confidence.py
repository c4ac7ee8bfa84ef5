"""Calibrated confidence of a bead: a logistic model over its features, per encoder.

The probability that a bead is exactly right, from :data:`FEATURES` (computed by
:func:`aligner.align.search.bead_features`). Weights are fitted per encoder on the dev
sets only (Text+Berg dev, the fr–ar dev construction and the probe's tuning twin, both
built from FLORES-200) by
``scripts/calibrate_confidence.py``; reliability on the report sets is in
docs/benchmarks.md. ``use`` and ``e5`` have their own weights; an encoder without
(``laser``, a plug-in) uses :data:`FALLBACK`'s, fitted for ``use``: its figures are then
not calibrated, and the signature's encoder name says which encoder produced them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Names of the features of a bead that its confidence is computed from.
FEATURES = (
    "bias", "pair_dissimilarity", "null_best_dissimilarity", "is_null", "is_many",
    "extra_sentences", "next_to_null", "next_to_many", "partner_margin", "document_best_dissimilarity",
)

#: Logistic weights over :data:`FEATURES`, by encoder name.
CONF_WEIGHTS: dict[str, np.ndarray] = {
    "use": np.array([5.458, -3.015, 0.337, -2.119, 0.407, -1.033, -0.539, -0.632, -1.899, -1.939]),
    "e5": np.array([3.703, -0.390, 1.136, -2.109, 0.672, -1.878, -0.894, -0.872, -2.727, 1.126]),
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


def feature_row(a: int, b: int, base: float, best: float, typical: float,
                neighbours: Sequence[tuple[int, int]]) -> np.ndarray:
    """The :data:`FEATURES` of a bead of *a* source and *b* target sentences, the one place
    they are defined (the search and the review's rescoring both call it).

    *base*: the bead's normalised dissimilarity (pairs); *best*: for a 1-1 bead the lowest
    1-1 dissimilarity of either sentence to any partner, for an unaligned sentence its
    own; *typical*: the document's median of those; *neighbours*: the shapes (a, b) of
    the beads before and after it.
    """
    row = np.zeros(len(FEATURES))
    row[0] = 1.0
    row[9] = typical
    row[6] = float(any(x == 0 or y == 0 for x, y in neighbours))
    row[7] = float(any(x + y > 2 for x, y in neighbours))
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
    return row
