"""How far a document's translations stand above chance, in its encoder's cosines.

Encoders spread their cosines very differently: with ``use`` a sentence and its translation
score about 0.65 and two random sentences about 0.05; with ``e5`` the same pairs score
about 0.90 and 0.78. The refinement's thresholds (:mod:`aligner.align.refine`: "joins
when the similarity rises by 0.03", "cuts when a part scores at most 0.3 below the
whole") are differences of cosines, tuned with ``use``; given to ``e5`` unchanged they are
five times too wide. So they are taken in units of the document's *spread*:

    spread = median cosine of the search's 1-1 beads − median cosine of random pairs

and multiplied by ``spread / REFERENCE_SPREAD``. Under any change of the cosines of the
form ``a + b · cos`` (an encoder that squeezes or shifts them) the spread scales by ``b``
exactly, and so do the thresholds: the refinement takes the same decisions. The spread
is read from the first search's path, so it costs one dot product per 1-1 bead and
:data:`RANDOM_PAIRS` more.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: ``use``'s spread, in whose units the refinement's thresholds were tuned: its documents
#: spread 0.61–0.66 on the dev sets, and at 0.6 ``use``'s dev results are exactly those of
#: unscaled thresholds (measured in docs/benchmarks.md).
REFERENCE_SPREAD = 0.6

#: Random sentence pairs whose median cosine is the level of chance (seeded: reproducible).
RANDOM_PAIRS = 2000

#: Fewest 1-1 beads to read a spread from; with fewer the thresholds stay as given.
MIN_PAIRS = 5

#: Bounds of the factor (an unrelated pair of texts has hardly any spread to read).
SCALE_BOUNDS = (0.1, 1.5)


def chance_and_spread(x: np.ndarray, y: np.ndarray, pairs: Sequence[tuple[int, int]],
                      seed: int = 0) -> tuple[float, float] | None:
    """The median cosine of random pairs (rows of *x*, *y*: unit vectors), and the median cosine
    of the sentence pairs *pairs* less it; None with fewer than :data:`MIN_PAIRS` pairs."""
    if len(pairs) < MIN_PAIRS or x.shape[0] == 0 or y.shape[0] == 0:
        return None
    src = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    tgt = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    matched = np.einsum("ij,ij->i", x[src].astype(np.float64), y[tgt].astype(np.float64))
    rng = np.random.default_rng(seed)
    ri = rng.integers(0, x.shape[0], RANDOM_PAIRS)
    rj = rng.integers(0, y.shape[0], RANDOM_PAIRS)
    chance = float(np.median(np.einsum("ij,ij->i", x[ri].astype(np.float64), y[rj].astype(np.float64))))
    return chance, float(np.median(matched)) - chance


def threshold_scale(spread: float | None) -> float:
    """The factor for thresholds tuned in ``use``'s units (1 when no spread could be read)."""
    if spread is None:
        return 1.0
    low, high = SCALE_BOUNDS
    return min(high, max(low, spread / REFERENCE_SPREAD))
