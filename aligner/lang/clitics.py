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
        head = rf"(?:[وف]?[بكل]?(?:ال)?|[وف]?لل){re.escape(t)}"
    return re.compile(rf"(?<![{_LETTER}]){head}(?![{_LETTER}])")


def contains_term(text: str, term: str) -> bool:
    """Whether *term* occurs in *text*, clitics allowed («الأمن الوطني» in «للأمن الوطني»)."""
    return bool(term_pattern(term).search(plain(text)))
