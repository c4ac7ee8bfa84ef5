"""Web-scrape boilerplate: which lines of an article are not part of it, and why.

Each rule is a named regular expression tried on a whole (stripped) line. A
rule never edits text: a line is either kept exactly as written or dropped
and reported as a :class:`~aligner.models.Dropped` with the rule's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Dropped

_I = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern; *reason* is what the report says."""

    reason: str
    pattern: re.Pattern[str]


def _rule(reason: str, *alternatives: str) -> Rule:
    return Rule(reason, re.compile("|".join(f"(?:{a})" for a in alternatives), _I))


#: "Read / see / look up" in a link to another article (اقرأ، شاهد، راجع، طالع), and "also" as
#: sites write it: أيضا، أيضاً، أيضًا، ايضا (the tanwīn on the alif or on the ḍād, or none).
_AR_SEE = r"(اقرأ|إقرأ|اقرا|إقرا|شاهد|راجع|طالع)"
_AR_ALSO = "[أا]يض\u064b?ا\u064b?"

#: Lines that open a list of teasers to other articles.
TEASER_TRIGGERS = _rule(
    "read-more teaser list",
    r"^(lire la suite|(à |a )?(lire|voir) (aussi|ausi|également|egalement)|you may also like|"
    r"related( posts| articles)?|articles? (similaires|liés|connexes)|plus d'articles|"
    r"plus articles a lire|sur le même sujet|dans la même rubrique|les plus lus)\s*:?\s*$",
    rf"^({_AR_SEE} ({_AR_ALSO}|كذلك)|مقالات ذات صلة|أخبار ذات صلة|مواضيع ذات صلة|في نفس السياق|الأكثر قراءة|"
    r"المزيد من الأخبار)\s*:?\s*$",
)

#: A link to another article announced as such: never article text, however long.
READ_ALSO = _rule(
    "read-also link",
    r"^(à |a )?(lire|voir) (aussi|également|egalement)\s*[:：»>|-]\s*\S",
    rf"^{_AR_SEE} ({_AR_ALSO}|كذلك)\s*[:：»>|-]\s*\S",
)

RULES: tuple[Rule, ...] = (
    _rule("punctuation-only line", r"^[\W_]+$"),
    _rule(
        "byline",
        r"^(édité|edité|publié|publie|rédigé|redige|écrit|ecrit|posted|written|"
        r"mis en ligne|modifié) (par|by|le)\b",
        r"^par\s+[A-ZÉ][\w'’.-]+(\s+[A-ZÉ][\w'’.-]+){0,3}\s*$",
        r"^(بقلم|كتبه|حرر|تحرير)\s*[:：]?\s*\S",
    ),
    _rule(
        "source line",
        r"^(sources?|soirce|crédits?|credit|المصدر|مصدر)\s*[:：]",
        r"^\w{4,8}\s*:\s*\S+\.(com|net|org|ma|fr|be|info|tv)\s*$",
    ),
    # A photo credit, on either side: "Photo : AFP", "صورة: رويترز" (a caption that
    # describes the picture is a sentence and is kept, on both sides alike).
    _rule(
        "photo credit",
        r"^(dr|©.*|\(dr\)|photo dr|droits réservés)\s*$",
        r"^(photos?|crédit photo|illustration|image|صورة|الصورة|تصوير|الصور)\s*[:：/]\s*\S+(\s+\S+){0,3}\s*$",
    ),
    _rule(
        "timestamp",
        r"^(le |publié le |mis à jour le )?\d{1,2}/\d{1,2}/\d{2,4}( à \d{1,2}h\d{2})?\s*$",
        r"^(updated|mis à jour|dernière mise à jour)\b.{0,40}\d{4}.{0,20}$",
        r"^(نشر|نُشر|تم النشر|آخر تحديث|اخر تحديث|تحديث)(\s+(في|يوم|بتاريخ))?\s*[:：]?\s*(يوم\s+)?[0-9٠-٩][^.!?؟]{0,40}$",
    ),
    _rule(
        "navigation crumbs",
        r"^(accueil|home|الرئيسية)(\s*[>»/|›]\s*|[A-ZÉÈ]{3,}).{0,200}$",
        r"^[-–•]\s*in\s+\w+\s*$",
        r"^spot_img\s*$",
    ),
    _rule(
        "share/comment/subscribe line",
        r"^(partager|partagez|share|tweet|imprimer|print|commenter|commentaires?|"
        r"laisser un commentaire|leave a (reply|comment)|loading|chargement)\b.{0,60}$",
        r"votre adresse (e-mail|email|courriel) ne sera pas publiée",
        r"les champs obligatoires sont indiqués",
        r"^(s'abonner|s’abonner|abonnez-vous|inscrivez-vous|faites la subscription|"
        r"newsletter|subscribe)\b.{0,120}$",
        r"^(lire ausi|lire aussi)\b.{0,80}$",
        r"^(profitez d'un accès exclusif|profitez d’un accès exclusif|bientôt, nous aurons un abonnement).*$",
        r"^(suivez-nous|follow us)\b.{0,80}$",
        r"^(شارك بتعليقك|شارك|مشاركة|التعليقات|أضف تعليق|اترك تعليقا|تابعونا)\b.{0,60}$",
        r"^(اشتراك|إشترك|اشترك)\s+(في|ب)\s*(ال)?قائمة البريدية.*$",
        r"النشرة (البريدية|الإخبارية)",
    ),
    _rule("advertisement", r"^(publicité|advertisement|sponsorisé|annonce|إعلان)\s*$"),
)

