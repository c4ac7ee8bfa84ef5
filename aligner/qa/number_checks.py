"""The number check's findings, with their severity.

Error only where the evidence is near-certain: a number on each side and
different values. A number on one side only is a warning (it may have been
written in words the reader missed); adaptations are notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lang.number_compare import compare_numbers
from ..lang.numbers import Number, numbers, same_value


def _fmt(values: list[str]) -> str:
    return ", ".join(values)


def _ranks(words: list[Number]) -> list[Number]:
    """Ordinals and Roman numerals (a rank: «14e», «quatorzième», «XIXe»), 2 or more."""
    return [w for w in words if w.kind in ("ordinal", "roman") and min(w.values) >= 2]


def _counts(words: list[Number]) -> list[Number]:
    """Numbers in words worth comparing: cardinals of 2 or more («one of», «first» are not counts)."""
    return [w for w in words if w.kind == "word" and min(w.values) >= 2]


def number_findings(src: str, tgt: str) -> Iterator[tuple[str, str]]:
    """(severity, message) for the numbers of *src* and *tgt* that do not correspond."""
    c = compare_numbers(src, tgt)
    for a, b in c.conversions:
        yield "info", f"unit converted: {a.text} in the source, {b.text} in the target"
    for n, word in c.fractions:
        yield "info", f"percentage written as a fraction: {n.text} % ↔ {word}"
    source_numbers, target_numbers = numbers(src), numbers(tgt)
    glosses = [numbers(g) for g in re.findall(r"\(([^()]*)\)", tgt)]
    added: list[Number] = []
    for m in c.added:
        if c.missing:
            added.append(m)  # a number on each side: changed, whatever else matches
        elif any(same_value(m, n) for n in source_numbers):
            yield "info", f"number repeated in the target: {m.text}"  # 802.11a, b et g ↔ 802.11a و802.11b…
        elif m.unit is not None and any(n.unit and n.unit[0] == m.unit[0] for n in source_numbers):
            yield "info", f"measure added in the target (a conversion?): {m.text}"
        elif any(m in g and any(n.unit for n in g) for g in glosses):
            yield "info", f"measure added in the target in parentheses (a conversion?): {m.text}"
        else:
            added.append(m)
    missing = []
    for n in c.missing:
        if not c.added and any(same_value(n, m) for m in target_numbers):
            yield "info", f"number repeated in the source: {n.text}"  # «1,5 1,5 milliard»
        else:
            missing.append(n.text)
    words_missing, words_added = _counts(c.words_missing), _counts(c.words_added)
    ranks = _ranks(c.words_missing)
    if missing and added:
        yield "error", f"number changed: {_fmt(missing)} in the source, {_fmt([m.text for m in added])} in the target"
    elif missing:
        if len(missing) == 1 and len(words_added) == 1:
            yield "warning", f"number changed: {missing[0]} in the source, {words_added[0].text} in the target"
        else:
            yield "warning", f"number missing in the target: {_fmt(missing)}"
    elif added:
        if len(added) == 1 and len(words_missing) == 1:
            yield "warning", f"number changed: {words_missing[0].text} in the source, {added[0].text} in the target"
        else:
            yield "warning", f"number added in the target: {_fmt([m.text for m in added])}"
    elif len(ranks) == 1 and len(c.words_added) == 1 and c.words_added[0].kind == "ordinal":
        # An ordinal or a century in each side, left unmatched: «14e sommet» ↔ «القمة الخامسة عشرة»,
        # «troisième fois» ↔ «المرة الرابعة»; against an Arabic word that is no ordinal, nothing
        # (الخُمسين «two fifths», ميه «water» in Egyptian read as numbers).
        yield "warning", (f"ordinal changed: {ranks[0].text} in the source, "
                          f"{c.words_added[0].text} in the target")
    elif len(words_missing) == 1 and len(words_added) == 1:
        # Scale words (milliard ↔ مليون) are unambiguous; small number words are often duals,
        # fractions or idioms (الخُمسين «two fifths» reads as 50 unvocalised).
        scale = min(words_missing[0].values) >= 1000 and min(words_added[0].values) >= 1000
        yield ("warning" if scale else "info"), (f"number in words changed: {words_missing[0].text} in the source, "
                                                 f"{words_added[0].text} in the target")
