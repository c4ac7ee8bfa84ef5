"""Sentence segmentation: nltk Punkt for French (offline), rules for Arabic.

Every line break ends a segment; a short line without final punctuation is a
``heading``; a bullet, or a short line in a run after a line ending with ``:``,
is an ``item``. Numbers (``3.5``, ``٣٫٥``, ``5.12.2024``) are never split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..errors import ConfigError
from ..models import Sentence
from . import fr
from .datelines import dateline

_BULLET = re.compile(r"^\s*(?:[-–—•·●▪◦*»]|\d{1,2}[.)]|[a-z][.)])\s+")
#: A heading is a short line (characters, words) without final punctuation that does
#: not start in lower case: titles and section headings of news sites are 2–12 words.
_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 14
_ITEM_MAX_CHARS = 120
_END_MARKS = ".!?؟؛…:;,،»\"”)"
# Stray marks a scraped line may start with (",Abdellatif", ".Les").
_LEADING_JUNK = " \t,.;:·"

# A period glued to the next sentence: "nationale.Cette", "Europe.Incarnant".
_FR_GLUED = re.compile(r"(?<=[a-zà-ÿ]{3}[.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
# Arabic sentence ends: a mark then space (or a glued Arabic letter); never a
# period between digits, nor after a one-letter abbreviation (د. أ. م.).
_AR_SPLIT = re.compile(
    r"(?<=[.!؟?؛…])[»”\"')\]]*\s+"
    r"|(?<=[\u0621-\u064A]{2}[.؟!؛])(?=[\u0621-\u064A])"
)
_AR_ONE_LETTER_ABBREV = re.compile(r"(?:^|\s)[\u0621-\u064A]\.$")


@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    # Punkt splits "l'art." into "l" and "'art.": add the apostrophe forms too.
    elided = {f"{p}{a}" for a in fr.ABBREVIATIONS for p in ("'", "’")}
    params.abbrev_types = set(fr.ABBREVIATIONS) | elided
    return PunktSentenceTokenizer(params)


def split_french(paragraph: str) -> list[str]:
    """Sentences of one French paragraph (Punkt with the shipped abbreviations)."""
    out: list[str] = []
    for piece in _punkt().tokenize(paragraph):
        out.extend(p for p in _FR_GLUED.split(piece) if p.strip())
    return out


def split_arabic(paragraph: str) -> list[str]:
    """Sentences of one Arabic paragraph by rules on ``. ؟ ! ؛``."""
    parts: list[str] = []
    start = 0
    for m in _AR_SPLIT.finditer(paragraph):
        head = paragraph[start:m.start()] + paragraph[m.start():m.end()].rstrip()
        if _AR_ONE_LETTER_ABBREV.search(head.rstrip("»”\"')]")):
            continue
        if head.strip():
            parts.append(head.strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _splitter(lang: str):  # type: ignore[no-untyped-def]
    if lang == "ar":
        return split_arabic
    return split_french  # Punkt's heuristics are fine for other Latin-script text


def segment_text(text: str, lang: str) -> list[Sentence]:
    """Split a document's text into sentences, headings and list items."""
    if not lang:
        raise ConfigError("a language code is needed to segment text")
    split = _splitter(lang.split("-")[0].lower())
    sentences: list[Sentence] = []
    in_list = False
    stops = stops_end_sentences(text.split("\n"))
    for line_no, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            continue
        bullet = _BULLET.match(line)
        pieces = [p.lstrip(_LEADING_JUNK) for p in split(line)]
        pieces = [p for p in pieces if p.strip()]
        if not pieces:
            continue
        list_item = (in_list and len(pieces) == 1 and len(line) <= _ITEM_MAX_CHARS
                     and line.endswith(tuple(_END_MARKS)))
        if bullet or list_item:
            kinds = ["item"] * len(pieces)
        elif len(pieces) == 1 and looks_like_heading(line, stops):
            kinds = ["heading"]
        else:
            kinds = ["sentence"] * len(pieces)
        if not list_item and not bullet:
            in_list = False
        if line.endswith((":", "：")):
            in_list = True
        for piece, kind in zip(pieces, kinds, strict=False):
            sentences.append(Sentence(len(sentences), piece, kind, line_no))
    return sentences


