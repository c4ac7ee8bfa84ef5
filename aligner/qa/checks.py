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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from ..align.scores import length_deviation
from ..lang import fr, script_shares
from ..lang.clitics import contains_term
from ..lang.datelines import has_dateline, without_dateline
from ..lang.entities import french_names, latin_words_in_arabic, month_mentions, month_words, weekdays
from ..lang.translit import arabic_skeleton
from .base import Context, Finding, QAUnit, is_pair, memory_check, unit_check
from .name_checks import name_findings, unexplained_transliterations
from .number_checks import number_findings
from .text_checks import (
    acronym_adjusted_deviation,
    acronym_findings,
    copied_source_run,
    ends_on_non_final_word,
    glued,
    glued_words,
    unglue,
)


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(values)


@unit_check("empty-target", "error")
def empty_target(u: QAUnit, ctx: Context) -> Iterator[str]:
    """The target segment is empty."""
    if u.src.strip() and not u.tgt.strip() and u.confidence is None:
        yield "the target is empty"


@unit_check("untranslated", "error")
def untranslated(u: QAUnit, ctx: Context) -> Iterator[str | tuple[str, str]]:
    """The target is a copy of the source, or is not in Arabic script (error); part of the
    source is left in French inside the Arabic (warning)."""
    if not is_pair(u):
        return
    if _norm(u.src) == _norm(u.tgt):
        yield "the target is the same text as the source"
        return
    shares = script_shares(u.tgt)
    if shares["latin"] > 0.5 and len(u.tgt) > 10:
        yield f"the target is {shares['latin']:.0%} Latin script: not translated into Arabic"
    elif (run := copied_source_run(u.src, u.tgt)) is not None:
        yield "warning", f"part of the source is left in French in the target: «{run if len(run) <= 60 else run[:60] + '…'}»"


Graded = tuple[str, str]


def _glue_aware(findings: Callable[[QAUnit], Iterable[Graded]], u: QAUnit, ctx: Context) -> Iterator[Graded]:
    """*findings* of *u*, where a warning or error that goes away once the target's glued words
    (:func:`~aligner.qa.text_checks.glued`, reported by ``missing-space``) are read apart is
    a note: its evidence is inside a token that looks like words glued together. What is left
    of it once they are read apart (another number of the same message) keeps its severity."""
    found = list(findings(u))
    tokens = glued(u.tgt, u.src, ctx.cfg) if any(sev != "info" for sev, _ in found) else []
    if not tokens:
        yield from found
        return
    read_apart = list(findings(replace(u, tgt=unglue(u.tgt, tokens))))
    gone = [f for f in found if f[0] != "info" and f not in read_apart]
    note = "; ".join(f"{g.token} looks like words glued together: {g.split}" for g in tokens[:3])
    for sev, msg in found:
        yield ("info", f"{msg} ({note})") if (sev, msg) in gone else (sev, msg)
    heads = {msg.split(":")[0] for _, msg in gone}
    for sev, msg in read_apart:  # the rest of a finding that went away (number missing: 6, 12 → 12)
        if sev != "info" and (sev, msg) not in found and msg.split(":")[0] in heads:
            yield sev, msg


@lru_cache(maxsize=4096)  # asked by six checks and the name pre-pass for each unit
def lone_dateline(u: QAUnit) -> tuple[QAUnit, str, str]:
    """*u* without a dateline that one side opens with and the other lacks, that dateline and
    the side it is on (``source``/``target``); *u* itself, "" and "" otherwise.

    A dateline (``Rabat, 5 déc. (MAP) –``, :mod:`aligner.lang.datelines`) belongs to one
    edition of a story: its place and date are compared with the other side's dateline only.
    Kept when nothing would remain of its side (a dateline paired with a sentence is a
    misalignment, which the checks should see), and when the other side has a dateline
    further on (after page chrome glued in front)."""
    src_line, src_rest = without_dateline(u.src, "fr")
    tgt_line, tgt_rest = without_dateline(u.tgt, "ar")
    if src_line and not tgt_line and src_rest.strip() and not has_dateline(u.tgt, "ar"):
        return replace(u, src=src_rest), src_line, "source"
    if tgt_line and not src_line and tgt_rest.strip() and not has_dateline(u.src, "fr"):
        return replace(u, tgt=tgt_rest), tgt_line, "target"
    return u, "", ""


