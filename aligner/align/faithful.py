"""Re-alignment of the doubtful parts of a path, for texts translated in full (``--faithful``).

Where every sentence of one text is translated in the other (books, reports, legal
texts: Text+Berg's yearbooks), an unaligned sentence is rare: a short sentence next to a
bead ("Sicherlich ." before the sentence that "Sans doute , mais …" translates) is far
more often a member of a merge than a sentence left out. The default search, which
must also serve rewritten news where sentences are added and dropped, leaves such
members unaligned.

This pass re-aligns, with Bertalign's second-pass objective (Liu & Zhu 2022), the
windows of the path around its beads that are not 1-1: every bead of the window is
scored by the cosine of its two sides *encoded as one text each* times the length
penalty ``log2(1 + shorter / longer)`` (lengths in characters, the source scaled by the
document's ratio), an unaligned sentence scores ``skip`` (negative), and the window's
path of highest total score replaces it. A merge costs nothing by itself: it wins
when its spans match better than a pair plus an unaligned sentence. Runs of two or
more unaligned sentences (a passage one side lacks) stay as they are, and so does
every bead outside the windows; a window holds at most :data:`MAX_WINDOW` beads, so
the pass is linear in document length.

Spans are encoded lazily: a span not encoded yet is scored by the normalised sum of its
sentence vectors plus :data:`ESTIMATE_LIFT`, each window's best path is found, the spans
it uses are encoded (one batch per side for all windows), and the search is run again
until its paths use encoded spans only. Encoding every span of every window (0.7–1.7
extra texts per sentence, longer ones) gave the same accuracy at 2–3 times the encoding
time; the lazy pass adds about 0.05 texts per sentence (figures in docs/benchmarks.md).
A span counts as encoded only once this pass has asked for it (one that an earlier pass
encoded costs no encoder call, but is not scored by its encoding before then): the paths
found do not depend on what ran before the pass.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ..config import AlignConfig
from .refine import Pair, Span, SpanVectors

#: Largest number of beads of the path re-aligned as one window (longer runs are cut).
MAX_WINDOW = 24

#: Added to the summed-vector cosine of a bead whose spans are not encoded yet. A span of
#: several sentences encoded as one text lies closer to its translation than the sum of
#: its sentence vectors (by 0.03–0.09 of cosine on the dev sets' well-matched spans), so
#: without it the search would rarely try a merge it has not encoded.
ESTIMATE_LIFT = 0.1

#: Most rounds of "search, encode the spans the paths use" (they stop earlier once the
#: paths use encoded spans only).
MAX_ROUNDS = 8


def _is_null(pair: Pair) -> bool:
    return bool(pair[0]) != bool(pair[1])


def doubtful_windows(path: Sequence[Pair], context: int, keep_runs: bool = True) -> list[tuple[int, int]]:
    """Ranges ``[k0, k1)`` of beads to re-align: each bead that is not 1-1, with *context*
    beads on each side, overlapping ranges joined, runs of two or more unaligned sentences
    left out when *keep_runs* (they are kept as they are), and no range longer than
    :data:`MAX_WINDOW` beads."""
    n = len(path)
    null = [_is_null(p) for p in path]
    in_run = [keep_runs and null[k] and ((k > 0 and null[k - 1]) or (k + 1 < n and null[k + 1]))
              for k in range(n)]
    marked = [False] * n
    for k, (src, tgt) in enumerate(path):
        if (len(src), len(tgt)) != (1, 1) and not in_run[k]:
            for q in range(max(0, k - context), min(n, k + context + 1)):
                if not in_run[q]:
                    marked[q] = True
    windows = []
    k = 0
    while k < n:
        if not marked[k]:
            k += 1
            continue
        end = k
        while end < n and marked[end] and end - k < MAX_WINDOW:
            end += 1
        windows.append((k, end))
        k = end
    return windows


class _Scorer:
    """Bertalign's score of a bead from the span encodings of *spans* (the summed-vector
    estimate plus :data:`ESTIMATE_LIFT` for spans this pass has not asked for yet).

    Only the spans this pass asked for (:meth:`ask`) count as encoded, not those that other
    passes happened to encode before (the refinement, the join gains): so the pass reaches
    the same paths whatever ran before it, ``--faithful`` and ``--faithful-auto`` alike."""

    def __init__(self, spans: SpanVectors, skip: float) -> None:
        self.spans, self.skip = spans, skip
        self._asked: tuple[set[Span], set[Span]] = (set(), set())

    def knows(self, pair: Pair) -> bool:
        return all(len(span) == 1 or span in self._asked[side] for side, span in enumerate(pair))

    def ask(self, pairs: Sequence[Pair]) -> None:
        """Encode (one call per side, for the spans not encoded yet) and use the spans of *pairs*."""
        for side in (0, 1):
            wanted = [pair[side] for pair in pairs if len(pair[side]) > 1]
            self.spans.prefetch(side, wanted)
            self._asked[side].update(wanted)

    def __call__(self, pair: Pair) -> float:
        src, tgt = pair
        if not src or not tgt:
            return self.skip
        if self.knows(pair):
            cos = self.spans.cos(src, tgt)
        else:
            cos = self.spans.estimate(pair, 0.0) + ESTIMATE_LIFT  # summed vectors, kept across rounds
        # shorter / longer = exp(-|log(target / (ratio · source))|)
        shorter_over_longer = math.exp(-self.spans.length_deviation(src, tgt))
        return cos * math.log2(1.0 + shorter_over_longer)


def _best_path(start: tuple[int, int], end: tuple[int, int], max_bead: int, score: Callable[[Pair], float],
               allowed: Callable[[Pair], bool]) -> list[Pair]:
    """The path of highest total score from node *start* to node *end* (unaligned sentences are
    always allowed, so there is one)."""
    i0, j0 = start
    i1, j1 = end
    shapes = [(0, 1), (1, 0)] + [(a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead]
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {start: (0.0, (0, 0))}
    for i in range(i0, i1 + 1):
        for j in range(j0, j1 + 1):
            if (i, j) == start:
                continue
            top: tuple[float, tuple[int, int]] | None = None
            for a, b in shapes:
                prev = best.get((i - a, j - b))
                if prev is None or i - a < i0 or j - b < j0:
                    continue
                pair = (tuple(range(i - a, i)), tuple(range(j - b, j)))
                if a and b and not allowed(pair):
                    continue
                total = prev[0] + score(pair)
                if top is None or total > top[0]:
                    top = (total, (a, b))
            if top is not None:
                best[(i, j)] = top
    out: list[Pair] = []
    i, j = end
    while (i, j) != start:
        a, b = best[(i, j)][1]
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    out.reverse()
    return out


def realign_faithful(path: Sequence[Pair], spans: SpanVectors, max_bead: int, skip: float, context: int,
                     allowed: Callable[[Pair], bool] = lambda _: True, keep_runs: bool = True) -> list[Pair]:
    """*path* with each of its :func:`doubtful_windows` re-aligned (see the module's notes).

    *allowed(bead)* rejects a bead (a heading inside a merge, a cell the search did not
    compute: the confidence reads the search's band). The result covers every sentence of
    both sides exactly once, in order, as *path* did.
    """
    path = [(tuple(s), tuple(t)) for s, t in path]
    windows = doubtful_windows(path, context, keep_runs)
    if not windows:
        return path
    nodes = [(0, 0)]
    for src, tgt in path:
        nodes.append((nodes[-1][0] + len(src), nodes[-1][1] + len(tgt)))
    score = _Scorer(spans, skip)
    found: dict[tuple[int, int], list[Pair]] = {}
    for _ in range(MAX_ROUNDS):
        found = {(k0, k1): _best_path(nodes[k0], nodes[k1], max_bead, score, allowed) for k0, k1 in windows}
        estimated = [p for ps in found.values() for p in ps if p[0] and p[1] and not score.knows(p)]
        if not estimated:
            break
        score.ask(estimated)  # the spans the paths rest on, in one encoder call per side
    out: list[Pair] = []
    done = 0
    for k0, k1 in windows:
        out += path[done:k0]
        out += found[(k0, k1)]
        done = k1
    out += path[done:]
    return out


def reads_as_faithful(raw: list[tuple[int, int, int, int]], joins: list[float | None], cfg: AlignConfig,
                      scale: float) -> bool:
    """Whether the document reads as translated in full (``cfg.faithful_auto``): enough of its
    unaligned sentences that could join a neighbouring unit would raise its score when they do
    (by more than ``cfg.faithful_gain`` times *scale*, the document's spread)."""
    gains = [g for (_, _, a, b), g in zip(raw, joins, strict=True) if g is not None and (a == 0 or b == 0)]
    if len(gains) < cfg.faithful_min:
        return False
    return sum(g > cfg.faithful_gain * scale for g in gains) >= cfg.faithful_auto * len(gains)
