"""Evidence that survives translation: numbers, dates and names.

Used by the QA checks and by document pairing. Arabic-Indic and Eastern
Arabic-Indic digits and separators are folded to ASCII first; French
(``1 000,5``) and English/Arabic (``1,000.5``, ``١٬٠٠٠٫٥``) grouping are both read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import ar, fr

_NUMBER = re.compile(
    r"(?<![0-9.,])(\d{1,3}(?:[ \u00a0\u202f\u2009\u2007]\d{3})+(?:,\d+)?"  # 1 000 000,5
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"  # 1,000.5  1.000,5  1,000
    r"|\d+(?:[.,]\d+)?)"  # 3.5  3,5  2025
    r"(?:\s?(%|٪|pour cent|بالمائة|في المائة|بالمئة))?"
    r"(?:\s?(ème|eme|e|er|re|ᵉ)\b)?"  # French ordinals: 10ème, 1er
    r"(?:\s?(millions?|milliards?|mille|مليون|ملايين|مليار|مليارات|ألف|آلاف))?"
)
_SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "mille": 1e3,
           "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9, "ألف": 1e3, "آلاف": 1e3}
_TIME = re.compile(r"\b(\d{1,2})\s?[:h]\s?(\d{2})\b")
_DECADE = re.compile(r"(années|decennie|décennie)\s+(\d{2,4})", re.I)


def fold_digits(text: str) -> str:
    """Arabic-Indic digits and separators → ASCII; NFC."""
    return unicodedata.normalize("NFC", text).translate(ar.DIGITS_TO_ASCII)


def _values(token: str) -> frozenset[float]:
    """Possible values of one number token (grouping can be ambiguous)."""
    t = re.sub("[\u00a0\u202f\u2009\u2007]", " ", token)
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
    """A number as written and its possible values.

    A *soft* number (an ordinal, a number written in words) may match a
    number of the other side but is never reported missing itself.
    """

    text: str
    values: frozenset[float]
    percent: bool = False
    soft: bool = False


def numbers(text: str) -> list[Number]:
    """Numbers in *text* (times ``12:00``/``12 h 30`` count as their hour and minutes ≠ 0)."""
    folded = fold_digits(text)
    out: list[Number] = []
    for m in _TIME.finditer(folded):
        hour = int(m.group(1))
        hours = {float(hour), float(hour - 12)} if hour > 12 else {float(hour), float(hour + 12)}
        out.append(Number(m.group(0), frozenset(hours)))
        if m.group(2) != "00":
            out.append(Number(m.group(2), frozenset({float(m.group(2))})))
    folded = _TIME.sub(" ", folded)
    for m in _DECADE.finditer(folded):  # "années 30" ↔ 1930, "années 1960": soft
        v = int(m.group(2))
        out.append(Number(m.group(0), frozenset({float(v)} | ({1900.0 + v, 2000.0 + v} if v < 100 else set())),
                          soft=True))
    folded = _DECADE.sub(" ", folded)
    for m in _NUMBER.finditer(folded):
        values = _values(m.group(1))
        if m.group(4):
            values = values | {v * _SCALES[m.group(4)] for v in values}
        out.append(Number(m.group(1), values, bool(m.group(2)), soft=bool(m.group(3))))
    for m in _NUMBER_WORD.finditer(folded):
        word = (m.group(1) or m.group(2)).lower()
        out.append(Number(m.group(0), frozenset({float(_WORD_VALUES[word])}), soft=True))
    for m in _AR_COMPOUND.finditer(folded):  # خمسة وعشرين = 25
        value = ar.NUMBER_WORDS[m.group(1)] + ar.NUMBER_WORDS[m.group(2)]
        out.append(Number(m.group(0), frozenset({float(value)}), soft=True))
    return out


_WORD_VALUES = {**fr.NUMBER_WORDS, **ar.NUMBER_WORDS}
_NUMBER_WORD = re.compile(
    r"(?<![\w])(" + "|".join(sorted(map(re.escape, fr.NUMBER_WORDS), key=len, reverse=True)) + r")(?![\w])"
    r"|(?<![\u0621-\u064A])(?:و|ب|ل)?(" + "|".join(sorted(ar.NUMBER_WORDS, key=len, reverse=True)) + r")(?![\u0621-\u064A])",
    re.I,
)


_AR_UNITS = [w for w, v in ar.NUMBER_WORDS.items() if 1 <= v <= 9 and not w.startswith("ال")]
_AR_TENS = [w for w, v in ar.NUMBER_WORDS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
_AR_COMPOUND = re.compile(
    r"(?<![\u0621-\u064A])(?:ال)?(" + "|".join(sorted(_AR_UNITS, key=len, reverse=True)) + r")\s+و(?:ال)?("
    + "|".join(sorted(_AR_TENS, key=len, reverse=True)) + r")(?![\u0621-\u064A])"
)


def unmatched_numbers(src: str, tgt: str) -> tuple[list[Number], list[Number]]:
    """Numbers of each side with no equal value on the other side (multiset).

    Soft numbers (ordinals, numbers in words) are matched but never returned.
    """
    a, b = numbers(src), numbers(tgt)
    # match hard numbers first, so a word does not take a digit's partner
    a.sort(key=lambda n: n.soft)
    used = [False] * len(b)
    left: list[Number] = []
    for n in a:
        for k, m in enumerate(b):
            if not used[k] and n.values & m.values:
                used[k] = True
                break
        else:
            left.append(n)
    right = [m for k, m in enumerate(b) if not used[k] and not m.soft]
    return [n for n in left if not n.soft], right


# --- dates -----------------------------------------------------------------

_FR_MONTH = re.compile(r"\b(" + "|".join(sorted(fr.MONTHS, key=len, reverse=True)) + r")\b", re.I)
_AR_MONTH = re.compile(
    r"(?<![\u0621-\u064A])(?:ل|ب|و|ف)?(" + "|".join(sorted(ar.MONTHS, key=len, reverse=True)) + r")(?![\u0621-\u064A])"
)
_FR_DAY = re.compile(r"\b(" + "|".join(fr.DAYS) + r")\b", re.I)
_AR_DAY = re.compile(r"(?<![\u0621-\u064A])(?:و|ف)?(" + "|".join(sorted(ar.DAYS, key=len, reverse=True)) + r")(?![\u0621-\u064A])")


#: An Arabic day written as an ordinal word before the month: "السادس من يوليو".
_AR_ORDINAL_DAY = re.compile(
    r"(?:ال)?(?:أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|عشرين|ثلاثين)\S*\s+(?:من\s+(?:شهر\s+)?|شهر\s+)$"
)


def _near_number(text: str, start: int, end: int) -> bool:
    before = fold_digits(text[max(0, start - 8):start])
    after = fold_digits(text[end:end + 8])
    return bool(re.search(r"\d\s*(?:er)?\s*\S{0,3}\s*$", before) or re.match(r"\s*\S{0,2}\s*\d", after)
                or _AR_ORDINAL_DAY.search(text[max(0, start - 30):start]))


def months(text: str, lang: str) -> set[int]:
    """Month numbers named in *text* next to a day or a year ("5 décembre",
    "دجنبر 2024"): "mars" the planet, "مارس" (MERS) or "آب" alone are not dates."""
    pattern, table = (_AR_MONTH, ar.MONTHS) if lang.startswith("ar") else (_FR_MONTH, fr.MONTHS)
    return {table[m.group(1).lower() if table is fr.MONTHS else m.group(1)]
            for m in pattern.finditer(text) if _near_number(text, m.start(), m.end())}


def weekdays(text: str, lang: str) -> set[int]:
    """Weekday numbers (1 = Monday) named in *text*."""
    if lang.startswith("ar"):
        return {ar.DAYS[m.group(1)] for m in _AR_DAY.finditer(text)}
    return {fr.DAYS[m.group(1).lower()] for m in _FR_DAY.finditer(text)}


# --- names -----------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[- ][A-ZÀ-ÖØ-Þ][\w'’-]*)*")
_ROMAN = re.compile(r"^[IVXLC]+(e|er|ème)?$")
_LATIN_WORD_IN_AR = re.compile(r"[A-Za-z][A-Za-z0-9'’-]{1,}")


def french_names(text: str, common: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Capitalised words that are probably names (not a sentence's first common word).

    *common*: lower-case words seen uncapitalised elsewhere (so not names).
    """
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
            for elided in fr.ELISIONS:
                if core.lower().startswith(elided) and len(core) > len(elided) + 1:
                    core = core[len(elided):]
                    break
            low = core.lower()
            if (low.endswith(fr.DEMONYM_ENDINGS) or low.endswith(fr.TAXON_ENDINGS)) and len(low) > 5:
                continue
            parts = [p for p in re.split(r"[-‐]", low) if len(p) > 3]
            if "-" in low and parts and all(fr.is_common_word(p) or p in fr.ENGLISH_WORDS for p in parts):
                continue  # T-shirt, Tri-nations
            if (low in fr.FUNCTION_WORDS or low in fr.COMMON_CAPITALISED or low in common
                    or low in fr.ENGLISH_WORDS or len(core) < 3 or fr.is_common_word(low)):
                continue
            if core.isupper() or any(c.isupper() for c in core[1:]) or _ROMAN.match(core):
                continue  # acronyms (ONU, SNOMED, ARNm) are often expanded in Arabic; XVe
            out.append(core)
    return out


def latin_words_in_arabic(text: str) -> list[str]:
    """Latin-script words left in an Arabic text (names, brands), of three letters or more;
    acronyms are left out (an Arabic text often keeps the English one: USGS, PTWC)."""
    out = []
    for m in _LATIN_WORD_IN_AR.finditer(text):
        w = m.group(0)
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 3 and not all(c.isupper() for c in letters):
            out.append(w)
    return out