@unit_check("dateline", "info")
def dateline_one_side(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A news dateline (place, date, agency) opens one side only: its place and date are not
    compared with the other side's text."""
    if is_pair(u):
        _, line, side = lone_dateline(u)
        if line:
            yield f"dateline only in the {side}: «{line}»"


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
    if is_pair(u):
        yield from _glue_aware(lambda v: number_findings(v.src, v.tgt), lone_dateline(u)[0], ctx)


@unit_check("date", "error")
def date_mismatch(u: QAUnit, ctx: Context) -> Iterator[tuple[str, str]]:
    """A month or weekday differs (error) or is on one side only (warning); French,
    Maghreb and Mashriq Arabic names."""
    if is_pair(u):
        yield from _glue_aware(_date_findings, lone_dateline(u)[0], ctx)


def _date_findings(u: QAUnit) -> Iterator[tuple[str, str]]:
    src, tgt = month_mentions(u.src, "fr"), month_mentions(u.tgt, "ar")
    src_any, tgt_any = month_mentions(u.src, "fr", False), month_mentions(u.tgt, "ar", False)
    missing = [f"{w} ({k})" for k, w in sorted(src.items()) if k not in tgt_any]
    added = [f"{w} ({k})" for k, w in sorted(tgt.items()) if k not in src_any]
    yield from _graded("month", missing, added)
    if not (missing or added):
        # a month without a day ("en mars" ↔ «في مايو»): reported only when one side names a
        # month that the other, which names months, does not (changed: error; else a warning)
        src_words, tgt_words = month_words(u.src, "fr"), month_words(u.tgt, "ar")
        only_src = [f"{w} ({k})" for k, w in sorted(src_words.items()) if k not in tgt_any]
        only_tgt = [f"{w} ({k})" for k, w in sorted(tgt_words.items()) if k not in src_any]
        if (only_tgt and src_words) or (only_src and tgt_words):
            # a month one side never names, where that side does name months
            yield from _graded("month", only_src, only_tgt)
    a, b = weekdays(u.src, "fr"), weekdays(u.tgt, "ar")
    yield from _graded("weekday", [str(v) for v in sorted(a - b)], [str(v) for v in sorted(b - a)])


def _graded(kind: str, only_src: list[str], only_tgt: list[str]) -> Iterator[tuple[str, str]]:
    """Changed on both sides: error; on one side only: warning."""
    for msg in _differences(kind, only_src, only_tgt):
        yield ("error" if only_src and only_tgt else "warning"), msg


@unit_check("name", "warning")
def name_missing(u: QAUnit, ctx: Context) -> Iterator[tuple[str, str]]:
    """A name (person, place, organisation) has no transliterated counterpart (warning; info
    where a translated title, a dropped first name or another spelling explains it)."""
    if is_pair(u):
        throughout = ctx.never_rendered
        yield from _glue_aware(lambda v: name_findings(v.src, v.tgt, ctx.common_words, bool(glued_words(v.tgt)), ctx.cfg,
                                                       throughout), lone_dateline(u)[0], ctx)


@unit_check("added", "info")
def added_content(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A name in the target with no counterpart in the source: a transliterated name or a
    Latin-script word (numbers and dates added are reported by their own checks)."""
    if not is_pair(u):
        return
    u = lone_dateline(u)[0]
    extra = [w for w in latin_words_in_arabic(u.tgt) if w.lower() not in u.src.lower()]
    if extra:
        yield f"Latin-script word in the target not in the source: {_fmt(extra)}"
    names = french_names(u.src, ctx.common_words) + re.findall(r"\b[A-Z][A-Za-z]{2,}", u.src)
    added = [w for w in unexplained_transliterations(u.src, u.tgt, names, any_word=True, cfg=ctx.cfg)
             if len(arabic_skeleton(w)) >= 3]
    if added:
        yield f"transliterated word in the target with no counterpart in the source: {_fmt(added[:5])}"


@unit_check("acronym", "info")
def acronym(u: QAUnit, ctx: Context) -> Iterator[tuple[str, str]]:
    """A known acronym (ONU, OMS, OTAN…) not rendered in the target (info), or rendered as
    another organisation (warning)."""
    if is_pair(u):
        yield from acronym_findings(u.src, u.tgt)


@unit_check("missing-space", "info")
def missing_space(u: QAUnit, ctx: Context) -> Iterator[str]:
    """Two words or sentences glued together (a missing space) in the source or the target."""
    for side, found in (("source", glued_words(u.src)), ("target", glued_words(u.tgt, u.src, ctx.cfg))):
        if found:
            yield f"missing space in the {side}: {_fmt(found[:5])}"


@unit_check("omission", "warning")
def omission(u: QAUnit, ctx: Context) -> Iterator[str]:
    """A sentence with content was left unaligned (no counterpart on the other side)."""
    if u.confidence is None or is_pair(u):
        return
    side, text, kind = ("source", u.src, u.src_kind) if u.src.strip() else ("target", u.tgt, u.tgt_kind)
    if kind == "sentence" and len(text.strip()) >= ctx.cfg.omission_min_chars:
        yield f"{side} sentence has no counterpart (before unit {u.index}): {text[:80]}"


def _ends_sentence(tgt: str, src: str) -> bool:
    return tgt.rstrip()[-1:] in ".!?؟…»\"”);؛" or (tgt.rstrip()[-1:] == ":" and src.rstrip()[-1:] == ":")


def unpunctuated_end(u: QAUnit) -> bool:
    """A pair whose source ends a sentence of 40 characters or more and whose target stops
    without final punctuation (nor a number): the units the truncation check weighs."""
    return (is_pair(u) and len(u.src) >= 40 and u.src.rstrip()[-1:] in ".!?…»\"”)"
            and not _ends_sentence(u.tgt, u.src) and not u.tgt.rstrip()[-1:].isdigit())


@unit_check("truncated", "warning")
def truncated(u: QAUnit, ctx: Context) -> Iterator[str | tuple[str, str]]:
    """The target stops mid-sentence: on a word that cannot end one, or without final
    punctuation (where the source has it) and shorter than expected."""
    if not is_pair(u) or len(u.src) < 20:
        return
    tgt_end = _ends_sentence(u.tgt, u.src)
    # A missing full stop alone is style; with a short target it is a cut. Acronyms of the
    # source that the target spells out make it longer: they are counted at their Arabic length.
    dev = acronym_adjusted_deviation(u.src, u.tgt, ctx.length_ratio)
    last = ends_on_non_final_word(u.tgt)
    if last and not tgt_end:
        yield f"the target ends on '{last}', which cannot end a sentence: the rest is missing"
    elif unpunctuated_end(u):
        # Professional Arabic often drops the final stop: a warning only when clearly short,
        # or when the target renders the start of the source better than the whole of it.
        if dev < ctx.cfg.truncated_much_shorter:
            yield "warning", "the target stops without final punctuation: part of it may be missing"
        elif ctx.meaning is not None and ctx.meaning.gain(u.src, u.tgt) > ctx.cfg.truncated_meaning:
            yield "warning", ("the target stops without final punctuation and renders the start of the "
                              "source better than the whole: the rest may be missing")
        elif dev < ctx.cfg.truncated_shorter:
            yield "info", "the target stops without final punctuation: part of it may be missing"


@unit_check("length", "warning")
def length_outlier(u: QAUnit, ctx: Context) -> Iterator[tuple[str, str]]:
    """The target is much shorter or longer than the source usually is (info; warning when
    less than a third of the expected length)."""
    if not is_pair(u):
        return
    u = lone_dateline(u)[0]
    if len(u.src) < ctx.cfg.length_min_chars:
        return
    dev = length_deviation(u.src, u.tgt, ctx.length_ratio)
    if dev < -ctx.cfg.length_limit or dev > ctx.cfg.long_limit:
        word = "short" if dev < 0 else "long"
        # Concise and glossed translations are common: a warning only when less than a third is left.
        severity = "warning" if dev < -ctx.cfg.length_very_short else "info"
        yield severity, (f"the target is {word}: {len(u.tgt)} characters for {len(u.src)} "
                         f"(expected about {ctx.length_ratio * len(u.src):.0f})")


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
    for term, renderings in ctx.glossary.terms.items():
        if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", u.src, re.I):
            if not any(contains_term(u.tgt, r) for r in renderings):
                yield f"'{term}' should be rendered as {' / '.join(renderings)}"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


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
