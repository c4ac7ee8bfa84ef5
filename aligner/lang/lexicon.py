"""Word counts from pyspellchecker's lists (French, English, Arabic), read once.

An Arabic word that the Arabic list does not know (or barely) looks transliterated:
a foreign name, not an ordinary word.
"""

from __future__ import annotations

import re
from functools import cache

from ..config import QA_DEFAULTS

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
#: Pronoun suffixes and plural, dual and nisba endings.
_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي", "ة", "ات", "ون", "ين", "ان", "ية", "يين", "يون")
#: Verb endings (plural وا, dual ا, with an object pronoun: يدخلوها, ليهجروها) and the
#: accusative ending ا (تنوين الفتح: مسموعاً, written مسموعا without its diacritic).
_ENDINGS = ("وها", "وهم", "وه", "وا", "و", "ا")
#: Prefixes of the imperfect verb (يتفاوت ← تفاوت).
_VERB_PREFIXES = ("ي", "ت", "ن")


@cache
def counts(lang: str) -> dict[str, int]:
    """Word → count in pyspellchecker's list for *lang* (empty when unavailable)."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    return dict(SpellChecker(language=lang, distance=1).word_frequency.dictionary)


def looks_transliterated(word: str, rare: int = QA_DEFAULTS.rare_arabic) -> bool:
    """Whether an Arabic *word* (any clitic stripped) is unknown to the Arabic word list: seen
    fewer than *rare* times (:attr:`~aligner.config.QAConfig.rare_arabic`)."""
    table = counts("ar")
    if not table:
        return False
    word = _DIACRITICS.sub("", word)
    forms = [word] + [word[len(p):] for p in _CLITICS if word.startswith(p) and len(word) - len(p) >= 3]
    forms += [f[: -len(s)] for f in list(forms) for s in _ENDINGS if f.endswith(s) and len(f) - len(s) >= 3]
    forms += [f[: -len(s)] for f in list(forms) for s in _SUFFIXES if f.endswith(s) and len(f) - len(s) >= 3]
    forms += [f[:-1] + "ة" for f in list(forms) if f.endswith("ت")]  # ونظيرتها → نظيرة, عمليتا → عملية
    forms += [f + "ة" for f in list(forms) if word.endswith("ات")]  # إطلالات → إطلالة
    if word[:1] in _VERB_PREFIXES and len(word) >= 5:  # not after a clitic: فيشيلا is not ف + يشيلا
        forms.append(word[1:])
    return all(table.get(f, 0) < rare for f in forms)
