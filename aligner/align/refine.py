"""A second look at bead boundaries, with the doubtful spans encoded as one text.

The search (:mod:`aligner.align.search`) scores a bead of several sentences by the sum of
their vectors: cheap, but blind to whether each member belongs. A dropped sentence
next to its neighbour's translation, or a heading that repeats the next sentence,
gets absorbed into a 2-1 bead. This pass re-encodes only what is in doubt, each
side of a bead as one text (the "overlap" encoding of Vecalign and Bertalign), and
moves boundaries where the encoder says so:

* **join**: an unaligned sentence next to a bead joins it when the similarity of the
  bead (cosine of the two concatenations) rises by at least ``cfg.refine_join``;
* **split**: the first or last sentence of a side with several sentences leaves the
  bead (unaligned) when the bead without it is more similar by at least
  ``cfg.refine_split``;
* **cut**: a bead with several sentences on both sides (2-2, 3-2, 2-3) becomes two
  pairs, in order, when the worse of the two scores at most ``-cfg.refine_cut`` below the
  whole. Summed vectors make a 2-2 of two true 1-1 pairs cheap in the search (its two
  halves add up); encoded one by one, true halves score nearly as well as the whole, while
  the halves of a true 2-2 (a sentence boundary moved, a clause carried over) fall far
  below it.

Up to :data:`ROUNDS` rounds, each encoding its candidates in one batch per side.
Only the beads that are not 1-1 are looked at, so the cost is a fraction of the
first encoding (measured in docs/benchmarks.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np

#: Rounds of join-then-split; a round that changes nothing ends the pass.
ROUNDS = 3

Span = tuple[int, ...]
Pair = tuple[Span, Span]


class SpanVectors:
    """Vectors of spans of consecutive sentences, a span of several encoded as one text.

    Single sentences reuse the vectors of the first encoding; longer spans are
    encoded on demand (``prefetch`` batches them) and kept for the run.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 encode_src: Callable[[list[str]], np.ndarray],
                 encode_tgt: Callable[[list[str]], np.ndarray],
                 chars: tuple[Sequence[float], Sequence[float]] | None = None) -> None:
        self._single = (x, y)
        self._texts = (src_texts, tgt_texts)
        self._encode = (encode_src, encode_tgt)
        self._known: tuple[dict[Span, np.ndarray], dict[Span, np.ndarray]] = ({}, {})
        # sentence lengths in characters (sums of whole numbers are exact); *chars* when no texts
        self._chars = ((list(chars[0]), list(chars[1])) if chars is not None
                       else ([float(len(t)) for t in src_texts], [float(len(t)) for t in tgt_texts]))
        # target characters per source character over the whole document
        self.ratio = float(sum(self._chars[1]) + 1) / float(sum(self._chars[0]) + 1)
        self.encoded = 0  # texts encoded by this pass, for the benchmarks
        self._estimates: dict[tuple[Pair, float], float] = {}

    @classmethod
    def summed_only(cls, x: np.ndarray, y: np.ndarray, x_chars: Sequence[float],
                    y_chars: Sequence[float]) -> SpanVectors:
        """Spans known only by their summed sentence vectors and lengths (no texts, no encoder):
        for :meth:`estimate` where no span may be encoded."""

        def no_encoder(texts: list[str]) -> np.ndarray:
            raise RuntimeError("these spans are estimated only; nothing may be encoded")

        return cls(x, y, [], [], no_encoder, no_encoder, chars=(x_chars, y_chars))

    def prefetch(self, side: int, spans: Iterable[Span]) -> None:
        """Encode, in one call, the spans of *side* (0 source, 1 target) not known yet."""
        known = self._known[side]
        todo = sorted({s for s in spans if len(s) > 1 and s not in known})
        if not todo:
            return
        texts = self._texts[side]
        vectors = self._encode[side]([" ".join(texts[i] for i in span) for span in todo])
        self.encoded += len(todo)
        for span, vec in zip(todo, vectors, strict=True):
            known[span] = vec  # as encoded (float32: half the memory); float64 when used

    def vector(self, side: int, span: Span) -> np.ndarray:
        if len(span) == 1:
            return np.asarray(self._single[side][span[0]], dtype=np.float64)
        if span not in self._known[side]:
            self.prefetch(side, [span])
        return np.asarray(self._known[side][span], dtype=np.float64)

    def cos(self, src: Span, tgt: Span) -> float:
        return float(self.vector(0, src) @ self.vector(1, tgt))

    def length_deviation(self, src: Span, tgt: Span) -> float:
        """``|log(target length / (ratio · source length))|``: 0 when the lengths are as expected."""
        chars_x, chars_y = self._chars
        lx = float(sum(chars_x[i] for i in src))
        ly = float(sum(chars_y[j] for j in tgt))
        return abs(math.log((ly + 1.0) / (self.ratio * lx + 1.0)))

    def summed(self, side: int, span: Span) -> np.ndarray:
        """The normalised sum of the span's sentence vectors (no encoder call)."""
        vectors = self._single[side]
        if len(span) == 1:  # the sum of one row is that row
            total = np.asarray(vectors[span[0]], dtype=np.float64)
        else:
            total = np.asarray(vectors[list(span)], dtype=np.float64).sum(axis=0)
        return total / max(math.sqrt(float(total @ total)), 1e-12)

    def estimate(self, pair: Pair, length_weight: float) -> float:
        """:meth:`score` with summed sentence vectors instead of span encodings (free; kept)."""
        key = (pair, length_weight)
        if key not in self._estimates:
            cos = float(self.summed(0, pair[0]) @ self.summed(1, pair[1]))
            self._estimates[key] = cos - length_weight * self.length_deviation(*pair)
        return self._estimates[key]

    def score(self, pair: Pair, length_weight: float) -> float:
        """Similarity of a bead's two sides encoded as one text each, less its length deviation."""
        return self.cos(*pair) - length_weight * self.length_deviation(*pair)