_TEASER_END_MIN_CHARS = 200


def _looks_like_teaser(line: str) -> bool:
    """A teaser is a title (no final stop) or a short/ellipsis-ended excerpt."""
    if line.endswith(("...", "…")):
        return True
    return len(line) < _TEASER_END_MIN_CHARS


#: A line with at least this many words that ends like a sentence is article text:
#: no rule drops it ("Publié le 5 décembre 2024, le communiqué précise que …").
SENTENCE_MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?؟…»\"”)]\s*$")


def is_full_sentence(line: str) -> bool:
    """A long line ending with a full stop, question or exclamation mark: a sentence,
    whatever words it opens with."""
    return len(line.split()) >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line))


def classify_line(line: str) -> str | None:
    """The reason *line* is boilerplate, or None when it is content."""
    stripped = line.strip()
    if not stripped:
        return None
    if TEASER_TRIGGERS.pattern.search(stripped):
        return TEASER_TRIGGERS.reason
    if READ_ALSO.pattern.search(stripped):
        return READ_ALSO.reason
    if is_full_sentence(stripped):
        return None
    for rule in RULES:
        if rule.pattern.search(stripped):
            return rule.reason
    return None


def classify_lines(lines: list[str]) -> list[str | None]:
    """The reason each line is boilerplate (None: content), in order.

    A teaser trigger ("Lire la suite", "شاهد أيضا"…) drops the teaser lines that
    follow it, up to the first line that reads as article text again. A line
    repeated verbatim (a title scraped twice) is dropped the second time.
    """
    reasons: list[str | None] = []
    in_teasers = False
    seen: set[str] = set()
    for line in lines:
        stripped = line.strip()
        reason = classify_line(stripped) if stripped else None
        if not stripped:
            pass
        elif reason == TEASER_TRIGGERS.reason:
            in_teasers = True
        elif reason is None and in_teasers and _looks_like_teaser(stripped):
            reason = TEASER_TRIGGERS.reason
        elif reason is None:
            in_teasers = False
            if stripped in seen and len(stripped) > 20:
                reason = "repeated line"
        if reason is None and stripped:
            seen.add(stripped)
        reasons.append(reason)
    return reasons


def strip_boilerplate(text: str) -> tuple[list[tuple[int, str]], list[Dropped]]:
    """Split *text* into kept lines (1-based number, verbatim text) and dropped ones.

    Blank lines are kept (they separate paragraphs); see :func:`classify_lines`.
    """
    kept: list[tuple[int, str]] = []
    dropped: list[Dropped] = []
    lines = text.splitlines()
    for number, (line, reason) in enumerate(zip(lines, classify_lines(lines), strict=True), start=1):
        if reason is None:
            kept.append((number, line))
        else:
            dropped.append(Dropped(number, line.strip(), reason, kept_before=len(kept)))
    return kept, dropped
