"""LASER (Artetxe & Schwenk) through the ``laserembeddings`` package: files, loading, device.

LASER needs three files, which cannot ship in a Python package:

* ``93langs.fcodes``: the BPE codes (fastBPE format, ``a b count`` lines);
* ``93langs.fvocab``: the BPE vocabulary (``token count`` lines);
* ``bilstm.93langs.2018-12-26.pt``: the BiLSTM encoder checkpoint
  (``{"model": state dict, "params": {...}, "dictionary": {...}}``).

They are looked for, in this order, in ``--laser-dir``, in ``$ALIGNER_LASER_DIR``,
in the per-user data folder (``$XDG_DATA_HOME/aligner/laser``, or
``~/Library/Application Support/aligner/laser``, or
``%LOCALAPPDATA%\\aligner\\laser``), and in the package's own ``data`` folder (where
its command-line downloader puts them). Nothing is downloaded unless the user runs
``aligner models download laser``. Tokenisation
(Moses), BPE (subword-nmt) and the encoder are the package's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EncoderError
from .base import Encoder, EncoderOptions, ModelStatus, package_version

CODES = "93langs.fcodes"
VOCAB = "93langs.fvocab"
CHECKPOINT = "bilstm.93langs.2018-12-26.pt"
FILES = (CODES, VOCAB, CHECKPOINT)
URL = "https://dl.fbaipublicfiles.com/laser/models/"
DEVICES = ("auto", "cpu", "cuda")
#: The published checkpoint's ``params`` (what the tiny test model copies, smaller).
PUBLISHED_PARAMS: dict[str, Any] = {
    "num_embeddings": 73640, "padding_idx": 1, "embed_dim": 320, "hidden_size": 512,
    "num_layers": 5, "bidirectional": True, "left_pad": True, "padding_value": 0.0,
}


def user_data_dir() -> Path:
    """The toolkit's per-user data folder (models live below it)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "aligner"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "aligner"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "aligner"


def package_installed() -> bool:
    """Whether ``laserembeddings`` (and so torch) can be imported, without importing it."""
    return importlib.util.find_spec("laserembeddings") is not None


def _package_data_dir() -> Path | None:
    spec = importlib.util.find_spec("laserembeddings")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "data"


def candidate_dirs(laser_dir: str | os.PathLike[str] | None = None) -> list[tuple[str, Path]]:
    """The folders searched, in order, each with where it comes from."""
    out: list[tuple[str, Path]] = []
    if laser_dir:
        out.append(("--laser-dir", Path(laser_dir)))
    env = os.environ.get("ALIGNER_LASER_DIR")
    if env:
        out.append(("ALIGNER_LASER_DIR", Path(env)))
    out.append(("user data folder", user_data_dir() / "laser"))
    data = _package_data_dir()
    if data is not None:
        out.append(("laserembeddings data folder", data))
    return out


def missing_files(folder: Path) -> list[str]:
    """The LASER files not in *folder* (empty files count as missing)."""
    return [f for f in FILES if not (folder / f).is_file() or (folder / f).stat().st_size == 0]


