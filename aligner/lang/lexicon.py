"""Word counts from pyspellchecker's lists (French, English, Arabic), read once.

An Arabic word that the Arabic list does not know (or barely) looks transliterated:
a foreign name, not an ordinary word.
"""

from __future__ import annotations

from functools import cache

#: An Arabic word seen fewer times than this in pyspellchecker's Arabic counts looks transliterated.
RARE_ARABIC = 5
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
#: Pronoun suffixes and plural, dual and nisba endings.
_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي", "ة", "ات", "ون", "ين", "ان", "ية", "يين", "يون")


@cache
def counts(lang: str) -> dict[str, int]:
    """Word → count in pyspellchecker's list for *lang* (empty when unavailable)."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    return dict(SpellChecker(language=lang, distance=1).word_frequency.dictionary)


def looks_transliterated(word: str) -> bool:
    """Whether an Arabic *word* (any clitic stripped) is unknown to the Arabic word list."""
    table = counts("ar")
    if not table:
        return False
    forms = [word] + [word[len(p):] for p in _CLITICS if word.startswith(p) and len(word) - len(p) >= 3]
    forms += [f[: -len(s)] for f in list(forms) for s in _SUFFIXES if f.endswith(s) and len(f) - len(s) >= 3]
    forms += [f[:-1] + "ة" for f in list(forms) if f.endswith("ت")]  # ونظيرتها → نظيرة
    return all(table.get(f, 0) < RARE_ARABIC for f in forms)
