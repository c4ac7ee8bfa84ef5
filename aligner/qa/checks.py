"""Translation QA: small registered checks over aligned units.

Each check is a function registered with :func:`check`, a name and a
severity; its docstring's first line is its explanation. A check looks at one
unit (source, target, confidence) and yields messages; memory-wide checks
(inconsistency) look at all units. Language rules live in ``aligner/lang``.
"""

from __future__ import annotations

import csv
import os
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..align.scores import FR_AR_LENGTH_RATIO, length_deviation
from ..errors import InputError
from ..lang import ar, fr, script_shares
from ..lang.entities import french_names, latin_words_in_arabic, months, weekdays
from ..lang.translit import arabic_skeletons, name_in_arabic
from .number_checks import number_findings

SEVERITIES = ("error", "warning", "info")
LOW_CONFIDENCE = 0.3
LENGTH_LIMIT = 0.55  # log ratio below -this (a target 1.73 times too short) is an outlier
LONG_LIMIT = 0.85  # above this (2.3 times too long): Arabic spells out acronyms and adds glosses
LENGTH_MIN_CHARS = 40  # shorter sources vary too much to judge
OMISSION_MIN_CHARS = 25
TRUNCATED_SHORTER = -0.15  # log length ratio under which a target without final stop counts as cut


@dataclass(frozen=True)
class QAUnit:
    """One unit to check; an empty side means an unaligned sentence."""

    index: int
    src: str
    tgt: str
    confidence: float | None = None
    src_kind: str = "sentence"
    tgt_kind: str = "sentence"


@dataclass(frozen=True)
class Finding:
    """A problem found in a unit."""

    unit: int
    check: str
    severity: str
    message: str


@dataclass
class Glossary:
    """French terms and their accepted Arabic renderings."""

    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Glossary:
        """CSV: French term, then one or more accepted renderings (columns or ``|``-separated)."""
        import io

        from ..io.guarded import read_text

        text = read_text(path, "a glossary CSV of French term, Arabic renderings")
        terms: dict[str, tuple[str, ...]] = {}
        with io.StringIO(text, newline="") as fh:
            for number, row in enumerate(csv.reader(fh), start=1):
                if not row or not row[0].strip() or row[0].startswith("#"):
                    continue
                renderings = tuple(r.strip() for cell in row[1:] for r in cell.split("|") if r.strip())
                if not renderings:
                    raise InputError(f"{path}, line {number}: term {row[0]!r} has no Arabic rendering")
                terms[row[0].strip()] = renderings
        if not terms:
            raise InputError(f"{path}: holds no terms; give a CSV of French term, Arabic renderings")
        return cls(terms)


@dataclass
class Context:
    """What the unit checks may need besides the unit."""

    length_ratio: float = FR_AR_LENGTH_RATIO
    glossary: Glossary | None = None
    common_words: set[str] = field(default_factory=set)  # seen lower-case in the sources


#: A unit check yields messages at its severity, or (severity, message) pairs.
UnitCheck = Callable[[QAUnit, Context], Iterable[str | tuple[str, str]]]


@dataclass(frozen=True)
class Check:
    """A registered check."""

    name: str
    severity: str
    explanation: str
    func: UnitCheck


CHECKS: dict[str, Check] = {}


def check(name: str, severity: str) -> Callable[[UnitCheck], UnitCheck]:
    """Register a unit check; its docstring's first line explains it."""

    def deco(func: UnitCheck) -> UnitCheck:
        doc = (func.__doc__ or name).strip().splitlines()[0]
        CHECKS[name] = Check(name, severity, doc, func)
        return func

    return deco


def _is_pair(u: QAUnit) -> bool:
    return bool(u.src.strip()) and bool(u.tgt.strip())


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(values)


