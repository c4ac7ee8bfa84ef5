"""Two 1-1 units whose boundary the translation moved become one 2-2 unit
(``AlignConfig.boundary_join``, :func:`aligner.align.boundary.join_moved_boundaries`)."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.boundary import join_moved_boundaries
from aligner.align.refine import SpanVectors
from aligner.config import AlignConfig
from aligner.errors import ConfigError
from aligner.lang.segment import pre_split
from aligner.pipeline import align_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "boundary"


def _spans(src_chars: list[int], tgt_chars: list[int], pair_cos: float, joined: dict[int, float]) -> SpanVectors:
    """Sentences of the given lengths, source *k* matching target *k* at *pair_cos* (0 elsewhere),
    and the span of source *k*, *k* + 1 matching the target span at ``joined[k]``."""
    n, dim = len(src_chars), 2 * len(src_chars) + 2 * len(joined) + 2
    x = np.eye(n, dim)
    y = np.zeros((n, dim))
    for k in range(n):
        y[k, k] = pair_cos
        y[k, n + k] = np.sqrt(1 - pair_cos**2)
    src_texts = [chr(ord("a") + k) * c for k, c in enumerate(src_chars)]
    tgt_texts = [chr(ord("A") + k) * c for k, c in enumerate(tgt_chars)]
    vectors: dict[str, np.ndarray] = {}
    for q, (k, cos) in enumerate(sorted(joined.items())):
        axis, rest = np.eye(dim)[2 * n + 2 * q], np.eye(dim)[2 * n + 2 * q + 1]
        vectors[src_texts[k] + " " + src_texts[k + 1]] = axis
        vectors[tgt_texts[k] + " " + tgt_texts[k + 1]] = cos * axis + np.sqrt(1 - cos**2) * rest

    def encode(texts: list[str]) -> np.ndarray:
        return np.stack([vectors[t] for t in texts])

    return SpanVectors(x, y, src_texts, tgt_texts, encode, encode)


ONES = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_lengths_off_in_opposite_ways_and_a_better_joined_match_make_one_unit():
    # source 10 + 30 characters, target 30 + 10: each pair's lengths are off, the joined unit's are not
    spans = _spans([10, 30, 20], [30, 10, 20], 0.6, {0: 0.8})
    assert join_moved_boundaries(ONES, spans, min_gain=0.03, min_length_gain=0.35) == [
        ((0, 1), (0, 1)), ((2,), (2,))]


def test_pairs_whose_lengths_already_agree_are_kept():
    spans = _spans([20, 20, 20], [20, 20, 20], 0.6, {0: 0.8})
    assert join_moved_boundaries(ONES, spans, min_gain=0.03, min_length_gain=0.35) == ONES
    assert spans.encoded == 0  # the length test comes first and costs no encoder call


def test_a_joined_unit_that_matches_no_better_than_its_pairs_is_not_made():
    spans = _spans([10, 30, 20], [30, 10, 20], 0.6, {0: 0.62})
    assert join_moved_boundaries(ONES, spans, min_gain=0.03, min_length_gain=0.35) == ONES
    assert join_moved_boundaries(ONES, spans, min_gain=0.01, min_length_gain=0.35)[0] == ((0, 1), (0, 1))


def test_a_joined_unit_the_rules_forbid_is_not_made():
    spans = _spans([10, 30, 20], [30, 10, 20], 0.6, {0: 0.8})
    assert join_moved_boundaries(ONES, spans, 0.03, 0.35, allowed=lambda pair: 1 not in pair[0]) == ONES


def test_of_two_overlapping_candidates_the_better_is_taken():
    # 10, 30, 10 against 30, 10, 30: units 0+1 and 1+2 both qualify; 1+2 matches better
    spans = _spans([10, 30, 10], [30, 10, 30], 0.6, {0: 0.75, 1: 0.85})
    assert join_moved_boundaries(ONES, spans, 0.03, 0.35) == [((0,), (0,)), ((1, 2), (1, 2))]


def test_nothing_is_joined_where_a_unit_may_not_hold_four_sentences():
    spans = _spans([10, 30, 20], [30, 10, 20], 0.6, {0: 0.8})
    assert join_moved_boundaries(ONES, spans, 0.03, 0.35, max_bead=3) == ONES


def test_only_neighbouring_1_1_units_are_looked_at():
    path = [((0,), (0, 1)), ((1,), (2,)), ((2,), ())]
    spans = _spans([10, 30, 20], [30, 10, 20], 0.6, {0: 0.8})
    assert join_moved_boundaries(path, spans, 0.03, 0.35) == path


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 200), min_size=1, max_size=12), st.integers(0, 10_000))
def test_the_path_still_uses_every_sentence_once_in_order(chars, seed):
    rng = np.random.default_rng(seed)
    n = len(chars)
    tgt_chars = [int(c) for c in rng.integers(1, 200, n)]
    joined = {k: float(rng.uniform(0.0, 1.0)) for k in range(n - 1)}
    spans = _spans(chars, tgt_chars, float(rng.uniform(0.1, 0.9)), joined)
    path = [((k,), (k,)) for k in range(n)]
    out = join_moved_boundaries(path, spans, float(rng.uniform(-0.1, 0.2)), float(rng.uniform(0.0, 1.0)))
    assert [i for s, _ in out for i in s] == list(range(n))
    assert [j for _, t in out for j in t] == list(range(n))
    assert all(len(s) == len(t) and len(s) in (1, 2) for s, t in out)


def _units(**settings):
    src = pre_split((FIXTURES / "moved.fr").read_text(encoding="utf-8"))
    tgt = pre_split((FIXTURES / "moved.ar").read_text(encoding="utf-8"))
    cfg = AlignConfig(encoder="use", pre_split=True, **settings)
    return [(b.src, b.tgt) for b in align_sentences(src, tgt, cfg).beads]


def test_a_story_whose_rewrite_moved_a_boundary_gets_its_2_2_unit():
    # « Deux autres stations sont en construction à Gabès et à Zarzis, dans le sud-est du pays. »
    # + « Elles devraient être achevées en 2026 et alimenter près de 800 000 habitants. »
    # ↔ «وتُشيَّد حاليا محطتان أخريان في قابس وجرجيس.» + «ومن المنتظر استكمال المحطتين، الواقعتين في
    # جنوب شرق البلاد، سنة 2026…»: the south-east moved to the second Arabic sentence
    units = _units()
    assert ((7, 8), (7, 8)) in units
    assert ((9,), (9,)) in units and ((6,), (6,)) in units
    # switched off, the search's two half-right pairs stay
    off = _units(boundary_join=None)
    assert ((7,), (7,)) in off and ((8,), (8,)) in off


@pytest.mark.parametrize("settings", [{"boundary_join": 1.5}, {"boundary_length": -0.1}])
def test_out_of_range_settings_are_refused_with_a_reason(settings):
    with pytest.raises(ConfigError, match="boundary"):
        AlignConfig(**settings)


def test_the_signature_names_the_rule_and_only_when_it_is_on():
    assert "/bound0.03@0.35" in AlignConfig().signature().format()
    assert "/bound" not in AlignConfig(boundary_join=None).signature().format()
