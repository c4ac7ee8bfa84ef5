"""Numbers that survive translation, in every form French and Arabic write them.

Digits (Western, Arabic-Indic ٠–٩, Eastern ۰–۹; ``1 000,5`` = ``1,000.5`` = ``١٬٠٠٠٫٥``),
percentages, scale words (``4 millions`` = ``4 ملايين``), times (``14 h`` = ``2 مساءً``,
``07h55`` = ``7.55``, ``12 h 00`` = ``12:00``), Roman numerals (``XIXe siècle`` = ``القرن 19``),
decades, French number words (read by text2num: ``deux années``, ``dix-neuvième``) and
Arabic number words, ordinals and duals (:mod:`aligner.lang.ar_numbers`), units of
measure (so that ``450 kg`` ↔ ``1000 رطل`` reads as a conversion).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import ar
from .ar_numbers import word_numbers

_SPACES = "[ \u00a0\u202f\u2009\u2007]"
_NUMBER = re.compile(
    r"(?<![0-9])(?<![0-9][.,])(\d{1,3}(?:" + _SPACES + r"\d{3})+(?:,\d+)?"  # 1 000 000,5
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"  # 1,000.5  1.000,5  1,000
    r"|\d+(?:[.,]\d+)?)"  # 3.5  3,5  2025
    r"(?:\s?(%|pour cent|pourcent|بالمائة|بالمئة|في المائة|في المئة|بالمية))?"
    r"(?:\s?(ème|eme|e|er|re|ᵉ|è)\b)?"  # French ordinals: 10ème, 1er
    r"(?:\s?(millions?|milliards?|mille|مليون|ملايين|مليار|مليارات|بليون|ألف|آلاف|الف|الاف)(?![\w]))?"
)
_SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "mille": 1e3,
           "مليون": 1e6, "ملايين": 1e6, "بليون": 1e9, "مليار": 1e9, "مليارات": 1e9, "ألف": 1e3, "آلاف": 1e3,
           "الف": 1e3, "الاف": 1e3}
#: 20 h 30, 14 h, 07h55, 12:00, 8:30.
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?:\s?[hH](?:\s?(\d{2}))?(?![\w])|:(\d{2})(?![\d]))")
_AR_CLOCK = re.compile(r"^\s*(?:صباح|مساء|ظهر|عصر|ليل|فجر|بعد الظهر)")
_HOURS = re.compile(r"^\s*heures?\b", re.I)
_DECADE = re.compile(r"(années|decennie|décennie)\s+(\d{2,4})", re.I)
_ROMAN = re.compile(r"(?<![\w])([IVXLC]{1,7})(e|er|ème|è|ᵉ)?(?![\w])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

#: Units of measure after a number; metric ones and the imperial ones Arabic may convert to.
_UNIT_WORDS: dict[str, tuple[str, float]] = {
    # unit → (quantity, factor to the metric unit)
    "km": ("length", 1000), "kilomètres": ("length", 1000), "kilomètre": ("length", 1000),
    "m": ("length", 1), "mètres": ("length", 1), "mètre": ("length", 1),
    "cm": ("length", 0.01), "centimètres": ("length", 0.01), "mm": ("length", 0.001),
    "kg": ("mass", 1), "kilos": ("mass", 1), "kilogrammes": ("mass", 1), "tonnes": ("mass", 1000),
    "g": ("mass", 0.001), "grammes": ("mass", 0.001),
    "km/h": ("speed", 1), "l": ("volume", 1), "litres": ("volume", 1),
    "miles": ("length", 1609.34), "mile": ("length", 1609.34), "pieds": ("length", 0.3048),
    "livres": ("mass", 0.4536), "°c": ("temp", 1), "°f": ("temp", 1), "degrés": ("temp", 1),
    "pouces": ("length", 0.0254), "pouce": ("length", 0.0254),
    "yards": ("length", 0.9144), "onces": ("mass", 0.02835), "gallons": ("volume", 3.785),
    "باوند": ("mass", 0.4536), "ميترو": ("length", 1), "سنتيمترات": ("length", 0.01), "ياردة": ("length", 0.9144),
    "كلم": ("length", 1000), "بوصات": ("length", 0.0254),
    "كم": ("length", 1000), "كيلومتر": ("length", 1000), "كيلومترا": ("length", 1000),
    "كيلومترات": ("length", 1000), "متر": ("length", 1), "مترا": ("length", 1), "أمتار": ("length", 1),
    "امتار": ("length", 1), "سم": ("length", 0.01), "سنتيمتر": ("length", 0.01),
    "كغ": ("mass", 1), "كجم": ("mass", 1), "كيلوغرام": ("mass", 1), "كيلوجرام": ("mass", 1),
    "كيلوغراما": ("mass", 1), "طن": ("mass", 1000), "أطنان": ("mass", 1000), "لتر": ("volume", 1),
    "ميل": ("length", 1609.34), "ميلا": ("length", 1609.34), "ميلاً": ("length", 1609.34),
    "أميال": ("length", 1609.34), "اميال": ("length", 1609.34), "قدم": ("length", 0.3048),
    "قدما": ("length", 0.3048), "قدماً": ("length", 0.3048), "أقدام": ("length", 0.3048),
    "بوصة": ("length", 0.0254), "إنش": ("length", 0.0254), "رطل": ("mass", 0.4536),
    "رطلا": ("mass", 0.4536), "رطلاً": ("mass", 0.4536), "أرطال": ("mass", 0.4536),
    "غالون": ("volume", 3.785), "جالون": ("volume", 3.785), "فهرنهايت": ("temp", 1),
}
_UNIT_AFTER = re.compile(r"^\s?(°\s?[CcFf]|[\w/]+)")


@dataclass(frozen=True)
class Number:
    """A number as written and its possible values.

    A *soft* number (an ordinal, a number in words, a Roman numeral) may match a
    number of the other side but is never reported missing or added itself;
    *kind* tells how it was written (digits, word, ordinal, time, roman, decade).
    """

    text: str
    values: frozenset[float]
    percent: bool = False
    soft: bool = False
    kind: str = "digits"
    unit: tuple[str, float] | None = None


def fold_digits(text: str) -> str:
    """Arabic-Indic digits and separators → ASCII (``١٥،٠٠`` → ``15,00``); NFC."""
    text = unicodedata.normalize("NFC", text).translate(ar.DIGITS_TO_ASCII)
    return re.sub(r"(?<=\d)،(?=\d)", ",", text)


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


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def _unit(after: str) -> tuple[str, float] | None:
    m = _UNIT_AFTER.match(after)
    if not m:
        return None
    word = m.group(1).lower().replace(" ", "").split("/")[0]  # km/h ↔ ميل/الساعة: a length per hour
    return _UNIT_WORDS.get(word) or _UNIT_WORDS.get(word.rstrip(".,"))


def _clock(hour: int, minutes: int) -> frozenset[float]:
    """A time's values in 24- and 12-hour notation, minutes as hundredths (7h55 = 7.55)."""
    hours = {hour, hour - 12} if hour > 12 else {hour, hour + 12} if hour < 12 else {12}
    return frozenset(h + minutes / 100 for h in hours if h >= 0)


