"""Language identification good enough to catch swapped or wrong files.

Arabic is told by script; Latin-script languages by their most frequent
function words. Used to refuse, with the fix, a French slot given an Arabic
file (and the reverse), and by ``aligner pair`` to sort a folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LanguageError
from . import fr, script_shares

_STOPWORDS: dict[str, frozenset[str]] = {
    "fr": fr.FUNCTION_WORDS,
    "en": frozenset("the of and to in is that for it with as was on are by this be from at have not".split()),
    "de": frozenset("der die das und ist nicht den von zu mit sich des auf für im dem ein eine auch wir".split()),
    "es": frozenset("el la los las de que y en un una por con para es del se lo al como más".split()),
    "it": frozenset("il lo la gli le di che e è per non con del della un una sono nel alla".split()),
    "pt": frozenset("o a os as de que e do da em um uma para com não por se na no mais".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

LANGUAGE_NAMES = {"fr": "French", "ar": "Arabic", "en": "English", "de": "German",
                  "es": "Spanish", "it": "Italian", "pt": "Portuguese"}


@dataclass(frozen=True)
class Guess:
    """A language guess: ``code`` is a BCP 47 primary tag or ``und``."""

    code: str
    confidence: float


def detect_language(text: str) -> Guess:
    """Guess the language of *text* (``ar``, ``fr``, ``en``, ``de``… or ``und``)."""
    sample = text[:50000]
    shares = script_shares(sample)
    if shares["arabic"] >= 0.5:
        return Guess("ar", shares["arabic"])
    if shares["latin"] < 0.5:
        return Guess("und", 0.0)
    words = [w.lower() for w in _WORD.findall(sample)]
    words = [w.split("'")[-1].split("’")[-1] for w in words]
    if not words:
        return Guess("und", 0.0)
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    total = sum(scores.values())
    if scores[best] == 0:
        return Guess("und", 0.0)
    return Guess(best, scores[best] / total)


def language_name(code: str) -> str:
    """English name of a language code, or the code itself."""
    return LANGUAGE_NAMES.get(code.split("-")[0], code)


def check_language(text: str, expected: str, name: str) -> None:
    """Raise :class:`LanguageError` when *text* is plainly not in *expected*."""
    primary = expected.split("-")[0].lower()
    guess = detect_language(text)
    if primary == "ar":
        ok = guess.code == "ar"
    elif primary in _STOPWORDS:
        ok = guess.code == primary or (guess.code not in ("ar", "und") and guess.confidence < 0.6)
    else:
        return  # a language we cannot tell: trust the user
    if not ok and guess.code == "und":
        # Little or no text: a page whose article a script loads, an almost empty file. The
        # order of the files is not the likely fault.
        shown = " ".join(text.split())
        raise LanguageError(
            f"{name}: expected {language_name(primary)} text but found no recognisable language in "
            f"the {len(shown)} characters read ({shown[:60]!r}); check that it is the right file (a "
            "page may load its article with a script: save the page as the browser shows it) or set "
            "--src-lang/--tgt-lang"
        )
    if not ok:
        found = language_name(guess.code)
        raise LanguageError(
            f"{name}: expected {language_name(primary)} text but found {found}; "
            "check the order of the files (source first, then target) or set "
            "--src-lang/--tgt-lang"
        )
