"""Arabic numbers written in words: cardinals, ordinals, both genders, with and
without hamza, compounds joined by و, hundreds and thousands, the dual.

PyArabic's ``text2number`` reads plain cardinals but not ordinals («الحادي عشر»
gives 10), forms without hamza («الاربعون») or the dual, so the words are read here
from one table of stems after a light normalisation (hamza on alef, alef maqsura,
diacritics and tatweel folded; clitics و ب ل ف ك ال stripped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans("أإآٱى", "ااااي")
_WORD = re.compile(r"[\u0621-\u064A\u0671\u064B-\u065F\u0670\u0640]+")


def normalise(word: str) -> str:
    """Diacritics and tatweel removed; أ إ آ ٱ → ا, ى → ي."""
    return _DIACRITICS.sub("", word).translate(_FOLD)


def _forms(value: int, *stems: str) -> dict[str, int]:
    return {s: value for s in stems}


#: Units and their gender/case forms (normalised spelling).
UNITS: dict[str, int] = {
    **_forms(1, "واحد", "واحدة", "احد", "احدي"),
    **_forms(2, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "اثنان"),
    **_forms(3, "ثلاث", "ثلاثة"), **_forms(4, "اربع", "اربعة"), **_forms(5, "خمس", "خمسة"),
    **_forms(6, "ست", "ستة"), **_forms(7, "سبع", "سبعة"), **_forms(8, "ثمان", "ثماني", "ثمانية"),
    **_forms(9, "تسع", "تسعة"),
}
TEN = frozenset({"عشر", "عشرة"})
TENS: dict[str, int] = {
    **_forms(10, "عشر", "عشرة"),
    **_forms(20, "عشرون", "عشرين"), **_forms(30, "ثلاثون", "ثلاثين"), **_forms(40, "اربعون", "اربعين"),
    **_forms(50, "خمسون", "خمسين"), **_forms(60, "ستون", "ستين"), **_forms(70, "سبعون", "سبعين"),
    **_forms(80, "ثمانون", "ثمانين"), **_forms(90, "تسعون", "تسعين"),
}
HUNDREDS: dict[str, int] = {
    **_forms(100, "مائة", "مئة", "مايه", "ميه"), **_forms(200, "مائتان", "مائتين", "مئتان", "مئتين", "مائتا", "مئتا"),
    **{u + h: v * 100 for u, v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8),
                                    ("تسع", 9)) for h in ("مائة", "مئة")},
}
#: Multipliers (a count before them multiplies): thousand, million, billion.
SCALES: dict[str, int] = {
    **_forms(1000, "الف", "الفا", "الاف", "الفان", "الفين", "الوف"),
    **_forms(1000, "الفي"),
    **_forms(10**6, "مليون", "مليونا", "ملايين", "مليونان", "مليونين", "مليوني"),
    **_forms(10**9, "مليار", "مليارا", "مليارات", "ملياران", "مليارين", "ملياري", "بليون", "بلايين"),
}
#: The dual of a scale word is two of it (ألفان = 2000).
_DUAL_SCALES = frozenset({"الفان", "الفين", "الفي", "مليونان", "مليونين", "مليوني", "ملياران", "مليارين", "ملياري"})
_PLURAL_SCALES = frozenset({"الاف", "الوف", "ملايين", "مليارات"})
#: Spoken forms (Egypt, Levant, Maghreb) that dialect translations write: «ستاشر» 16, «تمانية» 8.
DIALECT: dict[str, int] = {
    **_forms(2, "اتنين", "جوج", "زوج"), **_forms(3, "تلاتة", "تلات", "تلاثة"), **_forms(8, "تمانية", "تمنية", "تمن"),
    **_forms(11, "حداشر", "حداعش", "احداشر"), **_forms(12, "اتناشر", "طناش", "اطناش"),
    **_forms(13, "تلتاشر", "تلطاش"), **_forms(14, "اربعتاشر", "ربعتاشر", "ربعتاش"),
    **_forms(15, "خمستاشر", "خمسطاش", "خمسطاعش"), **_forms(16, "ستاشر", "سطاش"), **_forms(17, "سبعتاشر", "سبعطاش"),
    **_forms(18, "تمنتاشر", "تمنطاش"), **_forms(19, "تسعتاشر", "تسعطاش"), **_forms(30, "تلاتين", "تلاثين"),
    **_forms(40, "ربعين"), **_forms(80, "تمانين"), **_forms(100, "مية", "مياة"),
}
UNITS.update({w: v for w, v in DIALECT.items() if v < 20})
TENS.update({w: v for w, v in DIALECT.items() if 20 <= v < 100})
HUNDREDS.update({w: v for w, v in DIALECT.items() if v == 100})
ORDINALS: dict[str, int] = {
    **_forms(1, "اول", "اولي"), **_forms(2, "ثاني", "ثانية"), **_forms(3, "ثالث", "ثالثة"),
    **_forms(4, "رابع", "رابعة"), **_forms(5, "خامس", "خامسة"), **_forms(6, "سادس", "سادسة"),
    **_forms(7, "سابع", "سابعة"), **_forms(8, "ثامن", "ثامنة"), **_forms(9, "تاسع", "تاسعة"),
    **_forms(10, "عاشر", "عاشرة"), **_forms(1, "حادي", "حادية"),
}
#: Fractions: «النصف» may render 50 %.
FRACTIONS: dict[str, float] = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3,
                               "خمس": 0.2, "عشر": 0.1}
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: where it is, its value, whether it is an ordinal."""

    text: str
    start: int
    end: int
    value: int
    ordinal: bool = False