def _french_words(text: str) -> list[Number]:
    """Numbers written in French words, read by text2num (``deux années``, ``dix-neuvième``)."""
    if not re.search(r"[a-zà-ÿ]", text, re.I):
        return []
    from text_to_num import alpha2digit

    protected = re.sub(r"\bpour\s+cent\b", "%", text, flags=re.I)
    converted = alpha2digit(protected, "fr", threshold=2)
    if converted == protected:
        return []
    before = [m.group(0) for m in re.finditer(r"\d+", protected)]
    # «cents» ends a number in words (deux cents, not deux cent trois) and is also the coin
    coins = bool(re.search(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf)[\s-]cents\b", text, re.I))
    out = []
    for m in re.finditer(r"(\d+)(ème|er|re|e)?", converted):
        if m.group(1) in before:
            before.remove(m.group(1))
            continue
        ordinal = bool(m.group(2))
        if int(m.group(1)) < 2:
            continue  # «une», «premier»: articles and ranks more often than counts
        value = float(m.group(1))
        values = {value}
        if coins and not ordinal and value % 100 == 0 and value < 1000:
            values.add(value / 100)  # «quatre cents»: 400, or four coins (4 سنتات)
        out.append(Number(m.group(0), frozenset(values), soft=True, kind="ordinal" if ordinal else "word"))
    return out


@lru_cache(maxsize=4096)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number in *text* (French or Arabic), in the forms this module reads."""
    folded = re.sub(r"\b(24\s?h|7\s?j)\s?/\s?(24|7)\b", r"\1", fold_digits(text))  # 24 h/24: one number
    out: list[Number] = []
    for m in _TIME.finditer(folded):
        hour, minutes = int(m.group(1)), int(m.group(2) or m.group(3) or 0)
        if hour > 24 or minutes > 59:
            continue
        out.append(Number(m.group(0), _clock(hour, minutes), kind="time"))
    folded = _TIME.sub(lambda m: " " * len(m.group(0)), folded)
    for m in _DECADE.finditer(folded):  # "années 30" ↔ 1930, "années 1960": soft
        v = int(m.group(2))
        out.append(Number(m.group(0), frozenset({float(v)} | ({1900.0 + v, 2000.0 + v} if v < 100 else set())),
                          soft=True, kind="decade"))
    folded = _DECADE.sub(lambda m: " " * len(m.group(0)), folded)
    for m in _ROMAN.finditer(folded):
        letters = m.group(1)
        if len(letters) == 1 and ((not m.group(2) and letters != "X") or letters in "LC"):
            continue  # "I", "V", "C" alone are letters more often than numbers; "Le", "Ce" are words
        out.append(Number(m.group(0), frozenset({float(_roman(letters))}), soft=True, kind="roman"))
    for m in _NUMBER.finditer(folded):
        values = _values(m.group(1))
        if m.group(4):
            values = values | {v * _SCALES[m.group(4)] for v in values}
        after = folded[m.end():m.end() + 14]
        if _AR_CLOCK.match(after) or _HOURS.match(after):
            if min(values) <= 24:
                values = values | _clock(int(min(values)), 0)
            out.append(Number(m.group(1), values, kind="time"))
            continue
        ordinal = bool(m.group(3))
        out.append(Number(m.group(1), values, bool(m.group(2)), soft=ordinal,
                          kind="ordinal" if ordinal else "digits", unit=_unit(after)))
    out.extend(_french_words(text))
    for w in word_numbers(text):
        out.append(Number(w.text, frozenset({float(w.value)}), soft=True, kind="ordinal" if w.ordinal else "word"))
    return tuple(out)


def same_value(a: Number, b: Number) -> bool:
    """Whether two numbers can be the same (a shared value, percentages aside)."""
    return any(abs(x - y) < 1e-6 for x in a.values for y in b.values)