#: A side whose long lines (beyond the heading limits) lack a final stop this often does not
#: end its sentences with one (web Arabic often ends a paragraph bare): there a short line
#: without a stop is a sentence like any other, not a heading.
BARE_LINE_SHARE = 0.2


def words(line: str) -> int:
    """Words of *line*: its tokens with a letter or a digit (a kicker's colon or a dash is none)."""
    return sum(1 for token in line.split() if any(ch.isalnum() for ch in token))


def stops_end_sentences(lines: Sequence[str]) -> bool:
    """Whether the long lines of a document end with final punctuation (at least 5 of them,
    fewer than :data:`BARE_LINE_SHARE` bare): only then does a missing stop mark a heading."""
    long = [t.strip() for t in lines if len(t.strip()) > _HEADING_MAX_CHARS or words(t) > _HEADING_MAX_WORDS]
    if len(long) < 5:
        return True
    return sum(1 for t in long if not t.endswith(tuple(_END_MARKS))) < BARE_LINE_SHARE * len(long)


def looks_like_heading(line: str, stops: bool = True) -> bool:
    """A short line (≤ 100 characters, ≤ 14 :func:`words`) without final punctuation that does
    not start with a lower-case letter (a clause cut from its sentence does). With
    *stops* False (the document does not end its sentences with a stop,
    :func:`stops_end_sentences`), no line is one by these signs."""
    stripped = line.strip()
    return (stops and bool(stripped) and len(stripped) <= _HEADING_MAX_CHARS
            and words(stripped) <= _HEADING_MAX_WORDS
            and not stripped.endswith(tuple(_END_MARKS)) and not stripped[0].islower())


# A title glued to its lead by a scraper or an editor: up to 10 words, then ": ",
# " – ", " - " or ". ", then more text ("Baignade : attention… Les courants…").
_GLUED_TITLE = re.compile(r"^(?:\S+\s+){0,9}\S+?(?:\s?[:：]\s|\s[–—-]\s|[^\s.]\.\s)\S")


# Each way of gluing needs one of these marks followed by a space: without one, no match.
_GLUE_MARK = re.compile(r"[:：–—.-]\s")


def opens_with_title(text: str) -> bool:
    """Whether *text* starts with a short title glued to a sentence (``Titre : Phrase…``)."""
    stripped = text.strip()
    return _GLUE_MARK.search(stripped) is not None and bool(_GLUED_TITLE.match(stripped))


def openings(sentences: Sequence[Sentence], lang: str) -> tuple[list[bool], list[bool]]:
    """For each sentence, whether it holds a title glued to its lead, and whether it opens a
    news story: not a heading, and a dateline opens it (``TUNIS, 14 mars – Bus, métros…``,
    :mod:`aligner.lang.datelines`; read once per sentence for both answers)."""
    glued, leads = [], []
    for sentence in sentences:
        lead = sentence.kind != "heading" and dateline(sentence.text.strip(), lang) is not None
        leads.append(lead)
        glued.append(sentence.kind != "heading" and not lead and opens_with_title(sentence.text))
    return glued, leads


def glued_title(sentence: Sentence, lang: str) -> bool:
    """Whether *sentence* holds a title glued to its lead (:func:`opens_with_title`): not when
    it is a heading itself (a title with its kicker, ``Sécheresse : le ministère…``), nor when
    what opens it is a dateline (``Rabat, 14 janvier (MAP) – Le ministère…``: place, date
    and agency, :mod:`aligner.lang.datelines`)."""
    return openings([sentence], lang)[0][0]


def line_kind(line: str, stops: bool = True) -> str:
    """``heading`` for a line that :func:`looks_like_heading`, ``item`` for a
    bullet, else ``sentence``."""
    stripped = line.strip()
    if _BULLET.match(stripped):
        return "item"
    if looks_like_heading(stripped, stops):
        return "heading"
    return "sentence"


def pre_split(text: str) -> list[Sentence]:
    """One sentence per line, exactly as given (line i is sentence i), each with
    its :func:`line_kind` (a short line that does not end like a sentence, or a
    clause, is a heading: it is then kept out of many-sentence beads)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    stops = stops_end_sentences(lines)
    return [Sentence(i, line, line_kind(line, stops), line=i) for i, line in enumerate(lines)]
