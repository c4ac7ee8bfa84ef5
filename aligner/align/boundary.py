"""Two 1-1 units whose boundary the translation moved, joined into one 2-2 unit (``AlignConfig.boundary_join``).

A rewrite often keeps two sentences but moves the point between them: « Le deuxième
problème concerne les tests d'âge. » + « Réalisés par radiographie du poignet…, ils sont
jugés peu fiables… » becomes «وتتعلق الإشكالية الثانية باختبارات تحديد السن التي تُجرى عبر
الفحص بالأشعة…» + «ويعتبر الأطباء… أن هذه الاختبارات تفتقر إلى الدقة». Each sentence still
matches its counterpart best, so the search pairs them 1-1, but the two pairs are each
half wrong: a translator's memory wants the 2-2 unit. Before this pass it was the largest
group of errors left on the dev sets (8 of Text+Berg dev's 40 missed beads, 15 of written
dev's 28); it joins 8 of the 24 on dev and no two true pairs (docs/benchmarks.md, stop 26).

Two signs tell such a pair of units from two true pairs, and both are needed:

- *lengths*: one pair's target is too long and the other's too short, so the joined
  unit's length deviation (``|log(target / (ratio · source))|``) is far below the mean of
  the two pairs' deviations (by ``AlignConfig.boundary_length`` or more);
- *similarity*: the two sides encoded as one text each match better than the two pairs
  do on average (by ``AlignConfig.boundary_join``, a cosine in ``use``'s units, scaled by
  the document's spread: aligner.align.spread).

The length test is free and passes about 1 % of neighbouring 1-1 pairs, so the pass
encodes few spans. Overlapping candidates are taken best first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .refine import Pair, SpanVectors, prefetch_pairs


def _length_gain(spans: SpanVectors, first: Pair, second: Pair, joined: Pair) -> float:
    """How much lower the joined unit's length deviation is than the mean of its two pairs'."""
    return (spans.length_deviation(*first) + spans.length_deviation(*second)) / 2 - spans.length_deviation(*joined)


def join_moved_boundaries(path: Sequence[Pair], spans: SpanVectors, min_gain: float, min_length_gain: float,
                          allowed: Callable[[Pair], bool] = lambda _: True, max_bead: int = 4) -> list[Pair]:
    """*path* with each two neighbouring 1-1 units that read as one 2-2 unit joined (see the
    module's notes). *allowed(unit)* rejects a joined unit (a heading inside a merge, a cell
    outside the searched band); nothing is joined when a unit may hold fewer than four
    sentences (*max_bead*). The result covers every sentence once, in order, as *path* did."""
    path = [(tuple(s), tuple(t)) for s, t in path]
    if max_bead < 4:
        return path
    candidates: list[tuple[int, Pair]] = []
    for k in range(len(path) - 1):
        first, second = path[k], path[k + 1]
        if len(first[0]) != 1 or len(first[1]) != 1 or len(second[0]) != 1 or len(second[1]) != 1:
            continue
        joined: Pair = (first[0] + second[0], first[1] + second[1])
        if _length_gain(spans, first, second, joined) >= min_length_gain and allowed(joined):
            candidates.append((k, joined))
    if not candidates:
        return path
    prefetch_pairs(spans, (joined for _, joined in candidates))
    scored = []
    for k, joined in candidates:
        gain = spans.cos(*joined) - (spans.cos(*path[k]) + spans.cos(*path[k + 1])) / 2
        if gain >= min_gain:
            scored.append((gain, k, joined))
    taken: dict[int, Pair] = {}
    for _, k, joined in sorted(scored, reverse=True):
        if k - 1 not in taken and k + 1 not in taken:
            taken[k] = joined
    out: list[Pair] = []
    k = 0
    while k < len(path):
        if k in taken:
            out.append(taken[k])
            k += 2
        else:
            out.append(path[k])
            k += 1
    return out
