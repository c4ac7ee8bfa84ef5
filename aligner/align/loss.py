"""What each side kept and lost: sentences aligned, pieces left out when reading, share of
the text they held, and the coverage of the alignment; warnings when a side lost much.

Used for the summary line of ``aligner align`` and ``aligner batch``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Alignment, Dropped, Sentence
from .scores import document_scores

#: Defaults of the warnings (the run's are AlignConfig.warn_lost and warn_coverage).
MAX_LOST_SHARE = 0.5
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class SideAccount:
    """One side of an alignment: what was read, left out, and aligned."""

    lang: str
    sentences: int
    dropped: int  # pieces of text left out when reading (lines, menu entries, page chrome)
    kept_chars: int
    dropped_chars: int
    coverage: float  # share of its sentences in confident units (see align.scores)

    @property
    def lost_share(self) -> float:
        """Share of the side's text (in characters) left out when reading."""
        total = self.kept_chars + self.dropped_chars
        return self.dropped_chars / total if total else 0.0

    def describe(self) -> str:
        """``fr: 17 sentences kept, 3 pieces dropped (8% of the text), coverage 82%``."""
        return (f"{self.lang}: {self.sentences} sentences kept, {self.dropped} pieces dropped "
                f"({self.lost_share:.0%} of the text), coverage {self.coverage:.0%}")


def _side(lang: str, sentences: list[Sentence], dropped: tuple[Dropped, ...], coverage: float) -> SideAccount:
    return SideAccount(lang, len(sentences), len(dropped), sum(len(s.text) for s in sentences),
                       sum(len(d.text) for d in dropped), coverage)


def account(alignment: Alignment) -> tuple[SideAccount, SideAccount]:
    """The source and target accounts of *alignment*."""
    scores = document_scores(alignment)
    return (_side(alignment.src_lang, alignment.src, alignment.src_dropped, scores.src_coverage),
            _side(alignment.tgt_lang, alignment.tgt, alignment.tgt_dropped, scores.tgt_coverage))


def loss_warnings(accounts: tuple[SideAccount, SideAccount], min_coverage: float = MIN_COVERAGE,
                  max_lost_share: float = MAX_LOST_SHARE) -> list[str]:
    """One line per side that lost more than *max_lost_share* of its text when read, or
    whose coverage is below *min_coverage*; each says what to check."""
    out = []
    for acc in accounts:
        if acc.lost_share > max_lost_share:
            out.append(f"warning: {acc.lang} side: {acc.lost_share:.0%} of the text was left out when reading "
                       f"({acc.dropped} pieces); check them with --show-dropped (the page's article may be "
                       "in markup the extractor missed)")
        if acc.coverage < min_coverage:
            out.append(f"warning: {acc.lang} side: only {acc.coverage:.0%} of its sentences are in confident "
                       f"units (threshold {min_coverage:.0%}); the files may not be translations of each "
                       "other, or one side lost its article text")
    return out