def _strip(word: str, table: dict[str, int] | frozenset[str]) -> str | None:
    """*word* or *word* without a clitic prefix, if that is in *table*."""
    if word in table:
        return word
    for p in _CLITICS:
        if word.startswith(p) and word[len(p):] in table:
            return word[len(p):]
    return None


@lru_cache(maxsize=65536)
def _kind(word: str) -> tuple[str, str] | None:
    for kind, table in (("unit", UNITS), ("ten", TENS), ("hundred", HUNDREDS), ("scale", SCALES),
                        ("ordinal", ORDINALS)):
        stem = _strip(word, table)
        if stem is not None:
            return kind, stem
    return None


def word_numbers(text: str) -> list[WordNumber]:
    """Numbers written in Arabic words in *text*, compounds read as one:
    «أربعة عشر» 14, «ثلاثة وعشرين» 23, «الثالثة عشرة» 13 (ordinal), «الحادي والعشرون» 21,
    «خمسة عشر ألفا» 15000, «الاربعون» 40."""
    tokens = [(m.start(), m.end(), normalise(m.group(0))) for m in _WORD.finditer(text)]
    out: list[WordNumber] = []
    i = 0
    while i < len(tokens):
        kind = _kind(tokens[i][2])
        if kind is None:
            i += 1
            continue
        start, total, current, ordinal, j = tokens[i][0], 0, 0, False, i
        last_end = tokens[i][1]
        while j < len(tokens):
            k = _kind(tokens[j][2]) if j == i or tokens[j][0] - last_end <= 2 else None
            if k is None:
                break
            name, stem = k
            if name == "ordinal":
                if j > i and current:
                    break
                ordinal, current = True, current + ORDINALS[stem]
            elif name == "unit":
                joined = tokens[j][2].startswith("و") and current % 100 == 0 and (current or total)
                if j > i and not joined:
                    break  # «الأربع واثنين»: two numbers; «مائة وخمسة»: one
                current += UNITS[stem]
            elif name == "ten":
                joined = tokens[j][2].startswith("و") and (current % 100 < 10) and (current or total)
                if stem in TEN and j > i and 0 < current < 10 and not tokens[j][2].startswith("و"):
                    current += 10  # أربعة عشر, الثالثة عشرة
                elif j > i and not joined:
                    break
                else:
                    current += TENS[stem]
            elif name == "hundred":
                if j > i and 0 < current < 10 and stem in ("مائة", "مئة"):
                    current *= 100  # ثلاث مائة
                else:
                    current += HUNDREDS[stem]
            else:  # scale
                scale = SCALES[stem]
                if stem in _PLURAL_SCALES and not current and not total:
                    break  # «آلاف الأشخاص»: thousands, not a count
                if stem in _DUAL_SCALES and not current:
                    current = 2
                total += max(current, 1) * scale
                current = 0
            last_end = tokens[j][1]
            j += 1
        value = total + current
        if value:
            out.append(WordNumber(text[start:last_end], start, last_end, value, ordinal))
        i = max(j, i + 1)
    return out


#: Words ending like a dual that are not duals (common words ending in ين/ان).
_NOT_DUAL = frozenset(
    """
    بين حين اين الذين مسلمين الان كان مكان زمان انسان لبنان ايران عمان السودان اليابان البلدان
    سكان ميدان ديوان عنوان بيان امكان لسان سلطان شيطان بستان ان الا ولكن لكن حيث يمكن اليمين
    قوانين ميادين فلسطين الصين الاربعين الثلاثين العشرين الخمسين الستين السبعين الثمانين التسعين
    """.split()
)
_DUAL = re.compile(r"^(?:و|ب|ل|ف|ك)?(?:ال)?(\w{3,})(?:ان|ين|تان|تين)$")


def has_dual(text: str) -> bool:
    """Whether *text* has a word shaped like a dual noun («بهدفين», «عامين», «الدولتين»)."""
    return any(_dual_word(normalise(m.group(0))) for m in _WORD.finditer(text))


@lru_cache(maxsize=65536)
def _dual_word(w: str) -> bool:
    if w in _NOT_DUAL or _strip(w, _NOT_DUAL) or _kind(w):
        return False
    return bool(_DUAL.match(w)) and not w.endswith(("يين", "وين", "يان"))


#: Arabic fraction words, as a share of 100 (for «النصف» ↔ 50 %).
def fractions(text: str) -> list[tuple[str, float]]:
    """Fraction words in *text* and their value in percent."""
    out = []
    for m in _WORD.finditer(text):
        w = normalise(m.group(0))
        stem = _strip(w, frozenset(FRACTIONS))
        if stem in ("نصف", "ربع", "ثلث", "ثلثي", "ثلثا"):
            out.append((m.group(0), round(FRACTIONS[stem] * 100, 1)))
    return out
