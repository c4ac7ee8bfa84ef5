"""The translation-QA checks: each a small function made a :class:`~aligner.qa.base.Check`
by :func:`~aligner.qa.base.unit_check` or :func:`~aligner.qa.base.memory_check`.

Each is named once in :mod:`aligner.qa.registry`. Its docstring's first line is its
explanation; its thresholds are fields of :class:`~aligner.config.QAConfig` (``ctx.cfg``).
Language rules live in ``aligner/lang``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from ..align.scores import length_deviation
from ..lang import ar, fr, script_shares
from ..lang.entities import french_names, latin_words_in_arabic, months, weekdays
from ..lang.translit import arabic_skeletons, name_in_arabic
from .base import Context, Finding, QAUnit, is_pair, memory_check, unit_check
from .number_checks import number_findings


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(values)


@unit_check("empty-target", "error")
def empty_target(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target segment is empty."""
    if u.src.strip() and not u.tgt.strip() and u.confidence is None:
        yield "the target is empty"


@unit_check("untranslated", "error")
def untranslated(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target is a copy of the source, or is not in Arabic script."""
    if not is_pair(u):
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


@unit_check("number", "error")
def number_mismatch(u: QAUnit, ctx: Context) -> Iterator[str | tuple[str, str]]:
    """A number changed (error: a number on each side, different values), missing or added
    (warning); a unit converted or 50 % written as a half (info)."""
    if not is_pair(u):
        return
    yield from number_findings(u.src, u.tgt)


@unit_check("date", "error")
def date_mismatch(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A month or weekday differs or is missing (French; Maghreb and Mashriq Arabic names)."""
    if not is_pair(u):
        return
    for kind, extract in (("month", months), ("weekday", weekdays)):
        a, b = extract(u.src, "fr"), extract(u.tgt, "ar")
        yield from _differences(kind, [str(v) for v in sorted(a - b)], [str(v) for v in sorted(b - a)])


@unit_check("name", "warning")
def name_missing(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A name (person, place, organisation) has no transliterated counterpart."""
    if not is_pair(u):
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


@unit_check("omission", "warning")
def omission(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A sentence with content was left unaligned (no counterpart on the other side)."""
    if u.confidence is None or is_pair(u):
        return
    side, text, kind = ("source", u.src, u.src_kind) if u.src.strip() else ("target", u.tgt, u.tgt_kind)
    if kind == "sentence" and len(text.strip()) >= ctx.cfg.omission_min_chars:
        yield f"{side} sentence has no counterpart: {text[:80]}"


@unit_check("truncated", "warning")
def truncated(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target stops mid-sentence: on a word that cannot end one, or without final
    punctuation (where the source has it) and shorter than expected."""
    if not is_pair(u) or len(u.src) < 20:
        return
    src_end = u.src.rstrip()[-1:] in ".!?…»\"”)"
    tgt_end = u.tgt.rstrip()[-1:] in ".!?؟…»\"”);؛:"
    # A missing full stop alone is style; with a short target it is a cut.
    short = length_deviation(u.src, u.tgt, ctx.length_ratio) < ctx.cfg.truncated_shorter
    words = u.tgt.split()
    last = words[-1].strip(".,،؛;:!?؟»\"”)") if words else ""
    if last in ar.NON_FINAL and not tgt_end:
        yield f"the target ends on '{last}', which cannot end a sentence: the rest is missing"
    elif len(u.src) >= 40 and src_end and not tgt_end and short and not u.tgt.rstrip()[-1:].isdigit():
        yield "the target stops without final punctuation: part of it may be missing"


@unit_check("length", "warning")
def length_outlier(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target is much shorter or longer than the source usually is."""
    if not is_pair(u) or len(u.src) < ctx.cfg.length_min_chars:
        return
    dev = length_deviation(u.src, u.tgt, ctx.length_ratio)
    if dev < -ctx.cfg.length_limit or dev > ctx.cfg.long_limit:
        word = "short" if dev < 0 else "long"
        yield f"the target is {word}: {len(u.tgt)} characters for {len(u.src)} (expected about {ctx.length_ratio * len(u.src):.0f})"


@unit_check("low-confidence", "warning")
def low_confidence(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The aligner is not confident that the two sides correspond."""
    if is_pair(u) and u.confidence is not None and u.confidence < ctx.cfg.low_confidence:
        yield f"alignment confidence {u.confidence:.2f} is below {ctx.cfg.low_confidence:g}"


@unit_check("punctuation", "info")
def punctuation(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A question mark or semicolon does not carry over (? ↔ ؟, ; ↔ ؛)."""
    if not is_pair(u):
        return
    for latin, arabic in fr.PUNCTUATION.items():
        if latin == ",":
            continue  # commas are restructured too freely to compare
        if (latin in u.src) != (arabic in u.tgt or latin in u.tgt):
            side = "source" if latin in u.src else "target"
            yield f"'{latin}' / '{arabic}' only in the {side}"


@unit_check("glossary", "warning")
def glossary_term(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A glossary term's accepted Arabic rendering is missing."""
    if not is_pair(u) or ctx.glossary is None:
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


@memory_check("inconsistency", "warning")
def inconsistency(units: Sequence[QAUnit], ctx: Context) -> Iterator[Finding]:
    """The same French segment has different Arabic segments across the memory."""
    seen: dict[str, list[QAUnit]] = defaultdict(list)
    for u in units:
        if is_pair(u):
            seen[_norm(u.src)].append(u)
    for group in seen.values():
        targets = {_norm(u.tgt) for u in group}
        if len(targets) > 1:
            for u in group[1:]:
                if _norm(u.tgt) != _norm(group[0].tgt):
                    yield Finding(u.index, "inconsistency", "warning",
                                  f"same source as unit {group[0].index} but a different target")
