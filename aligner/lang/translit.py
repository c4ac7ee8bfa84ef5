"""Matching names across scripts by consonant skeletons.

Latin and Arabic spellings are reduced to the same coarse consonant classes
(vowels and long-vowel letters dropped, close sounds merged: p/b, v/f,
c/k/q, j/g/ج, s/z/ص/س, t/ط/ث, d/ض/ذ/ظ), so that Hammouchi ↔ حموشي, Bustin ↔
بوستين, Snook ↔ سنوك and Belgique ↔ بلجيكا share a skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..config import QA_DEFAULTS
from . import fr
from .lexicon import looks_transliterated

_LATIN_DIGRAPHS = [
    ("sch", "S"), ("ch", "S"), ("sh", "S"), ("kh", "X"), ("gh", "k"), ("ph", "f"), ("th", "t"),
    ("qu", "k"), ("dj", "k"), ("gn", "n"), ("ck", "k"), ("ou", ""), ("ck", "k"),
]
_LATIN = str.maketrans({
    "b": "b", "p": "b", "v": "f", "f": "f", "k": "k", "q": "k", "c": "k", "g": "k", "j": "k",
    "d": "d", "t": "t", "s": "s", "z": "s", "x": "ks", "m": "m", "n": "n", "l": "l", "r": "r",
    "h": "h", "w": "", "y": "", "a": "", "e": "", "i": "", "o": "", "u": "",
})
_ARABIC = str.maketrans({
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "k", "چ": "S", "ح": "h", "خ": "X", "د": "d", "ذ": "d",
    "ر": "r", "ز": "s", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "ع": "", "غ": "k",
    "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "",
    "ي": "", "ى": "", "ا": "", "أ": "", "إ": "", "آ": "", "ء": "", "ئ": "", "ؤ": "", "ة": "",
    "ـ": "",
})
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u064B-\u065F]+")
#: Clitics in front of a word; «فل» is the Maghreb «ف» (in) with the article: فلبراغواي.
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "فل", "ال", "و", "ب", "ل", "ف", "ك")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _collapse(skel: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skel)


@lru_cache(maxsize=65536)
def latin_skeleton(word: str, keep_ending: bool = False) -> str:
    """Consonant skeleton of a Latin-script word; a French mute ending (``e``, ``es``,
    ``ent``) is dropped unless *keep_ending*."""
    w = _strip_accents(word.lower())
    w = re.sub(r"[^a-z]", "", w)
    w = re.sub(r"c(?=[eiy])", "s", w)
    for a, b in _LATIN_DIGRAPHS:
        w = w.replace(a, b)
    w = re.sub(r"(?<=[aeiou])s(?=[aeiou])", "z", w)
    if not keep_ending and len(w) > 4:
        w = re.sub(r"e$|es$|ent$", "", w)
    return _collapse(w.translate(_LATIN))


#: Spellings read differently by the language a name comes from (Michael ↔ مايكل,
#: Recep ↔ رجب, Katja ↔ كاتيا, Xinhua ↔ شينخوا, Qing ↔ تشينغ): each is tried.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "ch": ("ch", "k", "tsh"), "ce": ("ce", "ke"), "ci": ("ci", "ki"), "tj": ("tj", "ty"), "x": ("x", "sh", "s"),
    "q": ("q", "tsh"), "zh": ("zh", "sh"), "kh": ("kh", "k"), "w": ("w", "f"),
    "ł": ("l", "w"),  # Polish ł: Arabic follows the spelling (Słania ↔ سلانيا) or the sound
}
#: Letters read differently in other languages, tried as a second tier (exact matches only):
#: English silent gh (Hugh ↔ هيو, Vaughan ↔ فون); Spanish j, ge/gi ↔ خ (Juan ↔ خوان), ll ↔ ي;
#: Italian cch, ce/ci ↔ تش (Picchu ↔ بيتشو); Slavic c ↔ تس/تش (Plitvice ↔ بليفيتش);
#: z ↔ ذ (Zachary ↔ ذاكاري); Chinese x ↔ ش, h ↔ خ (Xinhua ↔ شينخوا); Indonesian sy, oe, c.
_FOREIGN: dict[str, tuple[str, ...]] = {
    **_VARIANTS, "cch": ("k", "tsh"), "ce": ("ce", "ke", "tshe"), "ci": ("ci", "ki", "tshi"),
    "x": ("x", "sh", "s", "kh"), "gh": ("gh", "", "f"), "j": ("j", "kh", "y"), "ge": ("ge", "khe"),
    "gi": ("gi", "khi"), "c": ("c", "ts", "tsh"), "ll": ("ll", "y"), "z": ("z", "d"), "h": ("h", "kh"),
    "sci": ("sci", "shi"), "sce": ("sce", "she"),
    # Indonesian and Malay: sy ↔ ش (Syahrir ↔ شهرير), old oe ↔ و (Soekarno ↔ سوكارنو), dj ↔ ج
    "sy": ("sy", "sh"), "oe": ("oe", "u"), "dj": ("dj", "j"),
    "sh": ("sh",), "th": ("th",), "ph": ("ph",),
    "ng": ("ng", "n"),  # English -ng: Cushing ↔ كوشين
}
#: Letters with diacritics of other Latin alphabets, read as they sound (Chişinău ↔ كيشيناو).
_LETTERS = str.maketrans({"ş": "sh", "š": "sh", "ș": "sh", "ç": "s", "č": "tsh", "ć": "tsh", "ž": "zh",
                          "ţ": "ts", "ț": "ts", "ñ": "ny", "ø": "o", "æ": "e", "œ": "e", "ß": "ss",
                          "đ": "dj", "ğ": "", "ı": "i"})
_MAX_FORMS = 64


def _spellings(w: str, table: dict[str, tuple[str, ...]]) -> set[str]:
    """Readings of *w*, each variant letter group read every way *table* allows (capped)."""
    keys = sorted(table, key=len, reverse=True)
    forms = [""]
    i = 0
    while i < len(w):
        for k in keys:
            if w.startswith(k, i):
                alts, i = table[k], i + len(k)
                break
        else:
            alts, i = (w[i],), i + 1
        forms = [f + a for f in forms for a in alts][:_MAX_FORMS]
    return set(forms)


def _skeletons_of(w: str, table: dict[str, tuple[str, ...]]) -> set[str]:
    forms = _spellings(w, table)
    if len(w) > 4 and w[-1] in "sx":  # a French plural (Samis, Springboks)
        forms |= {f[:-1] for f in forms if f[-1:] == w[-1]}
    if len(w) > 6 and w.endswith(("ides", "ades")):  # a dynasty: Mérinides ↔ المرينيين
        forms |= {f[:-3] for f in forms if f.endswith(("des",))}
    out = {latin_skeleton(f) for f in forms}
    if re.search(r"(e|es|ent)$", w) and len(w) > 4:
        out |= {latin_skeleton(f, keep_ending=True) for f in forms}
    return out


@lru_cache(maxsize=65536)
def latin_skeletons(word: str) -> frozenset[str]:
    """Skeletons of *word* under the spelling variants of :data:`_VARIANTS`, and with
    its final ``e``/``es``/``ent`` kept (James ↔ جيمس) as well as dropped."""
    w = _strip_accents(word.lower().translate(_LETTERS))
    main = latin_skeleton(word)
    return frozenset(sk for sk in _skeletons_of(w, _VARIANTS) if len(sk) >= max(2, len(main) - 1)) | {main}


@lru_cache(maxsize=65536)
def foreign_skeletons(word: str) -> frozenset[str]:
    """More skeletons of *word*, read as English, Spanish, Italian, Slavic or Chinese
    spelling would (:data:`_FOREIGN`); matched exactly, not within an edit."""
    w = _strip_accents(word.lower().translate(_LETTERS))
    floor = max(2, len(latin_skeleton(word)) - 1)
    return frozenset(sk for sk in _skeletons_of(w, _FOREIGN) if len(sk) >= floor or len(sk) < 2) \
        - latin_skeletons(word)


@lru_cache(maxsize=65536)
def arabic_skeleton(word: str) -> str:
    """Consonant skeleton of an Arabic-script word."""
    w = _ARABIC_DIACRITICS.sub("", word)
    return _collapse(w.translate(_ARABIC))


_SUFFIXES = ("يين", "يون", "ية", "يات", "ين", "ون", "ات", "ي")


@lru_cache(maxsize=65536)
def _arabic_stems(word: str) -> tuple[str, ...]:
    """*word*, without a clitic prefix, and without a plural or nisba ending (الساميين ↔ Samis)."""
    stems = [word]
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            stems.append(word[len(p):])
    for stem in list(stems):
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.append(stem[: -len(suffix)])
                break
    return tuple(stems)


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4 and abs(len(a) - len(b)) <= 1:
        return edit_distance(a, b) <= 1
    return False


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two skeletons."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def arabic_skeletons(text: str) -> set[str]:
    """Skeletons of every Arabic word of *text*, with and without clitic prefixes."""
    out: set[str] = set()
    previous: list[str] = []
    for m in _ARABIC_WORD.finditer(text):
        current = [arabic_skeleton(stem) for stem in _arabic_stems(m.group(0))]
        current = [sk for sk in current if sk]
        out.update(current)
        # two-word names written as one in French: عبد اللطيف ↔ Abdellatif
        out.update(p + "+" + c for p in previous for c in current)  # "+": matched whole only
        previous = current
    return out


def name_in_arabic(name: str, arabic_text: str, skeletons: set[str] | None = None,
                   rare: int = QA_DEFAULTS.rare_arabic) -> bool:
    """Whether the Latin-script *name* appears, transliterated, in *arabic_text*; a two-letter
    skeleton only matches a word that looks transliterated (*rare*: see :func:`looks_transliterated`)."""
    key = _strip_accents(name.lower())
    plain = _plain_arabic(arabic_text)
    for form in fr.EXONYMS.get(name.lower(), ()) + fr.EXONYMS.get(key, ()):
        form = _plain_arabic(form)
        if form in plain or form.removeprefix("ال") in plain:
            return True
    if re.search(re.escape(name), arabic_text, re.I):
        return True  # left in Latin script
    for form in fr.EXONYMS.get(key, ()):
        if form in arabic_text:
            return True
    full = latin_skeleton(name)
    if len(full) < 2:
        return True  # too short to tell
    # French h is often silent (Henri ↔ هنري, but Hammouchi ↔ حموشي): try both.
    targets = {t for sk in latin_skeletons(name) for t in (sk, sk.replace("h", ""))} - {""}
    sks = skeletons if skeletons is not None else arabic_skeletons(arabic_text)
    foreign = foreign_skeletons(name)
    if "gh" in key and any(len(f) < 2 for f in foreign):
        return True  # a silent letter leaves too little to tell (Hugh ↔ هيو)
    if any(f in sks for f in foreign if len(f) >= 3):
        return True
    short = {f for f in foreign if len(f) == 2}
    if short and any(arabic_skeleton(s) in short and looks_transliterated(w, rare)
                     for w in _ARABIC_WORD.findall(arabic_text) for s in _arabic_stems(w)):
        return True  # two letters match only a word that is not ordinary Arabic (Juan ↔ خوان, not أمس)
    if any(_close(sk, f) for sk in sks for f in foreign if len(f) >= 5):
        return True
    for sk in sks:
        if "+" in sk:  # two words written as one name in French: only a whole match
            if any(_close(sk.replace("+", ""), t) for t in targets):
                return True
            continue
        for target in targets:
            if _close(sk, target) or (len(target) >= 3 and sk.startswith(target)):
                return True
            if _close(sk.replace("h", ""), target):
                return True
            if len(target) >= 4 and len(sk) >= len(target) + 2 and target in sk:
                return True  # glued to the word before or after it (ماري تيريزذات)
    return False


def _plain_arabic(text: str) -> str:
    """Diacritics and tatweel removed; أ إ آ → ا; ى → ي (القسطنطينيّة = القسطنطينية)."""
    return _ARABIC_DIACRITICS.sub("", text).replace("ـ", "").translate(_FOLD)


_FOLD = str.maketrans("أإآى", "اااي")
