"""A pair whose sentence has a far better partner left unaligned nearby (``AlignConfig.reorder_margin``).

An Arabic rewrite sometimes moves a sentence: the seed pair's Arabic restates fr 14–15
before it renders fr 12–13. A monotonic path cannot follow; the search then pairs fr 12
with the moved sentence (cosine 0.43) and leaves fr 12's own rendering, two sentences
further on, unaligned (0.67). When a sentence of a 1-1 pair matches an unaligned sentence
within :data:`WINDOW` units by more than the margin above its partner, the pair is taken
apart and the sentence paired with that one instead; the units it crosses become
unaligned sentences (they sit in the moved passage), so the path stays monotonic and
covers every sentence once. The refinement then looks at the new pair's neighbours.
"""

from __future__ import annotations

from .refine import Pair, SpanVectors

#: How many units away (either way) an unaligned sentence may be to count as the better partner.
WINDOW = 3


def _better(pairs: list[Pair], summed: SpanVectors, margin: float) -> list[tuple[float, int, int]]:
    """(gain, k, q): 1-1 unit *k* whose sentence matches the unaligned sentence of unit *q*
    better than its partner by more than *margin*, and better than each unit in between
    (which the new pair takes apart) matches; cosines of summed sentence vectors."""
    out = []
    for q, (qs, qt) in enumerate(pairs):
        if bool(qs) == bool(qt):
            continue
        for k in range(max(0, q - WINDOW), min(len(pairs), q + WINDOW + 1)):
            src, tgt = pairs[k]
            if len(src) != 1 or len(tgt) != 1:
                continue
            alt = summed.estimate((src, qt) if qt else (qs, tgt), 0.0)
            gain = alt - summed.estimate(pairs[k], 0.0)
            if gain <= margin:
                continue
            between = (pairs[p] for p in range(min(k, q) + 1, max(k, q)) if pairs[p][0] and pairs[p][1])
            if all(alt - summed.estimate(p, 0.0) > margin for p in between):
                out.append((gain, k, q))
    return out


def _rebuilt(pairs: list[Pair], k: int, q: int) -> tuple[list[Pair], set[tuple[int, int]]]:
    """*pairs* with 1-1 unit *k*'s sentence paired with unit *q*'s unaligned one instead, every
    other sentence of the units from *k* to *q* unaligned, in an order that keeps the path
    monotonic; and the moved passage: (side, sentence) of the sentences left unaligned on the
    side of the better partner (the old partner and those between)."""
    (s,), (t,) = pairs[k]
    qs, qt = pairs[q]
    lo, hi = min(k, q), max(k, q)
    srcs = [i for p in range(lo, hi + 1) for i in pairs[p][0]]
    tgts = [j for p in range(lo, hi + 1) for j in pairs[p][1]]
    new: Pair = ((s,), qt) if qt else (qs, (t,))
    a, b = new[0][0], new[1][0]
    before = [((i,), ()) for i in srcs if i < a] + [((), (j,)) for j in tgts if j < b]
    after = [((i,), ()) for i in srcs if i > a] + [((), (j,)) for j in tgts if j > b]
    side = 1 if qt else 0
    moved = {(side, i) for i in (tgts if qt else srcs) if i not in new[side]}
    return pairs[:lo] + before + [new] + after + pairs[hi + 1:], moved


def pair_moved(pairs: list[Pair], summed: SpanVectors,
               margin: float) -> tuple[list[Pair], set[tuple[int, int]]]:
    """*pairs* with each pair that has a far better unaligned partner nearby re-paired (see the
    module's notes), the strongest first; and the sentences of the moved passages (side,
    sentence), which stay unaligned. *summed*: the sentence vectors (:meth:`SpanVectors.summed_only`)."""
    out = list(pairs)
    moved: set[tuple[int, int]] = set()
    for _ in range(len(pairs)):
        found = _better(out, summed, margin)
        if not found:
            break
        _, k, q = max(found)
        out, passage = _rebuilt(out, k, q)
        moved |= passage
    return out, moved
