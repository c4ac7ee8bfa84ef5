"""Evidence that survives translation: numbers, dates and names.

Used by the QA checks and by document pairing. Arabic-Indic and Eastern
Arabic-Indic digits and separators are folded to ASCII first; French
(``1 000,5``) and English/Arabic (``1,000.5``, ``١٬٠٠٠٫٥``) grouping are both read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .lang import ar, fr

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?"  # 1 000 000,5
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"  # 1,000.5  1.000,5  1,000
    r"|\d+(?:[.,]\d+)?)"  # 3.5  3,5  2025
    r"(?:\s?(%|٪|pour cent|بالمائة|في المائة|بالمئة))?"
)
_TIME = re.compile(r"\b(\d{1,2})\s?[:h]\s?(\d{2})\b")


def fold_digits(text: str) -> str:
    """Arabic-Indic digits and separators → ASCII; NFC."""
    return unicodedata.normalize("NFC", text).translate(ar.DIGITS_TO_ASCII)


def _values(token: str) -> frozenset[float]:
    """Possible values of one number token (grouping can be ambiguous)."""
    t = token.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in t:
        return frozenset({float(t.replace(" ", "").replace(",", "."))})
    if "," in t and "." in t:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        grp = "." if dec == "," else ","
        return frozenset({float(t.replace(grp, "").replace(dec, "."))})
    sep = "," if "," in t else "." if "." in t else ""
    if not sep:
        return frozenset({float(t)})
    parts = t.split(sep)
    options = set()
    if all(len(p) == 3 for p in parts[1:]):
        options.add(float("".join(parts)))  # grouping: 1,000 / 2.500
    if len(parts) == 2:
        options.add(float(parts[0] + "." + parts[1]))  # decimal: 3,5 / 3.5
    return frozenset(options)


@dataclass(frozen=True)
class Number:
    """A number as written and its possible values."""

    text: str
    values: frozenset[float]
    percent: bool = False


def numbers(text: str) -> list[Number]:
    """Numbers in *text* (times ``12:00``/``12 h 30`` count as their hour and minutes ≠ 0)."""
    folded = fold_digits(text)
    folded = _TIME.sub(lambda m: m.group(1) if m.group(2) == "00" else f"{m.group(1)} {m.group(2)}", folded)
    out: list[Number] = []
    for m in _NUMBER.finditer(folded):
        out.append(Number(m.group(1), _values(m.group(1)), bool(m.group(2))))
    return out


def unmatched_numbers(src: str, tgt: str) -> tuple[list[Number], list[Number]]:
    """Numbers of each side with no equal value on the other side (multiset)."""
    a, b = numbers(src), numbers(tgt)
    used = [False] * len(b)
    left: list[Number] = []
    for n in a:
        for k, m in enumerate(b):
            if not used[k] and n.values & m.values:
                used[k] = True
                break
        else:
            left.append(n)
    right = [m for k, m in enumerate(b) if not used[k]]
    return left, right


# --- dates -----------------------------------------------------------------

_FR_MONTH = re.compile(r"\b(" + "|".join(sorted(fr.MONTHS, key=len, reverse=True)) + r")\b", re.I)
_AR_MONTH = re.compile(
    r"(?<![\u0621-\u064A])(?:ل|ب|و|ف)?(" + "|".join(sorted(ar.MONTHS, key=len, reverse=True)) + r")(?![\u0621-\u064A])"
)
_FR_DAY = re.compile(r"\b(" + "|".join(fr.DAYS) + r")\b", re.I)
_AR_DAY = re.compile(r"(?<![\u0621-\u064A])(?:و|ف)?(" + "|".join(sorted(ar.DAYS, key=len, reverse=True)) + r")(?![\u0621-\u064A])")


def months(text: str, lang: str) -> Counter[int]:
    """Month numbers named in *text*."""
    if lang.startswith("ar"):
        return Counter(ar.MONTHS[m.group(1)] for m in _AR_MONTH.finditer(text))
    return Counter(fr.MONTHS[m.group(1).lower()] for m in _FR_MONTH.finditer(text))


def weekdays(text: str, lang: str) -> Counter[int]:
    """Weekday numbers (1 = Monday) named in *text*."""
    if lang.startswith("ar"):
        return Counter(ar.DAYS[m.group(1)] for m in _AR_DAY.finditer(text))
    return Counter(fr.DAYS[m.group(1).lower()] for m in _FR_DAY.finditer(text))


# --- names -----------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[- ][A-ZÀ-ÖØ-Þ][\w'’-]*)*")
_LATIN_WORD_IN_AR = re.compile(r"[A-Za-z][A-Za-z0-9'’-]{1,}")


def french_names(text: str) -> list[str]:
    """Capitalised words that are probably names (not a sentence's first common word)."""
    out: list[str] = []
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        start = m.start()
        before = text[:start].rstrip()
        sentence_start = not before or before[-1] in ".!?:;«\"(…"
        if sentence_start and len(words) == 1:
            continue
        for w in words:
            core = w.strip("'’-")
            if core.lower() in fr.FUNCTION_WORDS or core.lower() in fr.COMMON_CAPITALISED or len(core) < 3:
                continue
            if core.isupper() and len(core) <= 4:
                continue  # acronyms (ONU, FAO, DGSN) are often expanded in Arabic
            out.append(core)
    return out


def latin_words_in_arabic(text: str) -> list[str]:
    """Latin-script words left in an Arabic text (names, brands, acronyms)."""
    return [m.group(0) for m in _LATIN_WORD_IN_AR.finditer(text)]
