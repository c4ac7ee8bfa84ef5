"""French–Arabic parallel-text alignment and translation-QA toolkit."""

from __future__ import annotations

__version__ = "0.1.0"

from .config import DEFAULTS, AlignConfig  # noqa: E402
from .errors import (  # noqa: E402
    AlignerError,
    ConfigError,
    EncoderError,
    InputError,
    LanguageError,
    OutputError,
    TMXError,
)
from .models import Alignment, Bead, Document, Dropped, Sentence  # noqa: E402

__all__ = [
    "DEFAULTS",
    "AlignConfig",
    "AlignerError",
    "Alignment",
    "Bead",
    "ConfigError",
    "Document",
    "Dropped",
    "EncoderError",
    "InputError",
    "LanguageError",
    "OutputError",
    "Sentence",
    "TMXError",
    "__version__",
]
