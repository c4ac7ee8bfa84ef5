"""Confidence of edited units, computed again the way the aligner computes it.

The aligner's confidence is a logistic model over features of a bead
(:data:`aligner.align.confidence.FEATURES`, the encoder's weights from
:func:`~aligner.align.confidence.weights_for`): how dissimilar the two sides are
(cosine of the summed sentence vectors, normalised by how far each side is from
random sentences of the other document), whether the bead is a merge or an
unaligned sentence, its neighbours. After an edit, the features of the touched
units are computed from the sentence vectors (read from the embedding cache:
``aligner align`` stored them) and scored with the same weights; the feature row itself
comes from :func:`aligner.align.confidence.feature_row`, as in the search.

The sentences are grouped as the search grouped them: a list on one side only is one
block (:mod:`aligner.align.blocks`) as long as one unit holds all of it, so an unedited
unit scores exactly as the aligner scored it; once an edit splits the list, its items
count one by one. The aligner's search limits partners to a band around its path on long
documents; here every sentence of the other side is a candidate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ..align.blocks import Group, grouped, list_groups
from ..align.confidence import confidence, feature_row, span_join_gains, weights_for
from ..align.kernels import dissimilarity
from ..align.refine import SpanVectors
from ..align.search import projections
from ..config import DEFAULTS
from ..models import Sentence
from .edit import EditableAlignment, Segment, Unit


def encoder_name(signature: str) -> str:
    """The encoder named in a settings signature (``…|enc:use-0.2.1|…`` → ``use``); ``use`` if none."""
    for part in signature.split("|"):
        if part.startswith("enc:"):
            return part[4:].split("-", 1)[0] or "use"
    return "use"


Encode = Callable[[list[str], str], np.ndarray]


def _unit_rows(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    if v.ndim != 2:
        return v.reshape(0, 1)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return v / norms


def _blocks(alignment: EditableAlignment) -> tuple[tuple[Group, ...], ...]:
    """Each side's sentences grouped as the aligner grouped them (a list on one side only as
    one block, :func:`aligner.align.blocks.list_groups`), a block kept only while one unit
    holds all of it (after an edit split it, its sentences count one by one)."""
    sides = (alignment.src, alignment.tgt)
    out = []
    for side, segs in enumerate(sides):
        owner = {i: k for k, u in enumerate(alignment.units) for i in u.side("src" if side == 0 else "tgt")}
        groups: list[Group] = []
        for group in list_groups(segs, any(s.kind == "item" for s in sides[1 - side])):
            if len(group) > 1 and len({owner.get(i) for i in group}) == 1:
                groups.append(group)
            else:
                groups += [(i,) for i in group]
        out.append(tuple(groups))
    return tuple(out)


class _Space:
    """Vectors, texts and statistics of each side over its blocks (a block: one sentence, or a
    list the aligner aligned as one), as :func:`aligner.align.search.align_vectors` sees them:
    the blocks made by :func:`aligner.align.blocks.grouped`, the projections by
    :func:`aligner.align.search.projections` (the search's draws, in its order), and the
    join gains scored by :class:`aligner.align.refine.SpanVectors` over the block texts."""

    def __init__(self, groups: tuple[tuple[Group, ...], ...], vectors: list[np.ndarray],
                 segments: tuple[Sequence[Segment], Sequence[Segment]], encode: Encode,
                 langs: tuple[str, str], samples: int, seed: int) -> None:
        self.of = [{i: g for g, members in enumerate(side) for i in members} for side in groups]
        blocks = [grouped([Sentence(i, s.text, s.kind) for i, s in enumerate(segs)], v, side)
                  for segs, v, side in zip(segments, vectors, groups, strict=True)]
        self.kinds = [[s.kind for s in sentences] for sentences, _ in blocks]
        self.vectors = [np.asarray(rows, dtype=np.float64) for _, rows in blocks]
        rng = np.random.default_rng(seed)
        x, y = self.vectors
        self.proj = [projections(x, y, samples, rng), projections(y, x, samples, rng)]
        self.spans = SpanVectors(x, y, [s.text for s in blocks[0][0]], [s.text for s in blocks[1][0]],
                                 lambda texts: _unit_rows(encode(texts, langs[0])),
                                 lambda texts: _unit_rows(encode(texts, langs[1])))
        self._typical: float | None = None

    def pair(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """A unit's sentence indexes as block indexes."""
        return tuple(sorted({self.of[0][i] for i in src})), tuple(sorted({self.of[1][j] for j in tgt}))

    def base(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        x, y = self.vectors
        sx, sy = x[list(src)].sum(axis=0), y[list(tgt)].sum(axis=0)
        nx, ny = max(float(np.linalg.norm(sx)), 1e-6), max(float(np.linalg.norm(sy)), 1e-6)
        return float(dissimilarity(float(sx @ sy), nx, ny, float(self.proj[0][list(src)].sum()),
                                   float(self.proj[1][list(tgt)].sum()), DEFAULTS.norm_floor))

    def best(self, side: int, i: int) -> float:
        """The lowest 1-1 dissimilarity of block *i* of *side* to any block of the other side."""
        v, other = self.vectors[side], self.vectors[1 - side]
        if other.shape[0] == 0:
            return 1.0
        cos = other @ v[i]
        r_self = 1.0 - float(self.proj[side][i])
        r_other = 1.0 - self.proj[1 - side]
        return float(((1.0 - cos) / np.maximum(0.5 * (r_self + r_other), DEFAULTS.norm_floor)).min())

    def typical(self) -> float:
        """The median over both sides of each block's lowest 1-1 dissimilarity (as the search's feature)."""
        if self._typical is None:
            best = [self.best(side, i) for side in (0, 1) for i in range(self.vectors[side].shape[0])]
            self._typical = float(np.median(best)) if best else 1.0
        return self._typical


class Rescorer:
    """Sentence vectors of one alignment, and the confidence of any unit over them.

    The vectors are computed in a background thread (:meth:`start`); until they
    are ready :meth:`confidences` returns nothing and the caller tries later.
    """

    def __init__(self, src_lang: str, tgt_lang: str, encoder: str = "use", in_full: bool = False) -> None:
        """*in_full*: the document was read as translated in full (the JSONL header says so)."""
        self.langs = (src_lang, tgt_lang)
        self.encoder_name = encoder
        self.in_full = in_full
        self.samples, self.seed = DEFAULTS.norm_samples, DEFAULTS.seed
        self.error = ""
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._texts: tuple[list[str], list[str]] = ([], [])
        self._vectors: list[np.ndarray] = []
        self._version = 0  # counts text corrections, which change the vectors
        self._space_cache: tuple[tuple[tuple[tuple[Group, ...], ...], int], _Space] | None = None
        self._encode: Encode | None = None

    def start(self, alignment: EditableAlignment) -> None:
        """Encode every sentence (through the cache) in a background thread."""
        texts = ([s.text for s in alignment.src], [s.text for s in alignment.tgt])
        threading.Thread(target=self._load, args=(texts,), daemon=True, name="aligner-rescore").start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the vectors are ready (or failed); True when they are usable."""
        self._ready.wait(timeout)
        return self._ready.is_set() and not self.error

    def _load(self, texts: tuple[list[str], list[str]]) -> None:
        try:
            from ..encoders.cache import EmbeddingCache
            from ..encoders.registry import get_encoder

            enc = get_encoder(self.encoder_name)
            cache = EmbeddingCache()
            self._encode = lambda items, lang: cache.encode(enc, items, lang)
            vectors = [_unit_rows(self._encode(list(t), lang)) for t, lang in zip(texts, self.langs, strict=True)]
            with self._lock:
                self._texts = (list(texts[0]), list(texts[1]))
                self._vectors = vectors
        except Exception as exc:  # noqa: BLE001 - a missing encoder leaves confidences empty, never stops editing
            self.error = f"confidence not recomputed: {exc}"
        finally:
            self._ready.set()

    def _sync_texts(self, alignment: EditableAlignment) -> None:
        """Encode again the sentences whose text was corrected."""
        for side, segs in enumerate((alignment.src, alignment.tgt)):
            changed = [i for i, s in enumerate(segs) if s.text != self._texts[side][i]]
            if changed and self._encode is not None:
                new = _unit_rows(self._encode([segs[i].text for i in changed], self.langs[side]))
                for row, i in enumerate(changed):
                    self._vectors[side][i] = new[row]
                    self._texts[side][i] = segs[i].text
                self._version += 1

    def _space(self, alignment: EditableAlignment, encode: Encode) -> _Space:
        """The alignment's sentences as the search saw them: a list on one side only is one block
        (:mod:`aligner.align.blocks`) while one unit holds the whole of it; rebuilt when that or a
        text changes."""
        groups = _blocks(alignment)
        if self._space_cache is None or self._space_cache[0] != (groups, self._version):
            space = _Space(groups, self._vectors, (alignment.src, alignment.tgt), encode, self.langs,
                           self.samples, self.seed)
            self._space_cache = ((groups, self._version), space)
        return self._space_cache[1]

    def _features(self, space: _Space, units: tuple[Unit, ...], k: int) -> np.ndarray:
        pairs = [space.pair(u.src, u.tgt) for u in units[max(0, k - 1):k + 2]]
        here = min(k, 1)  # unit k's place among its neighbours
        src, tgt = pairs[here]
        a, b = len(src), len(tgt)
        neighbours = [(len(p[0]), len(p[1])) for q, p in enumerate(pairs) if q != here]
        base = space.base(src, tgt) if a and b else 0.0
        if a and b:
            best = min(space.best(0, src[0]), space.best(1, tgt[0])) if a == 1 and b == 1 else 0.0
        else:
            best = space.best(0, src[0]) if a else space.best(1, tgt[0])
        heading = lambda side, i: space.kinds[side][i] == "heading"  # noqa: E731 - headings join no merge
        join = span_join_gains(pairs, space.spans, heading)[here]
        return feature_row(a, b, base, best, space.typical(), neighbours, join, self.in_full)

    def confidences(self, alignment: EditableAlignment, indexes: Iterable[int]) -> dict[int, float]:
        """Confidence of the units at *indexes*; empty when the vectors are not ready or failed."""
        if not self._ready.is_set() or self.error or self._encode is None:
            return {}
        with self._lock:
            self._sync_texts(alignment)
            out = {}
            space = self._space(alignment, self._encode)
            for k in indexes:
                if 0 <= k < len(alignment.units):
                    row = self._features(space, alignment.units, k)
                    out[k] = round(confidence(weights_for(self.encoder_name), row), 4)
            return out
