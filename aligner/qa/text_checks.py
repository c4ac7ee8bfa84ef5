"""Checks on the text itself: glued words, cut sentences.

:func:`glued` is the one place that decides what is two words glued together: the
``missing-space`` check reports its tokens, and the name, number and date checks
downgrade a finding that reading them apart (:func:`unglue`) makes disappear.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import QA_DEFAULTS, QAConfig
from ..lang import ar, fr

#: ة and ى end a word: a letter after them means two words glued (الملكةالمتحدة).
_AR_GLUED = re.compile(r"[\u0621-\u064A]*[ةى](?=[\u0621-\u064A])[\u0621-\u064A]+")
#: A sentence end with no space after it (2014.En mai, الأول.وفي).
_GLUED_SENTENCE = re.compile(r"[a-zà-ÿ\u0621-\u064A0-9]{2,}[.!?؟][A-ZÀ-Ý\u0621-\u064A][a-zà-ÿ\u0621-\u064A]+")
#: Names of Latin letters in Arabic: an acronym spelt out (إتش آي في = HIV) may end on «في» or «إن».
LETTER_NAMES = frozenset("إيه بي سي دي إي إف جي إتش آي جيه كيه إل إم إن أو بي كيو آر إس تي يو في دبليو إكس واي زد".split())


_AR_TOKEN = re.compile(r"[\u0621-\u064A]{5,}")
_ARTICLES = ("ال", "لل", "وال", "بال", "فال", "كال")
_CLITICS = "وبلكف"


@dataclass(frozen=True)
class Glued:
    """A token of two words (or sentences) glued together, and the same with the space put back."""

    token: str
    split: str


def glued(text: str, src: str = "", cfg: QAConfig = QA_DEFAULTS) -> list[Glued]:
    """Places where a space is missing between two words or two sentences of *text*.

    Always: a letter after a word-final ة or ى (المملكةالمتحدة), a sentence end with no space
    after it (2014.En). With *src* (the other side of the unit), also an Arabic token unknown
    to the word list made of a common word (:attr:`~aligner.config.QAConfig.glued_common`)
    and a number word, a month, a weekday or a name of *src*, or of two of these
    (فيستة, كبيرلميلر, غشتألفين)."""
    out = [Glued(m.group(0), re.sub(r"([ةى])(?=[\u0621-\u064A])", r"\1 ", m.group(0))) for m in _AR_GLUED.finditer(text)]
    out += [Glued(m.group(0), re.sub(r"([.!?؟])", r"\1 ", m.group(0), count=1))
            for m in _GLUED_SENTENCE.finditer(text) if not re.search(r"\d[.]\d", m.group(0))]
    if src:
        seen = {g.token for g in out}
        for m in _AR_TOKEN.finditer(text):
            if any(m.group(0) in t for t in seen):
                continue
            split = _split_on_evidence(m.group(0), src, cfg)
            if split:
                seen.add(m.group(0))
                out.append(Glued(m.group(0), split))
    return out


def glued_words(text: str, src: str = "", cfg: QAConfig = QA_DEFAULTS) -> list[str]:
    """The tokens of :func:`glued`."""
    return [g.token for g in glued(text, src, cfg)]


def unglue(text: str, tokens: list[Glued]) -> str:
    """*text* with the missing spaces of *tokens* put back."""
    for g in tokens:
        text = text.replace(g.token, g.split)
    return text


def _split_on_evidence(token: str, src: str, cfg: QAConfig) -> str | None:
    """``"a b"`` when a *token* unknown to the word list is a common word and a number word,
    month, weekday or source name, or two of these, glued together; else None."""
    from ..lang.entities import french_names, month_mentions, weekdays
    from ..lang.lexicon import counts
    from ..lang.numbers import Number, numbers
    from ..lang.translit import name_in_arabic

    table = counts("ar")
    if table.get(token, 0) >= cfg.rare_arabic:
        return None
    names: list[str] | None = None
    values = {v for n in numbers(src) for v in n.values}
    months, days = set(month_mentions(src, "fr", False)), weekdays(src, "fr")

    def number_word(part: str) -> list[Number]:
        """The part read as one number word of 2 or more, not after a clitic (وست is not ست)."""
        if part[0] in _CLITICS and numbers(part[1:]):
            return []
        return [n for n in numbers(part) if n.kind == "word" and n.text == part and min(n.values) >= 2]

    def evidence(part: str) -> str:
        """"date" or "number" for a month, weekday or number word that the source has,
        "name" for a name of the source, else ""."""
        nonlocal names
        if len(part) < 3 or part.startswith(_ARTICLES):
            return ""
        if any(n.values & values for n in number_word(part)):
            return "number"
        if {k for k, w in month_mentions(part, "ar", False).items() if w == part} & months \
                or weekdays(part, "ar") & days:
            return "date"
        if names is None:  # a name glued to a word, not the name itself (كبيرلميلر, not ويمبلي)
            names = [n for n in french_names(src, set()) if not name_in_arabic(n, token)]
        return "name" if any(name_in_arabic(n, part) for n in names) else ""

    def word(part: str, two_letters: bool) -> bool:
        """A common word (of two letters only before a number or a date: في ستة, not إن + a name),
        or any number word (غشت ألفين)."""
        common = table.get(part, 0) >= cfg.glued_common and (two_letters or len(part) >= 3)
        return not part.startswith(_ARTICLES) and (common or bool(number_word(part)))

    for i in range(2, len(token) - 1):
        a, b = token[:i], token[i:]
        kind_a, kind_b = evidence(a), evidence(b)
        if (kind_b and word(a, kind_b != "name")) or (kind_a and word(b, False)):
            return f"{a} {b}"
    return None


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


#: How Arabic spells the letters of a Latin acronym (English letter names, the usual way:
#: «دبليو إتش أو» for WHO), with the common variants.
_LETTER_NAMES = {
    "A": "إيه|ايه|أيه|اي|إي|آي|أي", "B": "بي|بى", "C": "سي|سى", "D": "دي|دى", "E": "إي|اي|ئي|إيه",
    "F": "إف|اف|إيف", "G": "جي|جى", "H": "إتش|اتش|إيتش|ايتش|إنش|انش|اتش", "I": "آي|اي|أي|إي",
    "J": "جيه|جاي|جي", "K": "كيه|كي|كاي", "L": "إل|ال|إيل", "M": "إم|ام|إيم", "N": "إن|ان|إين",
    "O": "أو|او|أوه|اوه", "P": "بي|بى", "Q": "كيو|كيوه", "R": "آر|ار|أر", "S": "إس|اس|إيس",
    "T": "تي|تى", "U": "يو", "V": "في|فى", "W": "دبليو|دابليو|دبل يو", "X": "إكس|اكس", "Y": "واي",
    "Z": "زد|زي|زيد",
}


@lru_cache(maxsize=512)
def _spelling(acronym: str) -> re.Pattern[str]:
    letters = [f"(?:{_LETTER_NAMES[c]})" for c in acronym.upper()]
    return re.compile(r"(?<![\u0621-\u064A])" + r"[\s.\-]*".join(letters) + r"(?![\u0621-\u064A])")


def spelled_in_arabic(acronym: str, tgt: str) -> bool:
    """Whether *tgt* spells the Latin *acronym* letter by letter in Arabic («يو إس جي إس»)."""
    if not acronym.isascii() or not acronym.isalpha():
        return False
    return _spelling(acronym).search(tgt) is not None


def acronym_findings(src: str, tgt: str) -> list[tuple[str, str]]:
    """Known acronyms of the source missing from the target: a warning when the target
    names another organisation of the table instead, else a note."""
    from ..lang.acronyms import ACRONYMS, TERMS
    from ..lang.clitics import contains_term, contains_term_apart

    out = []
    present = set(re.findall(r"\b[A-Z]{2,6}\b", src))
    for acro in sorted(present & ACRONYMS.keys()):
        if acro in tgt or any(contains_term(tgt, form) for form in ACRONYMS[acro]):
            continue
        if spelled_in_arabic(acro, tgt) or any(contains_term_apart(tgt, form) for form in ACRONYMS[acro]):
            continue  # «يو إس جي إس»; «حمض العاثيات النووي» for الحمض النووي
        others = [a for a, forms in ACRONYMS.items() if acro not in TERMS and a not in TERMS and a not in present
                  and not set(forms) & set(ACRONYMS[acro]) and any(contains_term(tgt, f) for f in forms)]
        if others:
            out.append(("warning", f"acronym {acro} ({ACRONYMS[acro][0]}) rendered as another organisation: "
                                   f"{', '.join(ACRONYMS[o][0] for o in others)}"))
        else:
            out.append(("info", f"acronym {acro} not found in the target (expected {' / '.join(ACRONYMS[acro][:2])})"))
    return out


#: Latin-script words in a row, in an Arabic target: ``l’ARN polymérase ARN dépendante``.
_LATIN_RUN = re.compile(r"(?:[A-Za-zÀ-ÿ][\wÀ-ÿ’'-]*[\s,]+){3,}[A-Za-zÀ-ÿ][\wÀ-ÿ’'-]*")


def copied_source_run(src: str, tgt: str) -> str | None:
    """A run of at least four Latin-script words in the Arabic *tgt*, with a French function
    word, that the source has word for word: French prose left untranslated (a name, a title
    or an English phrase has no French function word)."""
    lowered = src.lower()
    for m in _LATIN_RUN.finditer(tgt):
        run = m.group(0).strip(" ,")
        words = re.split(r"[\s,’']+", run.lower())
        if any(w in fr.FUNCTION_WORDS for w in words) and run.lower() in lowered:
            return run
    return None
