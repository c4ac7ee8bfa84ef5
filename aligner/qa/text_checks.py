"""Checks on the text itself: glued words, cut sentences."""

from __future__ import annotations

import math
import re

from ..lang import ar

#: ة and ى end a word: a letter after them means two words glued (الملكةالمتحدة).
_AR_GLUED = re.compile(r"[\u0621-\u064A]*[ةى](?=[\u0621-\u064A])[\u0621-\u064A]+")
#: A sentence end with no space after it (2014.En mai, الأول.وفي).
_GLUED_SENTENCE = re.compile(r"[a-zà-ÿ\u0621-\u064A0-9]{2,}[.!?؟][A-ZÀ-Ý\u0621-\u064A][a-zà-ÿ\u0621-\u064A]+")
#: Names of Latin letters in Arabic: an acronym spelt out (إتش آي في = HIV) may end on «في» or «إن».
LETTER_NAMES = frozenset("إيه بي سي دي إي إف جي إتش آي جيه كيه إل إم إن أو بي كيو آر إس تي يو في دبليو إكس واي زد".split())


def glued_words(text: str) -> list[str]:
    """Places where a space is missing between two words or two sentences."""
    out = [m.group(0) for m in _AR_GLUED.finditer(text)]
    out += [m.group(0) for m in _GLUED_SENTENCE.finditer(text) if not re.search(r"\d[.]\d", m.group(0))]
    return out


def ends_on_non_final_word(text: str) -> str | None:
    """The last word when it cannot end an Arabic sentence (في، من، التي…), unless it closes
    an acronym spelt in letters («إتش آي في»)."""
    words = text.split()
    if not words:
        return None
    last = words[-1].strip(".,،؛;:!?؟»\"”)")
    if last not in ar.NON_FINAL:
        return None
    if len(words) >= 2 and words[-2].strip("\"«(") in LETTER_NAMES:
        return None
    return last


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
#: Characters of Arabic that one letter of an acronym spelt out takes (RCGP ↔ «الكلية الملكية للممارسين العامين»).
ACRONYM_CHARS_PER_LETTER = 7


def acronym_adjusted_deviation(src: str, tgt: str, ratio: float) -> float:
    """``log(len(target) / expected)``, where acronyms of the source that the target does not
    keep in Latin letters count at the length Arabic takes to spell them out."""
    extra = sum(ACRONYM_CHARS_PER_LETTER * len(a) - len(a) for a in _ACRONYM.findall(src) if a not in tgt)
    expected = ratio * len(src) + extra
    return math.log(max(1, len(tgt)) / max(1.0, expected))


def acronym_findings(src: str, tgt: str) -> list[tuple[str, str]]:
    """Known acronyms of the source missing from the target: a warning when the target
    names another organisation of the table instead, else a note."""
    from ..lang.acronyms import ACRONYMS, TERMS
    from ..lang.clitics import contains_term

    out = []
    present = set(re.findall(r"\b[A-Z]{2,6}\b", src))
    for acro in sorted(present & ACRONYMS.keys()):
        if acro in tgt or any(contains_term(tgt, form) for form in ACRONYMS[acro]):
            continue
        others = [a for a, forms in ACRONYMS.items() if acro not in TERMS and a not in TERMS and a not in present
                  and not set(forms) & set(ACRONYMS[acro]) and any(contains_term(tgt, f) for f in forms)]
        if others:
            out.append(("warning", f"acronym {acro} ({ACRONYMS[acro][0]}) rendered as another organisation: "
                                   f"{', '.join(ACRONYMS[o][0] for o in others)}"))
        else:
            out.append(("info", f"acronym {acro} not found in the target (expected {' / '.join(ACRONYMS[acro][:2])})"))
    return out
