"""Alignment scoring in Vecalign's convention (after Sennrich & Volk 2011).

Precision is over every predicted bead with a non-empty side; recall over gold
beads with both sides non-empty (computed as precision with the roles swapped
and null beads removed); strict = exact bead, lax = the beads share a source
and a target sentence. Counts are pooled over all file pairs.
"""

from __future__ import annotations

import ast
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def parse_beads(text: str, name: str = "<beads>") -> list[BeadPair]:
    """Parse ``[0]:[0, 1]`` or ``[0]:[0, 1]:0.93`` lines (0-based indexes)."""
    beads: list[BeadPair] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            left, rest = line.split("]:", 1)
            right = rest.split("]", 1)[0]
            src = ast.literal_eval(left + "]")
            tgt = ast.literal_eval(right + "]")
            if not all(isinstance(v, int) for v in [*src, *tgt]):
                raise ValueError
        except (ValueError, SyntaxError):
            raise InputError(
                f"{name}, line {number}: not a bead such as '[0]:[0, 1]' or '[0]:[0]:0.9': "
                f"{line[:60]!r}"
            ) from None
        beads.append((tuple(src), tuple(tgt)))
    if not beads:
        raise InputError(f"{name}: holds no beads; give a beads file such as test0.defr")
    return beads


def read_beads(path: str | os.PathLike[str]) -> list[BeadPair]:
    """Read a beads file (Vecalign / Text+Berg gold format)."""
    from ..io.guarded import read_text

    return parse_beads(read_text(path, "a beads file such as test0.defr"), str(path))


def _counts(gold: Sequence[BeadPair], test: Sequence[BeadPair]) -> tuple[int, int, int, int]:
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    test_set = {(tuple(x), tuple(y)) for x, y in test if x or y}
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if x or y}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for s in gs:
            src_to_gold_tgt[s].update(gt)
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        targets: set[int] = set()
        for s in ts:
            targets |= src_to_gold_tgt[s]
        if targets.intersection(tt):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(golds: Sequence[Sequence[BeadPair]], tests: Sequence[Sequence[BeadPair]]) -> Scores:
    """Pooled strict/lax P/R/F1 over several (gold, prediction) file pairs."""
    if len(golds) != len(tests):
        raise InputError(f"{len(golds)} gold files but {len(tests)} predictions; give them in pairs")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=False):
        p = [u + v for u, v in zip(p, _counts(gold, test), strict=False)]
        test_full = [(x, y) for x, y in test if x and y]
        gold_full = [(x, y) for x, y in gold if x and y]
        r = [u + v for u, v in zip(r, _counts(test_full, gold_full), strict=False)]
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


@dataclass(frozen=True)
class Evaluation:
    """Scores of ``aligner eval`` and the signature of how they were computed."""

    scores: Scores
    signature: str


def evaluate_files(files: Sequence[str | os.PathLike[str]]) -> Evaluation:
    """Score ``GOLD PRED [GOLD PRED ...]`` bead files, pooled (Vecalign's convention)."""
    from ..config import eval_signature
    from ..errors import ConfigError

    if not files or len(files) % 2:
        raise ConfigError("give files in pairs: GOLD PRED [GOLD PRED ...]")
    golds = [read_beads(f) for f in files[0::2]]
    preds = [read_beads(f) for f in files[1::2]]
    return Evaluation(score(golds, preds), eval_signature(len(golds)).format())
