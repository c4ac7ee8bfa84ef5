"""French–Arabic parallel-text alignment and translation-QA toolkit.

The public API (what the CLI, batch jobs and evaluation scripts call)::

    from aligner import AlignConfig, align_files, write_alignment
    result = align_files("fr.txt", "ar.html", AlignConfig())
    write_alignment(result, "memory.tmx")

Functions are imported on first use, so ``import aligner`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .config import DEFAULTS, PAIR_DEFAULTS, QA_DEFAULTS, AlignConfig, PairConfig, QAConfig  # noqa: E402
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
from .signature import Signature  # noqa: E402

#: Public name → ``"module:attribute"``, imported on first access.
_LAZY = {
    "align_files": "aligner.pipeline:align_files",
    "align_sentences": "aligner.pipeline:align_sentences",
    "resolve_config": "aligner.pipeline:resolve_config",
    "run_align": "aligner.pipeline:run_align",
    "AlignRequest": "aligner.pipeline:AlignRequest",
    "write_alignment": "aligner.formats:write_alignment",
    "WriteOptions": "aligner.formats:WriteOptions",
    "register_format": "aligner.formats:register_format",
    "Encoder": "aligner.encoders:Encoder",
    "EncoderOptions": "aligner.encoders:EncoderOptions",
    "get_encoder": "aligner.encoders:get_encoder",
    "register_encoder": "aligner.encoders:register_encoder",
    "run_checks": "aligner.qa:run_checks",
    "check_file": "aligner.qa:check_file",
    "register_check": "aligner.qa:register_check",
    "write_tmx": "aligner.tmx.writer:write_tmx",
    "iter_tmx_units": "aligner.tmx.reader:iter_units",
    "validate_tmx": "aligner.tmx.tools:validate",
    "register_profile": "aligner.tmx.profiles:register_profile",
    "score_alignment": "aligner.align.scores:document_scores",
    "evaluate_files": "aligner.align.evaluate:evaluate_files",
    "pair_documents": "aligner.corpus.pairing:pair_documents",
    "run_batch": "aligner.corpus.batch:run_batch",
    "build_review": "aligner.review:build_review",
    "review_alignment": "aligner.review:review_alignment",
    "render_review": "aligner.review:render_review",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .align.evaluate import evaluate_files
    from .align.scores import document_scores as score_alignment
    from .corpus.batch import run_batch
    from .corpus.pairing import pair_documents
    from .encoders import Encoder, EncoderOptions, get_encoder, register_encoder
    from .formats import WriteOptions, register_format, write_alignment
    from .pipeline import AlignRequest, align_files, align_sentences, resolve_config, run_align
    from .qa import check_file, register_check, run_checks
    from .review import build_review, render_review, review_alignment
    from .tmx.profiles import register_profile
    from .tmx.reader import iter_units as iter_tmx_units
    from .tmx.tools import validate as validate_tmx
    from .tmx.writer import write_tmx


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULTS", "PAIR_DEFAULTS", "QA_DEFAULTS", "AlignConfig", "AlignerError", "Alignment", "Bead",
    "ConfigError", "Document", "Dropped", "EncoderError", "InputError", "LanguageError", "OutputError",
    "PairConfig", "QAConfig", "Sentence", "Signature", "TMXError", "__version__", "align_files",
    "align_sentences", "resolve_config", "run_align", "AlignRequest", "write_alignment", "WriteOptions",
    "register_format", "Encoder", "EncoderOptions", "get_encoder", "register_encoder", "run_checks",
    "check_file", "register_check", "write_tmx", "iter_tmx_units", "validate_tmx", "register_profile",
    "score_alignment", "evaluate_files", "pair_documents", "run_batch", "build_review", "review_alignment",
    "render_review",
]
