"""Keeping only confident units at align time (``--min-confidence``): the units below the
threshold are written to a side file, never silently lost."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..errors import ConfigError
from ..models import Alignment


def check_threshold(value: float) -> float:
    """*value* when it is a confidence in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ConfigError(f"--min-confidence {value}: give a confidence between 0 and 1, e.g. 0.8")
    return value


def low_confidence_path(output: str | os.PathLike[str] | None, low_output: str | None) -> str:
    """Where the units below the threshold go: *low_output*, else ``NAME.low-confidence.EXT``
    beside *output*; an error when there is neither (output on stdout)."""
    if low_output:
        return low_output
    if output is None:
        raise ConfigError("--min-confidence needs a file for the units below it: give -o FILE "
                          "(they go to FILE's name + .low-confidence) or --low-confidence-out FILE")
    p = Path(output)
    return str(p.with_name(f"{p.stem}.low-confidence{p.suffix}"))


def split_by_confidence(alignment: Alignment, threshold: float) -> tuple[Alignment, Alignment]:
    """(*alignment* without its units below *threshold*, an alignment of those units only).

    Unaligned sentences and the dropped lines stay with the first; the sentences are
    shared, so indexes mean the same in both.
    """
    kept = [b for b in alignment.beads if b.is_null or b.confidence >= threshold]
    low = [b for b in alignment.beads if not b.is_null and b.confidence < threshold]
    return (dataclasses.replace(alignment, beads=kept),
            dataclasses.replace(alignment, beads=low, src_dropped=(), tgt_dropped=()))