def _join_candidates(beads: list[Pair], k: int, max_bead: int) -> list[tuple[int, Pair]]:
    """Neighbours that the unaligned sentence of bead *k* could join, and the joined bead."""
    src, tgt = beads[k]
    out = []
    for nb in (k - 1, k + 1):
        if 0 <= nb < len(beads) and beads[nb][0] and beads[nb][1]:
            bs, bt = beads[nb]
            if len(bs) + len(bt) + 1 <= max_bead:
                out.append((nb, (tuple(sorted(bs + src)), tuple(sorted(bt + tgt)))))
    return out


def _split_candidates(bead: Pair) -> list[tuple[int, int, str, Pair]]:
    """(side, sentence, where, rest) for each edge sentence of a side of several."""
    src, tgt = bead
    out = []
    if len(src) > 1:
        out += [(0, src[0], "before", (src[1:], tgt)), (0, src[-1], "after", (src[:-1], tgt))]
    if len(tgt) > 1:
        out += [(1, tgt[0], "before", (src, tgt[1:])), (1, tgt[-1], "after", (src, tgt[:-1]))]
    return out


def prefetch_pairs(vectors: SpanVectors, pairs: Iterable[Pair]) -> None:
    """Encode, one batch per side, the spans of *pairs* not known yet."""
    pairs = list(pairs)
    vectors.prefetch(0, (s for s, _ in pairs))
    vectors.prefetch(1, (t for _, t in pairs))


class _Doubt:
    """Which moves are worth encoding: those whose estimate from summed vectors comes
    within *margin* of the threshold (the others cannot plausibly pass it)."""

    def __init__(self, vectors: SpanVectors, length_weight: float, margin: float) -> None:
        self.vectors, self.length_weight, self.margin = vectors, length_weight, margin
        self._splits: dict[tuple[Pair, float], bool] = {}  # a bead is asked about in every round

    def join(self, old: Pair, joined: Pair, threshold: float) -> bool:
        v, w = self.vectors, self.length_weight
        return v.estimate(joined, w) - v.estimate(old, w) >= threshold - self.margin

    def split(self, bead: Pair, threshold: float) -> bool:
        key = (bead, threshold)
        known = self._splits.get(key)
        if known is None:
            v, w = self.vectors, self.length_weight
            full = v.estimate(bead, w)
            known = any(v.estimate(rest, w) - full >= threshold - self.margin for *_, rest in _split_candidates(bead))
            self._splits[key] = known
        return known


def _many(bead: Pair) -> bool:
    return bool(bead[0]) and bool(bead[1]) and len(bead[0]) + len(bead[1]) > 2


def _wanted(beads: list[Pair], max_bead: int, fixed: Callable[[Pair], bool], doubt: _Doubt,
            join: float, split: float) -> list[Pair]:
    """Every bead whose two sides a round of join and split on *beads* may compare."""
    nulls = [k for k, (s, t) in enumerate(beads) if bool(s) != bool(t) and not fixed(beads[k])]
    wanted = [p for k in nulls for nb, joined in _join_candidates(beads, k, max_bead)
              if doubt.join(beads[nb], joined, join) for p in (beads[nb], joined)]
    many = [b for b in beads if _many(b) and doubt.split(b, split)]
    return wanted + [p for b in many for p in [b] + [c[3] for c in _split_candidates(b)]]


