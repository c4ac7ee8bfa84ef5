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
  ``cfg.refine_split``.

Up to :data:`ROUNDS` rounds, each encoding its candidates in one batch per side.
Only the beads that are not 1-1 are looked at, so the cost is a fraction of the
first encoding (measured in docs/benchmarks.md).
"""

from __future__ import annotations

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
                 encode_tgt: Callable[[list[str]], np.ndarray]) -> None:
        self._single = (x, y)
        self._texts = (src_texts, tgt_texts)
        self._encode = (encode_src, encode_tgt)
        self._known: tuple[dict[Span, np.ndarray], dict[Span, np.ndarray]] = ({}, {})
        self.encoded = 0  # texts encoded by this pass, for the benchmarks

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
            known[span] = np.asarray(vec, dtype=np.float64)

    def vector(self, side: int, span: Span) -> np.ndarray:
        if len(span) == 1:
            return np.asarray(self._single[side][span[0]], dtype=np.float64)
        if span not in self._known[side]:
            self.prefetch(side, [span])
        return self._known[side][span]

    def cos(self, src: Span, tgt: Span) -> float:
        return float(self.vector(0, src) @ self.vector(1, tgt))


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


def _prefetch(vectors: SpanVectors, pairs: Iterable[Pair]) -> None:
    pairs = list(pairs)
    vectors.prefetch(0, (s for s, _ in pairs))
    vectors.prefetch(1, (t for _, t in pairs))


def _join_round(beads: list[Pair], vectors: SpanVectors, threshold: float, max_bead: int,
                fixed: Callable[[Pair], bool], allowed: Callable[[Pair], bool]) -> bool:
    nulls = [k for k, (s, t) in enumerate(beads) if bool(s) != bool(t) and not fixed(beads[k])]
    wanted = [p for k in nulls for nb, joined in _join_candidates(beads, k, max_bead) for p in (beads[nb], joined)]
    _prefetch(vectors, wanted)
    changed = False
    k = 0
    while k < len(beads):
        src, tgt = beads[k]
        if bool(src) != bool(tgt) and not fixed(beads[k]):
            best: tuple[float, int, Pair] | None = None
            for nb, joined in _join_candidates(beads, k, max_bead):
                if not allowed(joined):
                    continue
                gain = vectors.cos(*joined) - vectors.cos(*beads[nb])
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
                 allowed: Callable[[Pair], bool]) -> bool:
    many = [b for b in beads if b[0] and b[1] and len(b[0]) + len(b[1]) > 2]
    _prefetch(vectors, [p for b in many for p in [b] + [c[3] for c in _split_candidates(b)]])
    changed = False
    out: list[Pair] = []
    for bead in beads:
        src, tgt = bead
        best: tuple[float, int, int, str, Pair] | None = None
        if src and tgt and len(src) + len(tgt) > 2:
            full = vectors.cos(src, tgt)
            for side, sentence, where, rest in _split_candidates(bead):
                gain = vectors.cos(*rest) - full
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


def refine_beads(beads: Sequence[Pair], vectors: SpanVectors, join: float, split: float, max_bead: int,
                 fixed: Callable[[Pair], bool] = lambda _: False,
                 allowed: Callable[[Pair], bool] = lambda _: True) -> list[Pair]:
    """The path *beads* with its boundaries moved where the span encodings say so.

    *fixed(bead)* marks unaligned sentences that must stay alone (headings);
    *allowed(bead)* rejects a new bead (outside the searched band). The result
    covers every sentence of both sides exactly once, in order, as *beads* did.
    """
    path = [(tuple(s), tuple(t)) for s, t in beads]
    for _ in range(ROUNDS):
        joined = _join_round(path, vectors, join, max_bead, fixed, allowed)
        split_ = _split_round(path, vectors, split, allowed)
        if not (joined or split_):
            break
    return path
