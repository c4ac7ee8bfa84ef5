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