def _join_round(beads: list[Pair], vectors: SpanVectors, threshold: float, max_bead: int,
                fixed: Callable[[Pair], bool], allowed: Callable[[Pair], bool], length_weight: float,
                doubt: _Doubt) -> bool:
    changed = False
    k = 0
    while k < len(beads):
        src, tgt = beads[k]
        if bool(src) != bool(tgt) and not fixed(beads[k]):
            best: tuple[float, int, Pair] | None = None
            for nb, joined in _join_candidates(beads, k, max_bead):
                if not allowed(joined) or not doubt.join(beads[nb], joined, threshold):
                    continue
                gain = vectors.score(joined, length_weight) - vectors.score(beads[nb], length_weight)
                if gain >= threshold and (best is None or gain > best[0]):
                    best = (gain, nb, joined)
            if best is not None:
                beads[best[1]] = best[2]
                del beads[k]
                changed = True
                continue
        k += 1
    return changed


def _split_round(beads: list[Pair], vectors: SpanVectors, threshold: float,
                 allowed: Callable[[Pair], bool], length_weight: float, doubt: _Doubt) -> bool:
    doubtful = [b for b in beads if _many(b) and doubt.split(b, threshold)]
    prefetch_pairs(vectors, [p for b in doubtful for p in [b] + [c[3] for c in _split_candidates(b)]])
    changed = False
    out: list[Pair] = []
    for bead in beads:
        src, tgt = bead
        best: tuple[float, int, int, str, Pair] | None = None
        if _many(bead) and doubt.split(bead, threshold):
            full = vectors.score(bead, length_weight)
            for side, sentence, where, rest in _split_candidates(bead):
                gain = vectors.score(rest, length_weight) - full
                if gain >= threshold and allowed(rest) and (best is None or gain > best[0]):
                    best = (gain, side, sentence, where, rest)
        if best is None:
            out.append(bead)
            continue
        _, side, sentence, where, rest = best
        alone: Pair = ((sentence,), ()) if side == 0 else ((), (sentence,))
        out += [alone, rest] if where == "before" else [rest, alone]
        changed = True
    beads[:] = out
    return changed


def _cuts(bead: Pair) -> list[tuple[Pair, Pair]]:
    """Every way to cut a bead with several sentences on both sides into two pairs, in order."""
    src, tgt = bead
    return [((src[:i], tgt[:j]), (src[i:], tgt[j:])) for i in range(1, len(src)) for j in range(1, len(tgt))]


def _cut_round(beads: list[Pair], vectors: SpanVectors, threshold: float,
               allowed: Callable[[Pair], bool], length_weight: float) -> bool:
    many = [b for b in beads if len(b[0]) > 1 and len(b[1]) > 1]
    prefetch_pairs(vectors, [p for b in many for p in [b] + [part for cut in _cuts(b) for part in cut]])
    changed = False
    out: list[Pair] = []
    for bead in beads:
        best: tuple[float, tuple[Pair, Pair]] | None = None
        if len(bead[0]) > 1 and len(bead[1]) > 1:
            full = vectors.score(bead, length_weight)
            for cut in _cuts(bead):
                gain = min(vectors.score(part, length_weight) for part in cut) - full
                if gain >= threshold and all(allowed(part) for part in cut) and (best is None or gain > best[0]):
                    best = (gain, cut)
        if best is None:
            out.append(bead)
        else:
            out += list(best[1])
            changed = True
    beads[:] = out
    return changed


def refine_beads(beads: Sequence[Pair], vectors: SpanVectors, join: float, split: float, max_bead: int,
                 fixed: Callable[[Pair], bool] = lambda _: False,
                 allowed: Callable[[Pair], bool] = lambda _: True,
                 length_weight: float = 0.0, rounds: int = ROUNDS, margin: float = math.inf,
                 cut: float | None = None) -> list[Pair]:
    """The path *beads* with its boundaries moved where the span encodings say so.

    *fixed(bead)* marks unaligned sentences that must stay alone (headings);
    *allowed(bead)* rejects a new bead (outside the searched band). The result
    covers every sentence of both sides exactly once, in order, as *beads* did.
    A move is looked at only when its estimate from summed sentence vectors comes
    within *margin* of its threshold (``math.inf``: every move). *cut*: the least gain
    (negative) of the worse part for a bead with several sentences on both sides to be
    cut in two (None: no cut step; every such bead is compared, its parts encoded).
    """
    path = [(tuple(s), tuple(t)) for s, t in beads]
    doubt = _Doubt(vectors, length_weight, margin)
    for _ in range(rounds):
        # one encoder call per side for what this round can compare first
        prefetch_pairs(vectors, _wanted(path, max_bead, fixed, doubt, join, split))
        joined = _join_round(path, vectors, join, max_bead, fixed, allowed, length_weight, doubt)
        split_ = _split_round(path, vectors, split, allowed, length_weight, doubt)
        cut_ = cut is not None and _cut_round(path, vectors, cut, allowed, length_weight)
        if not (joined or split_ or cut_):
            break
    return path
