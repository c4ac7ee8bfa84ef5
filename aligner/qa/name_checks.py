"""The name check's findings, with their severity.

A capitalised French name with no transliterated counterpart is a warning when
nothing explains it. It is a note (info) when:

* it is part of a title that is translated rather than transliterated: its run of
  capitalised words has a common French or English word, or an acronym, in it
  (``Sveriges Radio`` ↔ «راديو السويد», ``COVID-19 Therapeutics Accelerator``,
  ``United States Geological Survey``);
* another word of the same name was found and this one comes before it: a first
  name left out (``Oprah Winfrey`` ↔ «وينفري»);
* the target has a word that looks transliterated (unknown to an Arabic word
  list) and corresponds to no other name: probably this name, spelt another way;
* the target has glued words (a missing space), which hide names;
* no unit of the memory renders it and two or more name it: the translator renders it
  another way throughout (``Springboks`` ↔ «منتخب جنوب أفريقيا للرغبي»), :func:`never_rendered`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ..config import QA_DEFAULTS, QAConfig
from ..lang import ar, fr
from ..lang.entities import french_names
from ..lang.lexicon import counts, looks_transliterated
from ..lang.translit import (
    arabic_skeleton,
    arabic_skeletons,
    edit_distance,
    foreign_skeletons,
    latin_skeletons,
    name_in_arabic,
)

_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[- ](?:(?:de|du|des|of|and|the|la|le|for|et)\s)?[A-ZÀ-ÖØ-Þ0-9][\w'’-]*)*")
_AR_WORD = re.compile(r"[\u0621-\u064A][\u0621-\u064A\u064B-\u065F\u0670\u0640]{2,}")
#: Letters for sounds that European and Asian languages lack (ع ظ ض ذ ث): transliterations of
#: their names avoid them, so a word with one is an Arabic word (مظاريف, لسباعيات), as is a word in ة.
_ARABIC_SOUNDS = re.compile("[عظضذث]")
#: SI prefixes written out (ميغابيت, كيلوواط): a unit, not a name.
_SI_PREFIX = re.compile("^(?:[وبلف]|لل|ال)?(?:ميغا|ميجا|غيغا|جيجا|كيلو|تيرا|نانو|ميكرو|ميلي|ملي)")
_TANWIN = re.compile("[\u064B-\u064D]")
#: Arabic morphology that transliterations lack: a feminine noun in ة before a pronoun
#: (قلويتها: its alkalinity, ة written ت), and the imperfect of a form X verb (يستوف, تستخدم).
_ARABIC_FORM = re.compile("(?:ت(?:ها|هما|هم|هن|كم|كما|نا|ه|ك)$)|(?:^[يتن]ست)")
_AR_DIACRITICS = re.compile("[\u064B-\u065F\u0670\u0640]")
_FR_WORD = re.compile(r"[a-zà-ÿœæ]{5,}", re.I)
#: Endings of French derived common nouns and adjectives (Nomenclature, Interopérable):
#: capitalised in a title, they are translated, not transliterated.
_DERIVED = ("able", "ible", "ation", "ition", "isme", "iste", "ité", "ement", "ture", "logie", "graphie")


def _dictionary_word(name: str) -> bool:
    """A capitalised French word of a derived shape that the French word list knows."""
    low = name.lower()
    return low not in fr.EXONYMS and low.endswith(_DERIVED) and counts("fr").get(low, 0) > 0


#: A genus: named after «genre»/«famille», or followed by a Latin species epithet (Geospiza fortis).
_GENUS = re.compile(r"(?:\b(?:genre|genres|famille|sous-genre|ordre)\s+({n})\b)"
                    r"|(?:\b({n})\s+[a-z]+(?:is|us|um|ae|ii|ensis|oides|ata|ica|ana|ensis)\b)")


def _scientific_name(src: str, name: str) -> bool:
    """Whether *name* is used as a genus in *src* (a scientific name, translated in Arabic)."""
    return bool(re.search(_GENUS.pattern.format(n=re.escape(name)), src))


def _runs(text: str) -> list[str]:
    return [m.group(0) for m in _RUN.finditer(text)]


def _with_acronym(src: str, run: str) -> bool:
    """A run given with its acronym, «Hedgehog (EriCoV)», «USGS (United States Geological
    Survey)»: an institution's or a term's title, which Arabic translates."""
    for m in re.finditer(re.escape(run), src):
        after, before = src[m.end():m.end() + 14], src[max(0, m.start() - 14):m.start()]
        if re.match(r"\s*\(\s*(?=[\w-]*[A-Z][\w-]*[A-Z])[\w-]+\s*[),]", after) or re.search(r"\b[A-Z]{2,}\w*\s*\(\s*$", before):
            return True
    return False


def _translated_title(run: str) -> bool:
    """A run of capitalised words with a common word or an acronym in it: a title, not a name."""
    words = [w.strip("'’-") for w in re.split(r"[\s-]+", run) if w]
    if len(words) < 2:
        return False
    for w in words:
        low = w.lower()
        if w.isupper() and len(w) >= 2 or low in fr.ENGLISH_WORDS or low in fr.COMMON_CAPITALISED \
                or (len(low) > 3 and fr.is_common_word(low)):
            return True
    return False


def unexplained_transliterations(src: str, tgt: str, names: list[str], any_word: bool = False,
                                 cfg: QAConfig = QA_DEFAULTS) -> list[str]:
    """Target words that look transliterated and match no name of the source (diacritics
    removed: «التّكنولوجيا» is one word). With *any_word*, nor any word of the source
    sharing their stem (:attr:`~aligner.config.QAConfig.stem_share`): a derived word
    (ناميبيا ↔ namibiennes, ماسيف ↔ massif, أسترالوبيثكس ↔ australopithèques), nor a word with
    a letter of :data:`_ARABIC_SOUNDS`, in ة or of an Arabic form (:data:`_ARABIC_FORM`), nor a
    loose spelling of a name of *names*."""
    out = []
    found_sks = {sk for n in names for sk in latin_skeletons(n)}
    stems = _source_stems(src) if any_word else frozenset()
    for m in _AR_WORD.finditer(tgt):
        if _TANWIN.search(m.group(0)):
            continue  # a declined word (ديبلوماسياً, تعسفيًا): foreign names take no tanwin
        w = _AR_DIACRITICS.sub("", m.group(0))
        if len(w) >= 3 and _name_shaped(w) and looks_transliterated(w, cfg.rare_arabic) \
                and arabic_skeleton(w) not in found_sks and not name_in_arabic_any(w, names, cfg.rare_arabic) \
                and not _shares_stem(w, stems, cfg.stem_share) \
                and not (any_word and (_ARABIC_SOUNDS.search(w) or w.endswith("ة") or _SI_PREFIX.match(w)
                                       or _ARABIC_FORM.search(w)
                                       or any(_similar(w, n, cfg.similar_name) for n in names))):
            out.append(w)  # (with any_word, a loose spelling of a source name is that name: فيشيلا)
    return out


def _source_stems(src: str) -> frozenset[str]:
    """Skeletons of the words of *src* of five letters or more, read every way a name is."""
    out: set[str] = set()
    for w in set(_FR_WORD.findall(src)):
        out |= latin_skeletons(w) | foreign_skeletons(w)
    return frozenset(sk for sk in out if len(sk) >= 3)


def _shares_stem(word: str, stems: frozenset[str], share: float) -> bool:
    """Whether the skeleton of an Arabic *word* (clitics and endings off) starts one of *stems*,
    or one of them starts it, covering most of the longer one; or is one edit from it."""
    if not stems:
        return False
    for sk in arabic_skeletons(word):
        if len(sk) < 3 or "+" in sk:
            continue
        for t in stems:
            short, long_ = (sk, t) if len(sk) <= len(t) else (t, sk)
            if long_.startswith(short) and len(short) >= share * len(long_):
                return True
            if len(short) >= 4 and len(long_) - len(short) <= 1 and edit_distance(sk, t) <= 1:
                return True
    return False


def _name_shaped(word: str) -> bool:
    """Shaped like a transliterated name: no article, not a month or weekday, and long vowels
    written for the foreign vowels (جينجريتش, كيشيناو), which Arabic verb and noun patterns lack."""
    stem = word[1:] if word[:1] in "وبلفك" and len(word) > 4 else word
    if stem.startswith("ال") or stem in ar.MONTHS or word in ar.MONTHS or stem in ar.DAYS:
        return False
    return sum(stem.count(c) for c in "اويى") >= 2


def _similar(word: str, name: str, share: float) -> bool:
    """Whether an Arabic *word* could be *name* spelt loosely: skeletons within *share* of their
    length in edits (:attr:`~aligner.config.QAConfig.similar_name`)."""
    sk = arabic_skeleton(word.removeprefix("ال"))
    return any(edit_distance(sk, t) <= int(len(t) * share) for t in latin_skeletons(name) if len(t) >= 3)


def _before_name(first: str, surname: str, tgt: str) -> bool:
    """Whether the Arabic word just before *surname*'s transliteration spells *first*, even
    when its skeleton is too short to be matched alone (Juan ↔ خوان, which is also an
    Arabic word)."""
    words = [_AR_DIACRITICS.sub("", w) for w in _AR_WORD.findall(tgt)]
    want = latin_skeletons(first) | foreign_skeletons(first)
    for k in range(1, len(words)):
        if name_in_arabic(surname, words[k]) and arabic_skeletons(words[k - 1]) & want:
            return True
    return False


def _one_word(name: str, tgt: str) -> bool:
    """Whether one Arabic word of *tgt* spells the whole of *name* (skeletons within one edit)."""
    wanted = {sk for sk in latin_skeletons(name) if len(sk) >= 4}
    for w in _AR_WORD.findall(tgt):
        for sk in arabic_skeletons(_AR_DIACRITICS.sub("", w)):
            if "+" not in sk and any(abs(len(sk) - len(t)) <= 1 and edit_distance(sk, t) <= 1 for t in wanted):
                return True
    return False


def name_in_arabic_any(word: str, names: list[str], rare: int = QA_DEFAULTS.rare_arabic) -> bool:
    sks = arabic_skeletons(word)
    return any(name_in_arabic(n, word, sks, rare) for n in names)


def names_and_missing(src: str, tgt: str, common: set[str],
                      cfg: QAConfig = QA_DEFAULTS) -> tuple[list[str], list[str], list[str]]:
    """The names of *src*, those found in *tgt* and those not found (before any excuse)."""
    skeletons = arabic_skeletons(tgt)
    names = list(dict.fromkeys(french_names(src, common)))
    found = [n for n in names if name_in_arabic(n, tgt, skeletons, cfg.rare_arabic)]
    missing = [n for n in names if n not in found]
    if len(missing) > 1 and name_in_arabic("".join(missing), tgt, skeletons):
        missing = []  # a name of several words written as one (New York ↔ نيويورك)
    for a, b in zip(names, names[1:], strict=False):  # … of which one word alone matched (Hong Kong ↔ هونغكونغ)
        if (a in missing) != (b in missing) and re.search(re.escape(a) + r"\s+" + re.escape(b), src) \
                and _one_word(a + b, tgt):
            missing = [n for n in missing if n not in (a, b)]
    return names, found, missing


def never_rendered(pairs: Iterable[tuple[str, str]], common: set[str], cfg: QAConfig = QA_DEFAULTS) -> dict[str, int]:
    """Names that several units of a memory name and none renders, with how many units
    name them: the translator renders them another way throughout (a nickname by its
    meaning, «Springboks» ↔ «منتخب جنوب أفريقيا للرغبي»), a choice rather than a slip."""
    named: Counter[str] = Counter()
    rendered: set[str] = set()
    for src, tgt in pairs:
        names, _, missing = names_and_missing(src, tgt, common, cfg)
        named.update(names)
        rendered.update(n for n in names if n not in missing)
    return {n: k for n, k in named.items() if k >= 2 and n not in rendered}


def name_findings(src: str, tgt: str, common: set[str], glued: bool,
                  cfg: QAConfig = QA_DEFAULTS, throughout: dict[str, int] | None = None) -> Iterator[tuple[str, str]]:
    """(severity, message) for the names of *src* not found in *tgt*; *throughout*: names
    that no unit of the memory renders (:func:`never_rendered`), a note."""
    names, found, missing = names_and_missing(src, tgt, common, cfg)
    if not missing:
        return
    warn, note = [], []
    runs = _runs(src)
    others = unexplained_transliterations(src, tgt, found, cfg=cfg) if not glued else []
    for n in missing:
        run = next((r for r in runs if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", r)), n)
        later = run[run.find(n) + len(n):]
        if throughout and n in throughout:
            note.append(f"{n} (not rendered in any of the {throughout[n]} units that name it: rendered another way)")
        elif _scientific_name(src, n):
            note.append(f"{n} (a scientific name, which Arabic translates)")
        elif _dictionary_word(n):
            note.append(f"{n} (a dictionary word, perhaps translated)")
        elif _translated_title(run) or _with_acronym(src, run):
            note.append(f"{n} (in a title that may be translated: {run})")
        elif any(f in later and _before_name(n, f, tgt) for f in found):
            continue  # a short first name next to its surname (Juan Carlos ↔ خوان كارلوس)
        elif any(f in later for f in found):
            note.append(f"{n} (first name left out)")
        elif glued:
            note.append(f"{n} (the target has glued words)")
        elif close := [w for w in others if _similar(w, n, cfg.similar_name)]:
            note.append(f"{n} (perhaps spelt {' / '.join(close[:3])})")
        else:
            warn.append(n)
    if warn:
        yield "warning", f"name not found in the target: {', '.join(warn)}"
    if note:
        yield "info", f"name not found in the target: {', '.join(note)}"
