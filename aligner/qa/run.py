"""Running the QA checks over a memory: units from a TMX or our JSONL, the report.

Unaligned sentences are units too (an empty side); units are numbered as in the TMX of
the same alignment (aligned pairs 0, 1, 2…), an unaligned sentence taking the number of
the pair after it; see :func:`units_from_records`.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..align.scores import FR_AR_LENGTH_RATIO, length_deviation
from ..config import QA_DEFAULTS, QAConfig
from ..errors import InputError
from ..io.records import BeadRecord
from .base import SEVERITIES, Context, Finding, QAUnit, is_pair
from .checks import lone_dateline, unpunctuated_end
from .glossary import Glossary
from .meaning import default_meaning
from .name_checks import never_rendered
from .registry import QA_CHECKS


@dataclass
class QAReport:
    """Units with their scores, and findings sorted by unit."""

    units: list[QAUnit]
    findings: list[Finding]
    length_ratio: float
    signature: str = ""

    def counts(self) -> dict[str, int]:
        """How many findings of each severity (error, warning, info)."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def unit_records(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for u in self.units:
            rec: dict[str, object] = {"index": u.index, "source": u.src, "target": u.tgt,
                                      "confidence": u.confidence}
            rec["length_deviation"] = round(length_deviation(u.src, u.tgt, self.length_ratio), 4) if is_pair(u) else None
            rec["unaligned"] = not is_pair(u)
            out.append(rec)
        return out


_WORD = re.compile(r"[^\W\d_]+", re.U)


def _lowercase_words(units: list[QAUnit]) -> set[str]:
    """Words the memory's sources write in lower case more often than capitalised
    inside a sentence: common words, not names ("internet" is, "Internet" mostly is not)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for u in units:
        for m in _WORD.finditer(u.src):
            w = m.group(0)
            if w.islower():
                lower[w] += 1
            elif w[:1].isupper() and w[1:].islower() and m.start() > 0 and u.src[max(0, m.start() - 8):m.start()].rstrip()[-1:] not in ".!?:;«\"(…":
                capital[w.lower()] += 1
    return {w for w, n in lower.items() if n > capital[w]}


def run_checks(units: list[QAUnit], glossary: Glossary | None = None,
               only: Iterable[str] | None = None, qcfg: QAConfig = QA_DEFAULTS) -> QAReport:
    """Run every registered check (or those named in *only*) over *units*."""
    ratios = [len(u.tgt) / len(u.src) for u in units if is_pair(u) and len(u.src) >= 20]
    ratio = statistics.median(ratios) if len(ratios) >= 20 else FR_AR_LENGTH_RATIO
    names = list(only) if only else QA_CHECKS.names()
    meaning = default_meaning(qcfg.meaning_encoder) if qcfg.meaning_on and "truncated" in names else None
    if meaning is not None:  # one encoder call per side for every unit the truncation check may weigh
        meaning.prime([(u.src, u.tgt) for u in units if unpunctuated_end(u)])
    common = _lowercase_words(units)
    pairs = [lone_dateline(u)[0] for u in units if is_pair(u)] if "name" in names else []
    ctx = Context(ratio, glossary, common, qcfg, meaning, never_rendered(((u.src, u.tgt) for u in pairs), common, qcfg))
    findings: list[Finding] = []
    for name in names:
        findings.extend(QA_CHECKS.get(name).run(units, ctx))
    findings.sort(key=lambda f: (f.unit, SEVERITIES.index(f.severity), f.check))
    return QAReport(units, findings, ratio, qcfg.signature("all" if not only else ",".join(names)).format())


def load_units(path: str | os.PathLike[str]) -> list[QAUnit]:
    """Units of a TMX (in order) or of our JSONL (beads, unaligned sentences included)."""
    from ..io.guarded import MAX_BYTES, open_input

    p = Path(path)
    # QA holds every unit in memory (the consistency check compares them all): the limit of an input read whole.
    open_input(p, "a .tmx or a .jsonl written by `aligner align` (split a big TMX with `aligner tmx split`)",
               MAX_BYTES).close()
    if p.suffix.lower() == ".tmx":
        from ..tmx.reader import iter_units
        from ..tmx.tools import languages_of
        from ..tmx.writer import parse_score

        src, tgt = languages_of(p)
        out = []
        for unit in iter_units(p):
            s, t = unit.text(src) or "", unit.text(tgt) or ""
            out.append(QAUnit(unit.index, s, t, parse_score(unit.props.get("x-align-score"))))
        return out
    if p.suffix.lower() == ".jsonl":
        from ..io.records import read_beads

        units = units_from_records(read_beads(p))
        if not units:
            raise InputError(f"{path}: holds no aligned units; give a .jsonl written by `aligner align`")
        return units
    if p.suffix.lower() == ".tsv":
        raise InputError(f"{path}: QA reads a .tmx or a .jsonl, not a TSV; convert it with `aligner tmx convert "
                         f"{path} -o {p.with_suffix('.tmx')}`, or align again with -o FILE.jsonl (which also "
                         "keeps the unaligned sentences)")
    raise InputError(f"{path}: give a .tmx or a .jsonl written by `aligner align` (e.g. "
                     "`aligner align FR AR -o pairs.jsonl`)")


def units_from_records(records: Iterable[BeadRecord]) -> list[QAUnit]:
    """QA units from bead records of our JSONL (unaligned sentences included), in order.

    Units are numbered as in the TMX that ``aligner align`` writes: aligned pairs only,
    0, 1, 2…; an unaligned sentence takes the number of the pair that follows it."""
    out: list[QAUnit] = []
    paired = 0
    for rec in records:
        conf = rec.confidence
        if conf is None and "x-align-score" in rec.props:
            from ..tmx.writer import parse_score

            conf = parse_score(rec.props["x-align-score"])
        out.append(QAUnit(paired, rec.source, rec.target, conf, rec.kind_of("src"), rec.kind_of("tgt")))
        paired += rec.is_pair
    return out


def flagged_units(path: str | os.PathLike[str], qcfg: QAConfig = QA_DEFAULTS) -> set[int]:
    """Indexes of the units with an error or a warning."""
    report = run_checks(load_units(path), qcfg=qcfg)
    return {f.unit for f in report.findings if f.severity in ("error", "warning")}


def check_file(path: str | os.PathLike[str], glossary: str | os.PathLike[str] | None = None,
               qcfg: QAConfig = QA_DEFAULTS) -> QAReport:
    """``aligner qa``: every check over the units of a TMX or our JSONL, with an optional glossary."""
    return run_checks(load_units(path), Glossary.read(glossary) if glossary else None, qcfg=qcfg)
