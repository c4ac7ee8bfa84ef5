"""Refinement thresholds in units of the document's similarity spread (aligner.align.spread)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.refine import SpanVectors, refine_beads
from aligner.align.search import align_vectors
from aligner.align.spread import REFERENCE_SPREAD, chance_and_spread, threshold_scale
from aligner.config import AlignConfig

from .test_refine import BagEncoder as Bag
from .test_refine import _unit


def similarity_spread(x, y, pairs):
    """The spread alone (:func:`chance_and_spread`'s second value), None where it cannot be read."""
    levels = chance_and_spread(x, y, pairs)
    return None if levels is None else levels[1]


def _squeezed(v: np.ndarray, b: float) -> np.ndarray:
    """Unit vectors whose cosines are ``(1 - b) + b · cos`` of *v*'s (an encoder such as e5,
    whose cosines crowd near the top)."""
    extra = np.full((v.shape[0], 1), np.sqrt(1.0 - b))
    return np.hstack([np.sqrt(b) * v, extra])


class BagEncoder(Bag):
    """:class:`tests.test_refine.BagEncoder` with its cosines squeezed by *b*."""

    def __init__(self, table: np.ndarray, b: float = 1.0) -> None:
        super().__init__(table)
        self.b = b

    def __call__(self, texts: list[str]) -> np.ndarray:
        rows = super().__call__(texts).astype(np.float64)
        return rows if self.b == 1.0 else _squeezed(rows, self.b)


def _document(n: int, m: int, seed: int) -> tuple[list[str], list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    src = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(n)]
    # the target translates the source with merges, splits and drops, and adds sentences
    tgt: list[str] = []
    for text in src:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.25 and " " in text:
            tgt += text.split()
        elif roll < 0.35 and tgt:
            tgt[-1] = f"{tgt[-1]} {text}"
        else:
            tgt.append(text)
        if rng.random() < 0.1:
            tgt.append(f"t{rng.integers(0, 40)}")
    return src, tgt or ["t0"], _unit(rng.normal(size=(40, 16)))


def test_the_spread_of_squeezed_cosines_is_squeezed_alike():
    src, tgt, table = _document(60, 60, 3)
    x, y = BagEncoder(table)(src), BagEncoder(table)(tgt)
    pairs = [(i, i) for i in range(min(len(src), len(tgt)))]
    spread = similarity_spread(x, y, pairs)
    assert spread is not None
    for b in (0.2, 0.5):
        squeezed = similarity_spread(_squeezed(x, b), _squeezed(y, b), pairs)
        assert squeezed is not None and abs(squeezed - b * spread) < 1e-9


def test_the_scale_is_one_without_a_spread_and_bounded():
    assert threshold_scale(None) == 1.0
    assert threshold_scale(REFERENCE_SPREAD) == 1.0
    assert threshold_scale(REFERENCE_SPREAD / 5) == 0.2
    assert threshold_scale(0.0) == 0.1 and threshold_scale(5.0) == 1.5
    x = _unit(np.eye(4))
    assert similarity_spread(x, x, [(0, 0), (1, 1)]) is None  # too few pairs to read


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**16), b=st.sampled_from([0.2, 0.5]))
def test_refinement_takes_the_same_decisions_on_squeezed_cosines(seed, b):
    # spans encoded as one text are squeezed exactly, so with every move encoded
    # (margin inf: estimates from summed vectors are not squeezed alike) the decisions match
    src, tgt, table = _document(20, 20, seed)
    plain_enc, squeezed_enc = BagEncoder(table), BagEncoder(table, b)
    plain = SpanVectors(plain_enc(src), plain_enc(tgt), src, tgt, plain_enc, plain_enc)
    squeezed = SpanVectors(squeezed_enc(src), squeezed_enc(tgt), src, tgt, squeezed_enc, squeezed_enc)
    first = [((i,), (i,)) for i in range(min(len(src), len(tgt)))]
    first += [((i,), ()) for i in range(len(first), len(src))] + [((), (j,)) for j in range(len(first), len(tgt))]
    want = refine_beads(first, plain, 0.03, 0.04, max_bead=5, length_weight=0.2, cut=-0.3)
    got = refine_beads(first, squeezed, 0.03 * b, 0.04 * b, max_bead=5, length_weight=0.2 * b, cut=-0.3 * b)
    assert got == want
    unscaled = refine_beads(first, squeezed, 0.03, 0.04, max_bead=5, length_weight=0.2, cut=-0.3)
    assert [p for p in unscaled if p[0] and p[1]]  # (the squeezed run is a real alignment)


def test_the_search_hands_the_refinement_thresholds_in_the_documents_units(monkeypatch):
    import aligner.align.search as search

    seen: list[tuple[float, float, float | None]] = []
    real = search.refine_beads

    def spy(beads, vectors, join, split, max_bead, **kw):
        seen.append((join, kw["length_weight"], kw["cut"]))
        return real(beads, vectors, join, split, max_bead, **kw)

    monkeypatch.setattr(search, "refine_beads", spy)
    src, tgt, table = _document(40, 40, 7)
    lengths = (np.array([10.0 * len(t) for t in src]), np.array([10.0 * len(t) for t in tgt]))

    def thresholds(b: float, cfg: AlignConfig) -> tuple[float, float, float | None]:
        enc = BagEncoder(table, b)
        x, y = enc(src).astype(np.float32), enc(tgt).astype(np.float32)
        align_vectors(x, y, *lengths, cfg, spans=SpanVectors(x, y, src, tgt, enc, enc))
        return seen[-1]

    cfg = AlignConfig(coarse_size=8, band=4)
    join, length, cut = thresholds(1.0, cfg)
    join_b, length_b, cut_b = thresholds(0.2, cfg)
    assert cut is not None and cut_b is not None
    for whole, squeezed in ((join, join_b), (length, length_b), (cut, cut_b)):
        assert 0.15 < squeezed / whole < 0.25
    assert thresholds(0.2, cfg.with_(spread_units=False)) == (cfg.refine_join, 0.2, -0.3)