def find_laser_dir(laser_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """The first folder holding all three files; ``--laser-dir`` must hold them if given.

    Raises :class:`EncoderError` when an explicit ``--laser-dir`` (or
    ``$ALIGNER_LASER_DIR``) lacks a file, naming the files missing.
    """
    for origin, folder in candidate_dirs(laser_dir):
        missing = missing_files(folder)
        if not missing:
            return folder
        if origin in ("--laser-dir", "ALIGNER_LASER_DIR"):
            raise EncoderError(
                f"{origin} {folder}: LASER file{'s' if len(missing) > 1 else ''} missing: "
                f"{', '.join(missing)}; {how_to_install()}"
            )
    return None


def how_to_install() -> str:
    """The fix, in one sentence: the three files, their names and where they go."""
    return (
        f"put the three LASER files {CODES}, {VOCAB} and {CHECKPOINT} (from {URL}) in "
        f"{user_data_dir() / 'laser'}, or in a folder named by --laser-dir or $ALIGNER_LASER_DIR, "
        "or run `aligner models download laser` where there is network"
    )


def files_version(folder: Path) -> str:
    """A short fingerprint of the three files: size and ends of each, hashed (fast on 180 MB)."""
    h = hashlib.sha256()
    for name in FILES:
        p = folder / name
        size = p.stat().st_size
        h.update(f"{name}:{size}".encode())
        with open(p, "rb") as fh:
            h.update(fh.read(1 << 20))
            if size > 2 << 20:
                fh.seek(-(1 << 20), os.SEEK_END)
                h.update(fh.read())
    return h.hexdigest()[:10]


def _torch_device(device: str) -> bool:
    """``cpu=`` for laserembeddings: True forces the CPU; checks that CUDA exists when asked for."""
    if device not in DEVICES:
        raise EncoderError(f"unknown device {device!r}; choose one of: {', '.join(DEVICES)}")
    if device == "cpu":
        return True
    import torch

    if device == "cuda" and not torch.cuda.is_available():
        raise EncoderError("--device cuda: no CUDA GPU is visible to torch here; use --device cpu or auto")
    return not torch.cuda.is_available()


@dataclass(frozen=True)
class CheckpointInfo:
    """What a LASER checkpoint declares: its architecture and vocabulary size."""

    params: dict[str, Any]
    dictionary_size: int

    @property
    def dim(self) -> int:
        """Sentence-vector size: hidden size, doubled when bidirectional."""
        hidden = int(self.params.get("hidden_size", 512))
        return hidden * 2 if self.params.get("bidirectional") else hidden


def read_checkpoint(path: Path) -> dict[str, Any]:
    """Load a checkpoint (tensors, ``params`` and ``dictionary`` only; no code runs)."""
    import torch

    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises RuntimeError, UnpicklingError, EOFError…
        raise EncoderError(
            f"{path}: not a readable LASER checkpoint ({type(exc).__name__}: {str(exc)[:120]}); "
            f"download {CHECKPOINT} again"
        ) from None
    if not isinstance(state, dict) or not {"model", "params", "dictionary"} <= set(state):
        raise EncoderError(
            f"{path}: not a LASER checkpoint (it needs the keys model, params and dictionary); "
            f"download {CHECKPOINT} again"
        )
    for key in ("<pad>", "</s>", "<unk>"):
        if key not in state["dictionary"]:
            raise EncoderError(f"{path}: the checkpoint's dictionary lacks {key}; download {CHECKPOINT} again")
    return state


def checkpoint_info(folder: Path) -> CheckpointInfo:
    """The architecture of the checkpoint in *folder*."""
    state = read_checkpoint(folder / CHECKPOINT)
    return CheckpointInfo(dict(state["params"]), len(state["dictionary"]))


class LaserEncoder(Encoder):
    """LASER BiLSTM sentence encoder (``laserembeddings``), 93 languages, 1024 dimensions."""

    name = "laser"
    description = "LASER BiLSTM, 93 languages (laserembeddings)"
    dim = 1024

    def __init__(self, options: EncoderOptions | None = None, *,
                 max_tokens: int | None = 12000, max_sentences: int | None = None) -> None:
        options = options or EncoderOptions()
        laser_dir, device = options.laser_dir, options.device
        if not package_installed():
            raise EncoderError(
                "encoder 'laser' needs the package laserembeddings-fork and a CPU torch; install them with "
                "`pip install 'fr-ar-aligner[laser]'` (torch==2.13.0, the CPU build)"
            )
        folder = find_laser_dir(laser_dir)
        if folder is None:
            raise EncoderError(f"encoder 'laser': model files not found; {how_to_install()}")
        self.folder = folder
        self.device = device
        self._version = f"{package_version('laserembeddings-fork')}+{files_version(folder)}"
        self._laser = self._load(folder, _torch_device(device), max_tokens, max_sentences)
        self.dim = int(self._laser.bpeSentenceEmbedding.encoder.encoder.output_units)

    @staticmethod
    def _load(folder: Path, cpu: bool, max_tokens: int | None, max_sentences: int | None) -> Any:
        from laserembeddings import Laser

        try:
            return Laser(
                bpe_codes=str(folder / CODES), bpe_vocab=str(folder / VOCAB), encoder=str(folder / CHECKPOINT),
                embedding_options={"cpu": cpu, "max_tokens": max_tokens, "max_sentences": max_sentences},
            )
        except Exception as exc:
            # Read the checkpoint ourselves only now (it is large): its own error names it.
            read_checkpoint(folder / CHECKPOINT)
            raise EncoderError(
                f"{folder}: LASER files could not be loaded ({type(exc).__name__}: {str(exc)[:160]}); "
                f"check {CODES} and {VOCAB}, or download them again"
            ) from None

    @property
    def version(self) -> str:
        return self._version

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        code = lang.split("-")[0].lower()
        with contextlib.redirect_stdout(sys.stderr):
            return np.asarray(self._laser.embed_sentences(sentences, lang=code))

    @classmethod
    def available(cls, options: EncoderOptions) -> tuple[bool, str]:
        """The package and the three files are found (the checkpoint is not read: it is large)."""
        if not package_installed():
            return False, "LASER is not installed"
        folder = find_laser_dir(options.laser_dir)
        if folder is None:
            return False, "LASER model files not found"
        return True, str(folder)

    @classmethod
    def status(cls, options: EncoderOptions) -> ModelStatus:
        """Usable when the package and the three files are found and the checkpoint reads."""
        desc = cls.description
        if not package_installed():
            return ModelStatus("laser", desc, False, "-", "-", cls.dim,
                               "not installed: `pip install 'fr-ar-aligner[laser]'`, then " + how_to_install())
        try:
            folder = find_laser_dir(options.laser_dir)
        except EncoderError as exc:
            return ModelStatus("laser", desc, False, "-", "-", cls.dim, str(exc))
        if folder is None:
            return ModelStatus("laser", desc, False, "-", package_version("laserembeddings-fork"), cls.dim,
                               "model files not installed: " + how_to_install())
        try:
            info = checkpoint_info(folder)
        except EncoderError as exc:
            return ModelStatus("laser", desc, False, str(folder), "-", cls.dim, str(exc))
        return ModelStatus("laser", desc, True, str(folder),
                           f"{package_version('laserembeddings-fork')}+{files_version(folder)}", info.dim)


def download(folder: str | os.PathLike[str] | None = None) -> Path:
    """Fetch the three files with the package's downloader into *folder* (default: user data folder).

    Progress goes to stderr. Without network, raises :class:`EncoderError`
    listing the files and where to put them; nothing half-downloaded is left.
    """
    if not package_installed():
        raise EncoderError("downloading LASER needs the package laserembeddings-fork; "
                           "install it with `pip install 'fr-ar-aligner[laser]'`")
    from laserembeddings.__main__ import download_models

    target = Path(folder) if folder else user_data_dir() / "laser"
    target.mkdir(parents=True, exist_ok=True)
    before = {f for f in FILES if (target / f).exists()}
    try:
        with contextlib.redirect_stdout(sys.stderr):
            try:
                download_models(str(target))
            finally:
                print(file=sys.stderr)  # the package's progress line has no end of line on failure
    except (OSError, ValueError) as exc:  # URLError is an OSError
        for f in FILES:
            if f not in before:
                with contextlib.suppress(OSError):
                    (target / f).unlink()
        files = "\n".join(f"  {URL}{f}  ->  {target / f}" for f in FILES)
        raise EncoderError(
            f"could not download LASER ({exc}); fetch these three files elsewhere and copy them:\n{files}\n"
            "or put them in any folder and give it with --laser-dir or $ALIGNER_LASER_DIR"
        ) from None
    missing = missing_files(target)
    if missing:
        raise EncoderError(f"download incomplete: {', '.join(missing)} missing in {target}; run it again")
    return target
