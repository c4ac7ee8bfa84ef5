"""How the refinement's spans are encoded: both sides at once.

:class:`~aligner.align.refine.SpanVectors` is asked, per round, for the spans of the
source side and then of the target side (one call each). Here the source side's call
goes to a worker thread and returns at once, the target side's runs meanwhile, and
any use of a vector waits for the pending call: the same vectors and decisions as
one side after the other, in about the time of the longer side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future

import numpy as np

from ..encoders.parallel import Worker
from .refine import Span, SpanVectors


class ConcurrentSpanVectors(SpanVectors):
    """:class:`SpanVectors` whose source-side prefetch runs in *worker* while the target side's runs here."""

    def __init__(self, x: np.ndarray, y: np.ndarray, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 encode_src: Callable[[list[str]], np.ndarray], encode_tgt: Callable[[list[str]], np.ndarray],
                 worker: Worker | None) -> None:
        super().__init__(x, y, src_texts, tgt_texts, encode_src, encode_tgt)
        self._worker = worker
        self._pending: Future[None] | None = None

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def prefetch(self, side: int, spans: Iterable[Span]) -> None:
        if side == 0 and self._worker is not None:
            self._wait()
            spans = list(spans)
            self._pending = self._worker.submit(SpanVectors.prefetch, self, 0, spans)
            return
        super().prefetch(side, spans)  # the target side: here, while the source side's runs

    def vector(self, side: int, span: Span) -> np.ndarray:
        self._wait()
        if len(span) > 1 and span not in self._known[side]:
            # a span no round prefetched (a join made it): encoded here and now, not in the worker
            SpanVectors.prefetch(self, side, [span])
        return super().vector(side, span)
