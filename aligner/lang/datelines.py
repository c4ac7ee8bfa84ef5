"""News datelines: the place, date and agency that open a wire story.

``Rabat, 5 déc. (MAP) –`` / «الرباط، 5 دجنبر (و م ع) -», ``PARIS (AFP) -``,
``Le Caire, 9 avril 2024 –``. A dateline is metadata of the story, not a sentence of it:
each edition writes its own, and one version often has none, so QA compares the place and
date of a dateline only with the other side's dateline (:mod:`aligner.qa.checks`).

A dateline is recognised at the start of a text: a place (one to four capitalised words in
French, one to three words in Arabic), then a date (day and month, an optional year) and/or
an agency in brackets, then a dash (or the end of the text, a dateline on a line of its
own). A place followed by a dash alone (``Rabat - Le ministre…``) is not taken: without a
date or an agency it cannot be told from a title.
"""

from __future__ import annotations

import re

from . import ar, fr

#: French month names and the abbreviations agencies use (``déc.``, ``janv.``).
_FR_MONTHS = sorted(set(fr.MONTHS) | set(fr.MONTH_ABBREVIATIONS), key=len, reverse=True)
_FR_DAYS = "|".join(fr.DAYS)
_AR_MONTHS = "|".join(sorted(ar.MONTHS, key=len, reverse=True))
_AR_DAYS = "|".join(sorted(ar.DAYS, key=len, reverse=True))
_DIGITS = "[0-9٠-٩]"
_DASH = r"(?:\s*[-–—]\s+|\s*[-–—]\s*$|\s*$)"

_FR_PLACE = r"[A-ZÀ-Ý][\w'’.-]*(?:[ -](?:[A-ZÀ-Ý][\w'’.-]*|de|du|des|la|le|sur|en|l'|d')){0,3}"
_FR_DATE = (rf"(?:le\s+)?(?:(?:{_FR_DAYS})\s+)?{_DIGITS}{{1,2}}(?:er)?\s+(?:{'|'.join(_FR_MONTHS)})\.?"
            rf"(?:\s+{_DIGITS}{{4}})?")
#: An agency in brackets: letters, spaces, dots and slashes, no digits (``(AFP)``, ``(Belga)``).
_FR_AGENCY = r"\(\s*[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ./ &-]{1,24}\)"
_FR_BODY = re.compile(rf"\s*{_FR_PLACE}\s*(?:,\s*{_FR_DATE}(?:\s*{_FR_AGENCY})?|{_FR_AGENCY}){_DASH}")

_AR_WORD = "[\u0621-\u064A\u0640\u064B-\u065F]+"
_AR_PLACE = rf"{_AR_WORD}(?:\s{_AR_WORD}){{0,2}}"
_AR_DATE = rf"(?:(?:{_AR_DAYS})\s+)?{_DIGITS}{{1,2}}\s+(?:{_AR_MONTHS})(?:\s+{_DIGITS}{{4}})?"
_AR_AGENCY = r"\(\s*[\u0621-\u064AA-Za-z][\u0621-\u064AA-Za-z. /]{0,24}\)"
_AR_BODY = re.compile(rf"\s*{_AR_PLACE}\s*(?:[،,]\s*{_AR_DATE}(?:\s*{_AR_AGENCY})?|{_AR_AGENCY}){_DASH}")


def dateline(text: str, lang: str) -> str | None:
    """The dateline that opens *text* (with its dash), or None."""
    m = (_AR_BODY if lang.startswith("ar") else _FR_BODY).match(text)
    return m.group(0) if m else None


def has_dateline(text: str, lang: str) -> bool:
    """Whether a dateline opens *text* or a word of it (after a line of page chrome glued in
    front: «تابعونا على فيسبوك بروكسل، 2 أبريل (بلغا) -»)."""
    body = _AR_BODY if lang.startswith("ar") else _FR_BODY
    return any(body.match(text, m.start()) for m in re.finditer(r"(?:^|(?<=\s))\S", text))


def without_dateline(text: str, lang: str) -> tuple[str, str]:
    """(dateline, the rest of *text*); the dateline is ``""`` when there is none."""
    found = dateline(text, lang)
    return ("", text) if found is None else (found.strip(), text[len(found):])
