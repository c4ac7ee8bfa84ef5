"""Arabic clitics: conjunctions و ف, prepositions ب ك ل and the article ال glued to a word.

«للأمن الوطني» is «ل» + «الأمن الوطني» (the alef of the article drops after ل), so a term
is looked for with any clitics in front of its first word.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans("أإآٱى", "ااااي")
_LETTER = "\u0621-\u064A"
#: Clitics before a word without its article, and the article itself («وبالأمن», «للأمن»).
_PREFIX = r"(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)"


@lru_cache(maxsize=1024)
def plain(text: str) -> str:
    """Diacritics and tatweel removed; أ إ آ ٱ → ا, ى → ي."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """A pattern finding the Arabic *term* with clitics before it, in :func:`plain` text."""
    t = plain(term).strip()
    if t.startswith("ال"):
        head = rf"(?:[وف]?[بك]?ال|[وف]?لل){re.escape(t[2:])}"
    else:
        head = _PREFIX + re.escape(t)
    return re.compile(rf"(?<![{_LETTER}]){head}(?![{_LETTER}])")


def contains_term(text: str, term: str) -> bool:
    """Whether *term* occurs in *text*, clitics allowed («الأمن الوطني» in «للأمن الوطني»)."""
    return bool(term_pattern(term).search(plain(text)))


@lru_cache(maxsize=4096)
def _apart_pattern(term: str) -> re.Pattern[str] | None:
    words = plain(term).split()
    if len(words) < 2:
        return None
    parts = []
    for w in words:
        core = re.escape(w[2:] if w.startswith("ال") and len(w) > 3 else w)
        parts.append(_PREFIX + core)
    return re.compile(rf"(?<![{_LETTER}])" + r"(?:\s+\S+){0,2}\s+".join(parts) + rf"(?![{_LETTER}])")


def contains_term_apart(text: str, term: str) -> bool:
    """Whether the words of a term of several words occur in *text* in order, each with or
    without its article, up to two words apart: «الحمض النووي» in «حمض العاثيات النووي»
    (the nucleic acid of phages: a genitive splits the term)."""
    pattern = _apart_pattern(term)
    return bool(pattern and pattern.search(plain(text)))
