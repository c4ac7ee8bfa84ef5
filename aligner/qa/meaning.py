"""Meaning-based evidence for the QA checks: does the target render only the start of the source?

A target cut short (the translator's sentence stopped, a paste lost its end) is still a
good translation of the *first part* of the source, and the sentence encoder shows it:
the cosine between the target and a prefix of the source (40, 55, 70 or 85 % of its
words) is higher than between the target and the whole source. On complete professional
translations that gain is at or below 0.02 for 95 % of pairs (FLORES-200 devtest, the QA
tune half); a target cut after 70 % of its words gains 0.11 (median). Measured in
docs/benchmarks.md (*Translation-QA*). The encoder is loaded only when a unit needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..encoders.base import Encoder

#: Shares of the source's words whose prefixes are compared with the target.
PREFIX_SHARES = (0.4, 0.55, 0.7, 0.85)
#: Longer sides are not sentences (a paragraph or a pasted page): no meaning evidence (gain 0).
MAX_CHARS = 2000


class PrefixMeaning:
    """``gain(src, tgt)``: how much more the target resembles a prefix of the source than the
    whole source (cosine), with the encoder *load()* returns, loaded on first use."""

    def __init__(self, load: Callable[[], Encoder], src_lang: str = "fr", tgt_lang: str = "ar") -> None:
        self._load = load
        self._encoder: Encoder | None = None
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self._known: dict[tuple[str, str], float] = {}

    def _encode(self, texts: list[str], lang: str) -> np.ndarray:
        """Unit vectors (:meth:`Encoder.encode` normalises them)."""
        if self._encoder is None:
            self._encoder = self._load()
        return np.asarray(self._encoder.encode(texts, lang), dtype=np.float64)

    def prime(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Compute the gains of *pairs* in one encoder call per side (a memory's candidates)."""
        todo = list(dict.fromkeys(p for p in pairs if p not in self._known))
        for pair in todo:
            if max(len(pair[0]), len(pair[1])) > MAX_CHARS:
                self._known[pair] = 0.0
        todo = [p for p in todo if p not in self._known]
        if not todo:
            return
        k = 1 + len(PREFIX_SHARES)
        sources = self._encode([t for src, _ in todo for t in _with_prefixes(src)], self.src_lang)
        targets = self._encode([tgt for _, tgt in todo], self.tgt_lang)
        for n, pair in enumerate(todo):
            cosines = sources[n * k:(n + 1) * k] @ targets[n]
            self._known[pair] = float(cosines[1:].max() - cosines[0])

    def gain(self, src: str, tgt: str) -> float:
        if (src, tgt) not in self._known:
            self.prime([(src, tgt)])
        return self._known[(src, tgt)]


def _with_prefixes(src: str) -> list[str]:
    """*src* and its prefixes of :data:`PREFIX_SHARES` of its words."""
    words = src.split()
    return [src, *(" ".join(words[: max(1, int(len(words) * share))]) for share in PREFIX_SHARES)]


def default_meaning(encoder: str) -> PrefixMeaning | None:
    """A :class:`PrefixMeaning` over the registered *encoder* (``none``: no meaning evidence)."""
    if encoder == "none":
        return None

    def load() -> Encoder:
        from ..encoders.registry import get_encoder

        return get_encoder(encoder)

    return PrefixMeaning(load)
