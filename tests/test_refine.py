"""The second look at bead boundaries (aligner.align.refine) and its place in align_vectors."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.refine import SpanVectors, refine_beads
from aligner.align.search import align_vectors
from aligner.config import AlignConfig


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


class BagEncoder:
    """Encodes a text made of tokens "t3 t7" as the normalised sum of fixed token vectors,
    so that a span encoded as one text is exactly what its sentences mean together."""

    def __init__(self, table: np.ndarray) -> None:
        self.table = table
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = [self.table[[int(tok[1:]) for tok in t.split()]].sum(axis=0) for t in texts]
        return _unit(np.array(rows))


def _setup(src_tokens: list[str], tgt_tokens: list[str], dim: int = 32, seed: int = 0):
    rng = np.random.default_rng(seed)
    table = _unit(rng.normal(size=(40, dim)))
    enc = BagEncoder(table)
    x, y = enc(src_tokens), enc(tgt_tokens)
    enc.calls.clear()
    return SpanVectors(x, y, src_tokens, tgt_tokens, enc, enc), enc


def test_unrelated_sentence_leaves_a_merge_and_a_dropped_one_joins_its_bead():
    # source 1 ("t9") has no counterpart but was merged into the 2-1 bead;
    # target 3 ("t4") is the second half of source 2 ("t3 t4") but was left alone.
    src = ["t1", "t9", "t3 t4"]
    tgt = ["t1", "t3", "t4"]
    spans, enc = _setup(src, tgt)
    first = [((0, 1), (0,)), ((2,), (1,)), ((), (2,))]
    out = refine_beads(first, spans, join=0.06, split=0.02, max_bead=5)
    assert out == [((0,), (0,)), ((1,), ()), ((2,), (1, 2))]
    assert spans.encoded > 0
    assert all(" " in t for call in enc.calls for t in call if t not in src + tgt)


def test_a_true_merge_is_kept():
    src = ["t1 t2", "t5"]
    tgt = ["t1", "t2", "t5"]
    spans, _ = _setup(src, tgt)
    first = [((0,), (0, 1)), ((1,), (2,))]
    assert refine_beads(first, spans, join=0.06, split=0.02, max_bead=5) == first


def test_fixed_sentences_stay_alone_and_bead_size_is_bounded():
    src = ["t1", "t3 t4"]
    tgt = ["t1", "t3", "t4"]
    spans, _ = _setup(src, tgt)
    first = [((0,), (0,)), ((1,), (1,)), ((), (2,))]
    assert refine_beads(first, spans, 0.06, 0.02, max_bead=5, fixed=lambda b: b == ((), (2,))) == first
    assert refine_beads(first, spans, 0.06, 0.02, max_bead=2) == first
    assert refine_beads(first, spans, 0.06, 0.02, max_bead=5, allowed=lambda b: len(b[1]) < 2) == first


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 25), m=st.integers(1, 25), seed=st.integers(0, 2**16),
       max_bead=st.integers(2, 6), cut=st.sampled_from([None, -0.3, -1.0]))
def test_refined_alignment_is_monotonic_and_uses_every_sentence_once(n, m, seed, max_bead, cut):
    rng = np.random.default_rng(seed)
    src = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(n)]
    tgt = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(m)]
    spans, _ = _setup(src, tgt, dim=8, seed=seed)
    cfg = AlignConfig(max_bead=max_bead, coarse_size=8, band=3, refine_join=0.0, refine_split=-0.05, refine_cut=cut)
    xs = np.array([spans.vector(0, (i,)) for i in range(n)], dtype=np.float32)
    ys = np.array([spans.vector(1, (j,)) for j in range(m)], dtype=np.float32)
    beads = align_vectors(xs, ys, rng.integers(1, 200, n), rng.integers(1, 200, m), cfg, spans=spans)
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    for b in beads:
        assert b.src or b.tgt
        assert len(b.src) + len(b.tgt) <= max_bead
        assert 0.0 <= b.confidence <= 1.0


def test_refine_off_gives_the_search_path():
    src = ["t1", "t9", "t3 t4"]
    tgt = ["t1", "t3", "t4"]
    spans, enc = _setup(src, tgt)
    xs = np.array([spans.vector(0, (i,)) for i in range(3)], dtype=np.float32)
    ys = np.array([spans.vector(1, (j,)) for j in range(3)], dtype=np.float32)
    lens = np.full(3, 50.0)
    off = align_vectors(xs, ys, lens, lens, AlignConfig(refine=False), spans=spans)
    plain = align_vectors(xs, ys, lens, lens, AlignConfig())
    assert [(b.src, b.tgt) for b in off] == [(b.src, b.tgt) for b in plain]
    assert enc.calls == []
    assert "refine:off" in AlignConfig(refine=False).signature().format()
    assert "refine:-0.02/0.04/len0.2/r3/m0.1/cut-0.3/reorder0.1/bound0.03@0.35/spread" in AlignConfig().signature().format()


def test_moves_far_from_the_threshold_are_not_encoded():
    src = ["t1", "t9", "t3 t4"]
    tgt = ["t1", "t3", "t4"]
    first = [((0, 1), (0,)), ((2,), (1,)), ((), (2,))]
    every, enc_every = _setup(src, tgt)
    few, enc_few = _setup(src, tgt)
    out_every = refine_beads(first, every, join=0.06, split=0.02, max_bead=5)
    out_few = refine_beads(first, few, join=0.06, split=0.02, max_bead=5, margin=0.15)
    assert out_few == out_every
    assert few.encoded <= every.encoded


def test_length_deviation_counts_against_a_bead():
    spans, _ = _setup(["t1", "t2"], ["t1", "t2"])
    # same lengths on both sides: one sentence for one is as expected, two for one is not
    assert spans.length_deviation((0,), (0,)) == 0.0 < spans.length_deviation((0, 1), (0,))
    assert spans.score(((0, 1), (0,)), 0.5) < spans.cos((0, 1), (0,))


def test_invalid_refinement_settings_are_refused():
    import pytest

    from aligner.errors import ConfigError

    with pytest.raises(ConfigError, match="refine rounds"):
        AlignConfig(refine_rounds=0)
    with pytest.raises(ConfigError, match="norm floor"):
        AlignConfig(norm_floor=0.0)


def test_concurrent_spans_encode_a_span_no_round_prefetched():
    # a join makes a bead whose span no round prefetched; with the source side's worker
    # it must still be encoded (it was handed to the worker and then looked up: KeyError)
    from aligner.align.span_budget import ConcurrentSpanVectors
    from aligner.encoders.parallel import Worker

    rng = np.random.default_rng(0)
    table = _unit(rng.normal(size=(40, 16)))
    enc = BagEncoder(table)
    src, tgt = ["t1", "t2", "t3"], ["t1", "t2 t3"]
    x, y = enc(src), enc(tgt)
    spans = ConcurrentSpanVectors(x, y, src, tgt, enc, enc, Worker(enc))  # type: ignore[arg-type]
    np.testing.assert_allclose(spans.vector(0, (1, 2)), enc(["t2 t3"])[0], rtol=1e-6)
    assert spans.cos((1, 2), (1,)) > 0.99


def test_a_two_two_bead_of_two_pairs_is_cut_and_a_true_one_is_kept():
    # two 1-1 pairs the search summed into one 2-2 bead: each half stands on its own
    spans, _ = _setup(["t1", "t2", "t5"], ["t1", "t2", "t5"])
    first = [((0, 1), (0, 1)), ((2,), (2,))]
    assert refine_beads(first, spans, join=0.06, split=0.02, max_bead=5, cut=-0.3) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert refine_beads(first, spans, join=0.06, split=0.02, max_bead=5, cut=None) == first
    # a true 2-2: the sentence boundary moved, so neither half matches on its own
    spans, _ = _setup(["t1 t2 t3", "t4"], ["t1", "t2 t3 t4"])
    first = [((0, 1), (0, 1))]
    assert refine_beads(first, spans, join=0.06, split=0.02, max_bead=5, cut=-0.3) == first


def test_a_cut_respects_what_the_search_allows():
    spans, _ = _setup(["t1", "t2"], ["t1", "t2"])
    first = [((0, 1), (0, 1))]
    assert refine_beads(first, spans, join=0.06, split=0.02, max_bead=5, cut=-0.3,
                        allowed=lambda pair: pair == first[0]) == first
