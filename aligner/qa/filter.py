"""``aligner tmx filter``: keep the units of a TMX that score high enough and pass the QA checks."""

from __future__ import annotations

import math
import os

from ..errors import ConfigError
from ..tmx.tools import filter_units
from ..tmx.writer import WriteReport, unit_score
from .run import flagged_units


def filter_tmx(input_path: str | os.PathLike[str], output: str | os.PathLike[str], min_score: float = 0.0,
               drop_flagged: bool = False) -> WriteReport:
    """Keep the units scoring at least *min_score* and, with *drop_flagged*, without a QA error or warning."""
    from ..io.atomic import check_outputs

    if not math.isfinite(min_score):
        raise ConfigError(f"--min-score {min_score}: give a finite number, e.g. 0.5")
    check_outputs([output], [input_path])
    flagged: set[int] = set()
    if drop_flagged:
        flagged = flagged_units(input_path)
    return filter_units(input_path, output, lambda i, u: unit_score(u) >= min_score and i not in flagged)
