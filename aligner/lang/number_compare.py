"""Comparing the numbers of a French sentence and its Arabic translation.

Digits are matched first, then numbers in words, ordinals and Roman numerals
(*soft* numbers, which are never reported alone). What is left is sorted into
adaptations (a unit converted, 50 % written «النصف», «deux» rendered by a dual)
and differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ar_numbers import fractions, has_dual
from .numbers import Number, numbers, same_value

CONVERSION_TOLERANCE = 0.12  # relative gap allowed between a converted value and the original


@dataclass
class NumberComparison:
    """Numbers left unmatched on each side, and the adaptations found."""

    missing: list[Number] = field(default_factory=list)  # digits of the source with no counterpart
    added: list[Number] = field(default_factory=list)  # digits of the target with no counterpart
    words_missing: list[Number] = field(default_factory=list)  # source words/ordinals left over
    words_added: list[Number] = field(default_factory=list)  # target words/ordinals left over
    conversions: list[tuple[Number, Number]] = field(default_factory=list)
    fractions: list[tuple[Number, str]] = field(default_factory=list)


def _match(a: list[Number], b: list[Number]) -> tuple[list[Number], list[Number]]:
    """Greedy multiset matching on shared values; digits take partners before words."""
    a = sorted(a, key=lambda n: n.soft)
    b = sorted(b, key=lambda n: n.soft)
    used = [False] * len(b)
    left: list[Number] = []
    for n in a:
        for k, m in enumerate(b):
            if not used[k] and n.percent == m.percent and same_value(n, m):
                used[k] = True
                break
        else:
            for k, m in enumerate(b):  # 30 % ↔ 30 in a sentence that says «في المائة» elsewhere
                if not used[k] and same_value(n, m):
                    used[k] = True
                    break
            else:
                left.append(n)
    return left, [m for k, m in enumerate(b) if not used[k]]


def _converted(a: Number, b: Number) -> bool:
    if a.unit is None or b.unit is None or a.unit[0] != b.unit[0] or a.unit[1] == b.unit[1]:
        return False
    if a.unit[0] == "temp":
        return True
    for x in a.values:
        for y in b.values:
            metric_a, metric_b = x * a.unit[1], y * b.unit[1]
            if metric_a and abs(metric_a - metric_b) / abs(metric_a) <= CONVERSION_TOLERANCE:
                return True
    return False


def compare_numbers(src: str, tgt: str) -> NumberComparison:
    """Match the numbers of *src* and *tgt*; sort what is left over."""
    left, right = _match(list(numbers(src)), list(numbers(tgt)))
    out = NumberComparison()
    for n in list(left):  # a unit converted: 450 kg ↔ 1000 رطل, 10 km ↔ 6 أميال
        for m in right:
            if _converted(n, m):
                out.conversions.append((n, m))
                left.remove(n)
                right.remove(m)
                break
    for n in list(left):  # 50 % ↔ النصف
        if n.percent:
            for text, share in fractions(tgt):
                if any(abs(v - share) < 1 for v in n.values):
                    out.fractions.append((n, text))
                    left.remove(n)
                    break
    hard_added = [m for m in right if not m.soft]
    if not hard_added and has_dual(tgt):  # deux ans ↔ عامين, 2 buts ↔ بهدفين
        for n in left:
            if 2.0 in n.values:
                left.remove(n)
                break
    out.missing = [n for n in left if not n.soft]
    out.added = hard_added
    out.words_missing = [n for n in left if n.soft and n.kind in ("word", "ordinal")]
    out.words_added = [m for m in right if m.soft and m.kind in ("word", "ordinal")]
    return out


def unmatched_numbers(src: str, tgt: str) -> tuple[list[Number], list[Number]]:
    """Digits of each side with no counterpart on the other (adaptations matched)."""
    c = compare_numbers(src, tgt)
    return c.missing, c.added
