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

The aligner's search limits partners to a band around its path on long
documents; here every sentence of the other side is a candidate.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable

import numpy as np

from ..align.confidence import JOIN_LENGTH, confidence, feature_row, join_gains, weights_for
from .edit import EditableAlignment, Unit


def encoder_name(signature: str) -> str:
    """The encoder named in a settings signature (``…|enc:use-0.2.1|…`` → ``use``); ``use`` if none."""
    for part in signature.split("|"):
        if part.startswith("enc:"):
            return part[4:].split("-", 1)[0] or "use"
    return "use"


class Rescorer:
    """Sentence vectors of one alignment, and the confidence of any unit over them.

    The vectors are computed in a background thread (:meth:`start`); until they
    are ready :meth:`confidences` returns nothing and the caller tries later.
    """

    def __init__(self, src_lang: str, tgt_lang: str, encoder: str = "use") -> None:
        from ..config import DEFAULTS

        self.langs = (src_lang, tgt_lang)
        self.encoder_name = encoder
        self.samples, self.seed = DEFAULTS.norm_samples, DEFAULTS.seed
        self.error = ""
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._texts: tuple[list[str], list[str]] = ([], [])
        self._vectors: list[np.ndarray] = []
        self._proj: list[np.ndarray] = []
        self._typical_cache: float | None = None
        self._encode = None

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
            self._encode = lambda items, lang: cache.encode(enc, items, lang)  # type: ignore[assignment]
            vectors = [self._unit_rows(self._encode(list(t), lang)) for t, lang in zip(texts, self.langs, strict=True)]  # type: ignore[misc]
            with self._lock:
                self._texts = (list(texts[0]), list(texts[1]))
                self._vectors = vectors
                self._project()
        except Exception as exc:  # noqa: BLE001 - a missing encoder leaves confidences empty, never stops editing
            self.error = f"confidence not recomputed: {exc}"
        finally:
            self._ready.set()

    @staticmethod
    def _unit_rows(v: np.ndarray) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        if v.ndim != 2:
            return v.reshape(0, 1)
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return v / norms

    def _project(self) -> None:
        rng = np.random.default_rng(self.seed)
        proj = []
        for v, other in ((self._vectors[0], self._vectors[1]), (self._vectors[1], self._vectors[0])):
            if other.shape[0] == 0 or v.shape[0] == 0:
                proj.append(np.zeros(v.shape[0]))
                continue
            idx = rng.choice(other.shape[0], size=min(self.samples, other.shape[0]), replace=False)
            proj.append(v @ other[idx].mean(axis=0))
        self._proj = proj
        self._typical_cache = None

    def _sync_texts(self, alignment: EditableAlignment) -> None:
        """Encode again the sentences whose text was corrected."""
        for side, segs in enumerate((alignment.src, alignment.tgt)):
            changed = [i for i, s in enumerate(segs) if s.text != self._texts[side][i]]
            if changed and self._encode is not None:
                new = self._unit_rows(self._encode([segs[i].text for i in changed], self.langs[side]))
                for row, i in enumerate(changed):
                    self._vectors[side][i] = new[row]
                    self._texts[side][i] = segs[i].text
                self._project()

    def _base(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        x, y = self._vectors
        sx, sy = x[list(src)].sum(axis=0), y[list(tgt)].sum(axis=0)
        nx, ny = max(float(np.linalg.norm(sx)), 1e-6), max(float(np.linalg.norm(sy)), 1e-6)
        cos = float(sx @ sy) / (nx * ny)
        rx = 1.0 - float(self._proj[0][list(src)].sum()) / nx
        ry = 1.0 - float(self._proj[1][list(tgt)].sum()) / ny
        return (1.0 - cos) / max(0.5 * (rx + ry), 0.05)

    def _best(self, side: int, i: int) -> float:
        """The lowest 1-1 dissimilarity of sentence *i* of *side* to any sentence of the other side."""
        v, other = self._vectors[side], self._vectors[1 - side]
        if other.shape[0] == 0:
            return 1.0
        cos = other @ v[i]
        r_self = 1.0 - float(self._proj[side][i])
        r_other = 1.0 - self._proj[1 - side]
        return float(((1.0 - cos) / np.maximum(0.5 * (r_self + r_other), 0.05)).min())

    def _typical(self) -> float:
        """The median over both sides of each sentence's lowest 1-1 dissimilarity (as the search's feature)."""
        if self._typical_cache is None:
            best = [self._best(side, i) for side in (0, 1) for i in range(self._vectors[side].shape[0])]
            self._typical_cache = float(np.median(best)) if best else 1.0
        return self._typical_cache

    def _span(self, side: int, span: tuple[int, ...]) -> np.ndarray:
        """The vector of a span of *side* encoded as one text (a single sentence: its own)."""
        if len(span) == 1 or self._encode is None:
            total = self._vectors[side][list(span)].sum(axis=0)
            return total / max(float(np.linalg.norm(total)), 1e-12)
        text = " ".join(self._texts[side][i] for i in span)
        return self._unit_rows(self._encode([text], self.langs[side]))[0]

    def _join_score(self, pair: tuple[tuple[int, ...], tuple[int, ...]]) -> float:
        """As :func:`aligner.align.confidence.span_join_gains` scores a pair: the cosine of its
        sides encoded as one text each, less :data:`JOIN_LENGTH` times its length deviation."""
        src, tgt = pair
        chars = [sum(len(t) for t in texts) for texts in self._texts]
        ratio = (chars[1] + 1.0) / (chars[0] + 1.0)
        lx = sum(len(self._texts[0][i]) for i in src)
        ly = sum(len(self._texts[1][j]) for j in tgt)
        deviation = abs(math.log((ly + 1.0) / (ratio * lx + 1.0)))
        return float(self._span(0, src) @ self._span(1, tgt)) - JOIN_LENGTH * deviation

    def _features(self, units: tuple[Unit, ...], k: int, kinds: tuple[list[str], list[str]]) -> np.ndarray:
        u = units[k]
        a, b = len(u.src), len(u.tgt)
        neighbours = [(len(n.src), len(n.tgt)) for n in (units[q] for q in (k - 1, k + 1) if 0 <= q < len(units))]
        base = self._base(u.src, u.tgt) if a and b else 0.0
        if a and b:
            best = min(self._best(0, u.src[0]), self._best(1, u.tgt[0])) if a == 1 and b == 1 else 0.0
        else:
            best = self._best(0, u.src[0]) if a else self._best(1, u.tgt[0])
        near = [(units[q].src, units[q].tgt) for q in (k - 1, k, k + 1) if 0 <= q < len(units)]
        heading = lambda side, i: kinds[side][i] == "heading"  # noqa: E731 - headings join no merge
        join = join_gains(near, self._join_score, heading)[min(k, 1)]  # unit k's place among its neighbours
        return feature_row(a, b, base, best, self._typical(), neighbours, join)

    def confidences(self, alignment: EditableAlignment, indexes: Iterable[int]) -> dict[int, float]:
        """Confidence of the units at *indexes*; empty when the vectors are not ready or failed."""
        if not self._ready.is_set() or self.error:
            return {}
        with self._lock:
            self._sync_texts(alignment)
            out = {}
            kinds = ([s.kind for s in alignment.src], [s.kind for s in alignment.tgt])
            for k in indexes:
                if 0 <= k < len(alignment.units):
                    row = self._features(alignment.units, k, kinds)
                    out[k] = round(confidence(weights_for(self.encoder_name), row), 4)
            return out
