"""Evidence that survives translation: numbers, dates and names.

Used by the QA checks and by document pairing. Numbers are read in
:mod:`aligner.lang.numbers` and compared in :mod:`aligner.lang.number_compare`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import ar, fr
from .number_compare import unmatched_numbers
from .numbers import Number, fold_digits, numbers

__all__ = ["Number", "fold_digits", "numbers", "unmatched_numbers", "months", "month_mentions", "weekdays", "french_names",
           "latin_words_in_arabic", "month_words"]


# --- dates -----------------------------------------------------------------

_FR_MONTH = re.compile(r"\b(" + "|".join(sorted(fr.MONTHS, key=len, reverse=True)) + r")\b", re.I)
_AR_MONTH = re.compile(
    r"(?<![\u0621-\u064A])(?:ل|ب|و|ف)?(" + "|".join(sorted(ar.MONTHS, key=len, reverse=True)) + r")(?![\u0621-\u064A])"
)
_FR_MONTH_ABBR = re.compile(r"(?<=\d[ \u00a0\u202f])(" + "|".join(sorted(fr.MONTH_ABBREVIATIONS, key=len, reverse=True))
                            + r")\.", re.I)
_FR_DAY = re.compile(r"\b(" + "|".join(fr.DAYS) + r")\b", re.I)
_AR_SPOKEN_DAY = re.compile(r"(?<![\u0621-\u064A])(?:يوم|نهار)\s+(?:ال|ل)?("
                            + "|".join(sorted(ar.SPOKEN_DAYS, key=len, reverse=True)) + r")(?![\u0621-\u064A])")
_AR_DAY = re.compile(r"(?<![\u0621-\u064A])(?:و|ف)?(" + "|".join(sorted(ar.DAYS, key=len, reverse=True)) + r")(?![\u0621-\u064A])")


#: An Arabic day written as an ordinal word before the month: "السادس من يوليو".
_AR_ORDINAL_DAY = re.compile(
    r"(?:ال)?(?:أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|عشرين|ثلاثين)\S*\s+(?:من\s+(?:شهر\s+)?|شهر\s+)$"
)


def _near_number(text: str, start: int, end: int) -> bool:
    before = fold_digits(text[max(0, start - 8):start])
    after = fold_digits(text[end:end + 12])
    return bool(re.search(r"\d\s*(?:er|ᵉʳ)?\s*(?:من|de)?\s*$", before)
                or re.match(r"\s*(?:عام|سنة|de l'année|de l’année)?\s*\S{0,2}\s*\d", after)
                or _AR_ORDINAL_DAY.search(text[max(0, start - 30):start]))


def month_mentions(text: str, lang: str, dates_only: bool = True) -> dict[int, str]:
    """Months named in *text* (number → the word as written); with *dates_only*, only
    those next to a day or a year ("5 décembre", "دجنبر 2024", "تموز عام 2020"):
    "mars" the planet, "مارس-كوف" (MERS-CoV) or "آب" alone are not dates."""
    out: dict[int, str] = {}
    for m, number in _months_in(text, lang):
        if not dates_only or _near_number(text, m.start(), m.end()):
            out.setdefault(number, m.group(1))
    if not lang.startswith("ar"):  # "5 déc." (after a day, with its dot)
        for m in _FR_MONTH_ABBR.finditer(fold_digits(text)):
            out.setdefault(fr.MONTH_ABBREVIATIONS[m.group(1).lower()], m.group(0))
    return out


def _months_in(text: str, lang: str) -> Iterator[tuple[re.Match[str], int]]:
    """Every month name of *text* with its number, but the first word of a compound
    ("مارس-كوف", MERS-CoV)."""
    pattern, table = (_AR_MONTH, ar.MONTHS) if lang.startswith("ar") else (_FR_MONTH, fr.MONTHS)
    for m in pattern.finditer(text):
        if text[m.end():m.end() + 1] not in ("-", "‐"):
            yield m, table[m.group(1).lower() if table is fr.MONTHS else m.group(1)]


#: Words after which an Arabic month name is a month, not a verb or a name ("في مارس",
#: "منذ شهر أيار", "أوائل يوليو"): "مارس الرياضة" (he practised sport) is not March.
_AR_MONTH_CONTEXT = re.compile(
    r"(?:^|[\s(«\"])(?:في|فى|منذ|حتى|شهر|شهري|أوائل|اوائل|أواخر|اواخر|أواسط|منتصف|مطلع|بداية|بدايه|نهاية|خلال|"
    r"من|إلى|الى|قبل|بعد|حلول|وفي|ومنذ|وحتى|وخلال)\s+(?:شهر\s+)?$"
)


def month_words(text: str, lang: str) -> dict[int, str]:
    """Months named as months, with or without a day (number → the word as written): in
    French the lower-case names ("en mars", "début août"; "Mars" the planet is left out);
    in Arabic a name next to a day or a year, or after a word that introduces a month
    (:data:`_AR_MONTH_CONTEXT`)."""
    arabic = lang.startswith("ar")
    out: dict[int, str] = {}
    for m, number in _months_in(text, lang):
        if not arabic:
            keep = m.group(1).islower()
        else:
            prefixed = m.start(1) > m.start() and m.group(0)[0] in "بل"  # بمارس «in March» (ومارس may be a verb)
            keep = (prefixed or _near_number(text, m.start(), m.end())
                    or _AR_MONTH_CONTEXT.search(text[max(0, m.start() - 20):m.start()]) is not None)
        if keep:
            out.setdefault(number, m.group(1))
    return out


def months(text: str, lang: str) -> set[int]:
    """Month numbers named in *text* next to a day or a year (see :func:`month_mentions`)."""
    return set(month_mentions(text, lang))


def weekdays(text: str, lang: str) -> set[int]:
    """Weekday numbers (1 = Monday) named in *text*."""
    if lang.startswith("ar"):
        return {ar.DAYS[m.group(1)] for m in _AR_DAY.finditer(text)} \
            | {ar.SPOKEN_DAYS[m.group(1)] for m in _AR_SPOKEN_DAY.finditer(text)}
    return {fr.DAYS[m.group(1).lower()] for m in _FR_DAY.finditer(text)}


# --- names -----------------------------------------------------------------

_SI_UNIT = re.compile(r"^[kMGTP](?:bit|bits|b|o|Hz|W|Wh|eV|bps|t)$")
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
            if re.match(r"^[a-z][-‐][a-z]{3,}$", low):
                continue  # a letter and a noun (T-shirt, X-ray, E-mail): a common noun
            if "-" in low and parts and all(fr.is_common_word(p) or p in fr.ENGLISH_WORDS for p in parts):
                continue  # T-shirt, Tri-nations
            if (low in fr.FUNCTION_WORDS or low in fr.COMMON_CAPITALISED or low in common
                    or low in fr.ENGLISH_WORDS or len(core) < 3 or fr.is_common_word(low)):
                continue
            if core.isupper() or any(c.isupper() for c in core[1:]) or _ROMAN.match(core):
                continue  # acronyms (ONU, SNOMED, ARNm) are often expanded in Arabic; XVe
            if _SI_UNIT.match(core):
                continue  # a unit with an SI prefix (Mbit, Gbit, MHz, Mo): translated, not a name
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
