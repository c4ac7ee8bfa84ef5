"""A pair whose sentence has a far better partner left unaligned nearby is re-paired (aligner.align.reorder)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.refine import SpanVectors
from aligner.align.reorder import pair_moved


def _vectors(cosines: dict[tuple[int, int], float], n: int, m: int) -> SpanVectors:
    """Unit vectors whose source-target cosines are those given (0 elsewhere): each source
    sentence its own axis, each target sentence a mix of the source axes."""
    x = np.eye(n, n + m)
    y = np.zeros((m, n + m))
    for (i, j), c in cosines.items():
        y[j, i] = c
    for j in range(m):
        y[j, n + j] = np.sqrt(max(0.0, 1.0 - float(y[j] @ y[j])))
    return SpanVectors.summed_only(x, y, [1.0] * n, [1.0] * m)


#: The seed pair's passage: fr 0 ↔ ar 0 (0.43) and fr 1 ↔ ar 1 (0.50) are the moved sentences;
#: ar 2, unaligned, is fr 0's own rendering (0.67).
MOVED = {(0, 0): 0.43, (1, 1): 0.50, (0, 2): 0.67, (1, 2): 0.3}
PATH = [((0,), (0,)), ((1,), (1,)), ((), (2,))]


def test_a_far_better_unaligned_partner_takes_the_sentence_and_the_crossed_units_come_apart():
    summed = _vectors(MOVED, 2, 3)
    out, passage = pair_moved(PATH, summed, margin=0.1)
    assert out == [((), (0,)), ((), (1,)), ((0,), (2,)), ((1,), ())]
    # the moved Arabic sentences stay unaligned; fr 1 may still join its neighbour
    assert passage == {(1, 0), (1, 1)}


def test_a_partner_within_the_margin_is_kept():
    summed = _vectors(MOVED, 2, 3)
    assert pair_moved(PATH, summed, margin=0.3) == (PATH, set())


def test_a_unit_in_between_that_matches_as_well_is_not_taken_apart():
    summed = _vectors({**MOVED, (1, 1): 0.66}, 2, 3)
    assert pair_moved(PATH, summed, margin=0.1) == (PATH, set())


def test_an_unaligned_source_sentence_works_the_same_way():
    # the mirror image: fr 2 unaligned is ar 0's own rendering
    summed = _vectors({(0, 0): 0.43, (1, 1): 0.50, (2, 0): 0.67}, 3, 2)
    out, passage = pair_moved([((0,), (0,)), ((1,), (1,)), ((2,), ())], summed, margin=0.1)
    assert out == [((0,), ()), ((1,), ()), ((2,), (0,)), ((), (1,))]
    assert passage == {(0, 0), (0, 1)}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 10_000), st.floats(0.0, 0.5))
def test_the_path_stays_monotonic_and_uses_every_sentence_once(n, m, seed, margin):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    y = rng.normal(size=(m, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    # a random monotonic path of 1-1 pairs and unaligned sentences
    path, i, j = [], 0, 0
    while i < n or j < m:
        step = rng.integers(3) if i < n and j < m else (1 if i < n else 2)
        if step == 0:
            path.append(((i,), (j,)))
            i, j = i + 1, j + 1
        elif step == 1:
            path.append(((i,), ()))
            i += 1
        else:
            path.append(((), (j,)))
            j += 1
    out, _ = pair_moved(path, SpanVectors.summed_only(x, y, [1.0] * n, [1.0] * m), margin)
    assert [s for src, _ in out for s in src] == list(range(n))
    assert [t for _, tgt in out for t in tgt] == list(range(m))
