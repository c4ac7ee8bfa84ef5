import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.search import align_vectors
from aligner.config import AlignConfig
from aligner.errors import ConfigError


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _check_cover(beads, n, m):
    """Monotonic, contiguous, every sentence of both sides exactly once."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for b in beads:
        assert 0.0 <= b.confidence <= 1.0
        assert b.src or b.tgt


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 40), m=st.integers(0, 40), seed=st.integers(0, 2**16),
       max_bead=st.integers(2, 6), coarse=st.sampled_from([8, 600]))
def test_any_alignment_is_monotonic_and_uses_every_sentence_once(n, m, seed, max_bead, coarse):
    rng = np.random.default_rng(seed)
    x = _unit(rng.normal(size=(n, 8)) + 1e-3) if n else np.zeros((0, 8), np.float32)
    y = _unit(rng.normal(size=(m, 8)) + 1e-3) if m else np.zeros((0, 8), np.float32)
    cfg = AlignConfig(max_bead=max_bead, coarse_size=coarse, band=3)
    beads = align_vectors(x, y, rng.integers(1, 200, n), rng.integers(1, 200, m), cfg)
    _check_cover(beads, n, m)
    for b in beads:
        assert len(b.src) + len(b.tgt) <= max_bead


def _synthetic(n, rng, noise=0.05, dim=64):
    x = _unit(rng.normal(size=(n, dim)))
    y = _unit(x + noise * rng.normal(size=x.shape))
    return x, y


@pytest.mark.parametrize("coarse", [600, 16])
def test_recovers_identity(coarse):
    rng = np.random.default_rng(1)
    x, y = _synthetic(200, rng)
    beads = align_vectors(x, y, np.full(200, 80.0), np.full(200, 80.0), AlignConfig(coarse_size=coarse))
    assert all(b.src == b.tgt and len(b.src) == 1 for b in beads)
    assert min(b.confidence for b in beads) > 0.9


def test_finds_merge_and_insertion():
    # Translations are noisy (cosine about 0.7 with their source), as real ones.
    rng = np.random.default_rng(2)
    x = _unit(rng.normal(size=(10, 64)))
    y0 = _unit(x + 0.7 * _unit(rng.normal(size=x.shape)))
    merged = _unit((y0[3] + y0[4])[None, :])[0]
    extra = _unit(rng.normal(size=(1, 64)))[0]
    y = np.stack([y0[0], y0[1], y0[2], merged, extra, y0[5], y0[6], y0[7], y0[8], y0[9]])
    lx = np.full(10, 60.0)
    ly = np.array([60, 60, 60, 120, 20, 60, 60, 60, 60, 60], dtype=float)
    beads = align_vectors(x, y, lx, ly, AlignConfig())
    shapes = [(b.src, b.tgt) for b in beads]
    assert ((3, 4), (3,)) in shapes
    assert ((), (4,)) in shapes


def test_config_is_checked():
    with pytest.raises(ConfigError, match="max bead"):
        AlignConfig(max_bead=1)


def _headlines_case(cos_titles: float, title_chars: float):
    """Two documents of 20 pairs (cosine about 0.7) opening with a heading each, whose cosine is
    *cos_titles*; chance is about 0 here, so that cosine over about 0.7 is its share of the spread."""
    rng = np.random.default_rng(5)
    dim = 256
    x = _unit(rng.normal(size=(21, dim)))
    y = _unit(x + 1.0 * _unit(rng.normal(size=x.shape)))
    # the titles: y[0] leans towards x[0] by exactly cos_titles
    noise = _unit(rng.normal(size=(1, dim)))[0]
    noise = noise - (noise @ x[0]) * x[0]
    y[0] = _unit((cos_titles * x[0] + np.sqrt(1 - cos_titles ** 2) * noise / np.linalg.norm(noise))[None, :])[0]
    assert abs(float(x[0] @ y[0]) - cos_titles) < 1e-5
    heads = np.zeros(21)
    heads[0] = 1
    lx = np.full(21, 120.0)
    lx[0] = title_chars
    return x, y, lx, heads


@pytest.mark.parametrize("cos_titles, chars, paired", [
    (0.6, 60.0, True),    # a translated title stands far above chance: kept
    (0.2, 60.0, False),   # two headlines of the same story, each site its own: both unaligned
    (0.2, 12.0, True),    # a rubric label ("Repères" ↔ "في السياق") is too short to tell: kept
])
def test_two_headlines_that_barely_match_are_each_sites_own(cos_titles, chars, paired):
    x, y, lx, heads = _headlines_case(cos_titles, chars)
    beads = align_vectors(x, y, lx, lx, AlignConfig(), heads, heads)
    _check_cover(beads, 21, 21)
    assert (next(b for b in beads if 0 in b.src).tgt == (0,)) is paired
    # switched off, the pair is kept whatever its cosine
    beads = align_vectors(x, y, lx, lx, AlignConfig(own_headline=None), heads, heads)
    assert next(b for b in beads if 0 in b.src).tgt == (0,)
    assert all(b.src == b.tgt for b in beads if b.src and b.src[0] > 0)