@check("empty-target", "error")
def empty_target(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target segment is empty."""
    if u.src.strip() and not u.tgt.strip() and u.confidence is None:
        yield "the target is empty"


@check("untranslated", "error")
def untranslated(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target is a copy of the source, or is not in Arabic script."""
    if not _is_pair(u):
        return
    if _norm(u.src) == _norm(u.tgt):
        yield "the target is the same text as the source"
        return
    shares = script_shares(u.tgt)
    if shares["latin"] > 0.5 and len(u.tgt) > 10:
        yield f"the target is {shares['latin']:.0%} Latin script: not translated into Arabic"


def _differences(kind: str, only_src: list[str], only_tgt: list[str]) -> Iterator[str]:
    """One message: changed (both sides differ), missing in the target, or added."""
    if only_src and only_tgt:
        yield f"{kind} changed: {_fmt(only_src)} in the source, {_fmt(only_tgt)} in the target"
    elif only_src:
        yield f"{kind} missing in the target: {_fmt(only_src)}"
    elif only_tgt:
        yield f"{kind} added in the target: {_fmt(only_tgt)}"


@check("number", "error")
def number_mismatch(u: QAUnit, ctx: Context) -> Iterator[str | tuple[str, str]]:
    """A number changed (error: a number on each side, different values), missing or added
    (warning); a unit converted or 50 % written as a half (info)."""
    if not _is_pair(u):
        return
    yield from number_findings(u.src, u.tgt)


@check("date", "error")
def date_mismatch(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A month or weekday differs or is missing (French; Maghreb and Mashriq Arabic names)."""
    if not _is_pair(u):
        return
    for kind, extract in (("month", months), ("weekday", weekdays)):
        a, b = extract(u.src, "fr"), extract(u.tgt, "ar")
        yield from _differences(kind, [str(v) for v in sorted(a - b)], [str(v) for v in sorted(b - a)])


@check("name", "warning")
def name_missing(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A name (person, place, organisation) has no transliterated counterpart."""
    if not _is_pair(u):
        return
    skeletons = arabic_skeletons(u.tgt)
    names = dict.fromkeys(french_names(u.src, ctx.common_words))
    missing = [n for n in names if not name_in_arabic(n, u.tgt, skeletons)]
    if len(missing) > 1 and name_in_arabic("".join(missing), u.tgt, skeletons):
        missing = []  # a name of several words written as one (New York ↔ نيويورك)
    if missing:
        yield f"name not found in the target: {_fmt(missing)}"
    extra = [w for w in latin_words_in_arabic(u.tgt) if w.lower() not in u.src.lower()]
    if extra:
        yield f"Latin-script word in the target not in the source: {_fmt(extra)}"


@check("omission", "warning")
def omission(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A sentence with content was left unaligned (no counterpart on the other side)."""
    if u.confidence is None or _is_pair(u):
        return
    side, text, kind = ("source", u.src, u.src_kind) if u.src.strip() else ("target", u.tgt, u.tgt_kind)
    if kind == "sentence" and len(text.strip()) >= OMISSION_MIN_CHARS:
        yield f"{side} sentence has no counterpart: {text[:80]}"


@check("truncated", "warning")
def truncated(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target stops mid-sentence: on a word that cannot end one, or without final
    punctuation (where the source has it) and shorter than expected."""
    if not _is_pair(u) or len(u.src) < 20:
        return
    src_end = u.src.rstrip()[-1:] in ".!?…»\"”)"
    tgt_end = u.tgt.rstrip()[-1:] in ".!?؟…»\"”);؛:"
    # A missing full stop alone is style; with a short target it is a cut.
    short = length_deviation(u.src, u.tgt, ctx.length_ratio) < TRUNCATED_SHORTER
    words = u.tgt.split()
    last = words[-1].strip(".,،؛;:!?؟»\"”)") if words else ""
    if last in ar.NON_FINAL and not tgt_end:
        yield f"the target ends on '{last}', which cannot end a sentence: the rest is missing"
    elif len(u.src) >= 40 and src_end and not tgt_end and short and not u.tgt.rstrip()[-1:].isdigit():
        yield "the target stops without final punctuation: part of it may be missing"


@check("length", "warning")
def length_outlier(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target is much shorter or longer than the source usually is."""
    if not _is_pair(u) or len(u.src) < LENGTH_MIN_CHARS:
        return
    dev = length_deviation(u.src, u.tgt, ctx.length_ratio)
    if dev < -LENGTH_LIMIT or dev > LONG_LIMIT:
        word = "short" if dev < 0 else "long"
        yield f"the target is {word}: {len(u.tgt)} characters for {len(u.src)} (expected about {ctx.length_ratio * len(u.src):.0f})"


@check("low-confidence", "warning")
def low_confidence(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The aligner is not confident that the two sides correspond."""
    if _is_pair(u) and u.confidence is not None and u.confidence < LOW_CONFIDENCE:
        yield f"alignment confidence {u.confidence:.2f} is below {LOW_CONFIDENCE}"


@check("punctuation", "info")
def punctuation(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A question mark or semicolon does not carry over (? ↔ ؟, ; ↔ ؛)."""
    if not _is_pair(u):
        return
    for latin, arabic in fr.PUNCTUATION.items():
        if latin == ",":
            continue  # commas are restructured too freely to compare
        if (latin in u.src) != (arabic in u.tgt or latin in u.tgt):
            side = "source" if latin in u.src else "target"
            yield f"'{latin}' / '{arabic}' only in the {side}"


@check("glossary", "warning")
def glossary_term(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A glossary term's accepted Arabic rendering is missing."""
    if not _is_pair(u) or ctx.glossary is None:
        return
    target = _norm_ar(u.tgt)
    for term, renderings in ctx.glossary.terms.items():
        if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", u.src, re.I):
            if not any(_norm_ar(r) in target for r in renderings):
                yield f"'{term}' should be rendered as {' / '.join(renderings)}"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _norm_ar(text: str) -> str:
    text = re.sub("[\u064b-\u065f\u0670\u0640]", "", text)
    return text.translate(str.maketrans("أإآىة", "اايىه"))


def inconsistency(units: list[QAUnit]) -> Iterator[Finding]:
    """The same French segment has different Arabic segments across the memory."""
    seen: dict[str, list[QAUnit]] = defaultdict(list)
    for u in units:
        if _is_pair(u):
            seen[_norm(u.src)].append(u)
    for group in seen.values():
        targets = {_norm(u.tgt) for u in group}
        if len(targets) > 1:
            for u in group[1:]:
                if _norm(u.tgt) != _norm(group[0].tgt):
                    yield Finding(u.index, "inconsistency", "warning",
                                  f"same source as unit {group[0].index} but a different target")


INCONSISTENCY = Check("inconsistency", "warning",
                      "The same French segment has different Arabic segments across the memory.",
                      lambda u, c: ())


@dataclass
class QAReport:
    """Units with their scores, and findings sorted by unit."""

    units: list[QAUnit]
    findings: list[Finding]
    length_ratio: float

    def unit_records(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for u in self.units:
            rec: dict[str, object] = {"index": u.index, "source": u.src, "target": u.tgt,
                                      "confidence": u.confidence}
            rec["length_deviation"] = round(length_deviation(u.src, u.tgt, self.length_ratio), 4) if _is_pair(u) else None
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
               only: Iterable[str] | None = None) -> QAReport:
    """Run every registered check (or those named in *only*) over *units*."""
    ratios = [len(u.tgt) / len(u.src) for u in units if _is_pair(u) and len(u.src) >= 20]
    ratio = statistics.median(ratios) if len(ratios) >= 20 else FR_AR_LENGTH_RATIO
    ctx = Context(ratio, glossary, _lowercase_words(units))
    names = set(only) if only else set(CHECKS) | {"inconsistency"}
    findings: list[Finding] = []
    for u in units:
        for c in CHECKS.values():
            if c.name in names:
                for msg in c.func(u, ctx):
                    severity, text = msg if isinstance(msg, tuple) else (c.severity, msg)
                    findings.append(Finding(u.index, c.name, severity, text))
    if "inconsistency" in names:
        findings.extend(inconsistency(units))
    findings.sort(key=lambda f: (f.unit, SEVERITIES.index(f.severity), f.check))
    return QAReport(units, findings, ratio)


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
        from ..io.output import read_jsonl_beads

        units = units_from_records(read_jsonl_beads(p))
        if not units:
            raise InputError(f"{path}: holds no aligned units; give a .jsonl written by `aligner align`")
        return units
    raise InputError(f"{path}: give a .tmx or a .jsonl file")


def units_from_records(records: Iterable[dict[str, object]]) -> list[QAUnit]:
    """QA units from bead records of our JSONL (unaligned sentences included), in order."""
    out: list[QAUnit] = []
    for rec in records:
        ks, kt = rec.get("src_kinds"), rec.get("tgt_kinds")
        kinds_s = ks if isinstance(ks, list) and ks else ["sentence"]
        kinds_t = kt if isinstance(kt, list) and kt else ["sentence"]
        conf = rec.get("confidence")
        out.append(QAUnit(len(out), str(rec.get("source", "")), str(rec.get("target", "")),
                          float(conf) if isinstance(conf, int | float) else None,
                          str(kinds_s[0]), str(kinds_t[0])))
    return out


def flagged_units(path: str | os.PathLike[str]) -> set[int]:
    """Indexes of the units with an error or a warning."""
    report = run_checks(load_units(path))
    return {f.unit for f in report.findings if f.severity in ("error", "warning")}
