"""Page chrome in pre-split input: kept in place, out of the alignment.

When a document is read, :mod:`aligner.io.boilerplate` drops the lines that are page
chrome (``Partager cet article``, ``Abonnez-vous à notre newsletter``, ``المصدر: وكالات``,
``© AFP``, teaser lists…) and reports them. With ``--pre-split`` the lines are taken as
given, line *i* being sentence *i*, so nothing may be dropped; the same rules then mark the
chrome lines, the search aligns the other lines, and each chrome line comes back as an
unaligned sentence in its place. Without this, two chrome lines of the two sides, both short
and both unlike anything, were paired with each other or with a title.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..io.boilerplate import classify_line
from ..models import Bead, Sentence

#: A line of punctuation alone is debris of a text (OCR, a cut), not chrome: the search places
#: it with its neighbours, as Text+Berg's gold does (taking it out cost 0.5 points on its dev set).
DEBRIS = "punctuation-only line"

#: Confidence of a chrome line's unaligned bead: the rule, not the encoder, decided it.
CHROME_CONFIDENCE = 0.99


def content_indexes(sentences: Sequence[Sentence]) -> list[int]:
    """Indexes of the sentences that no boilerplate rule drops, line by line, in order. The
    rules that read a line's context are left out: a line repeated verbatim is a section
    title of each article of a multi-article document, and the lines after a teaser trigger
    may be the next article's title."""
    return [i for i, s in enumerate(sentences) if classify_line(s.text) in (None, DEBRIS)]


def restore(beads: Sequence[Bead], src_kept: Sequence[int], tgt_kept: Sequence[int],
            n_src: int, n_tgt: int) -> list[Bead]:
    """*beads* over the kept sentences given back over all of them: each chrome sentence is an
    unaligned bead placed after the bead that holds its side's previous sentence, or, when
    the search put the sentences on both sides of it into one unit, a member of that unit
    (units stay runs of consecutive sentences, in order)."""
    out: list[Bead] = []
    chrome = (sorted(set(range(n_src)) - set(src_kept)), sorted(set(range(n_tgt)) - set(tgt_kept)))
    nxt = [0, 0]  # the next chrome sentence of each side to place

    def place(side: int, upto: int) -> None:
        while nxt[side] < len(chrome[side]) and chrome[side][nxt[side]] < upto:
            k = chrome[side][nxt[side]]
            out.append(Bead((k,), (), CHROME_CONFIDENCE, 0.0) if side == 0 else Bead((), (k,), CHROME_CONFIDENCE, 0.0))
            nxt[side] += 1

    def run(ids: tuple[int, ...], kept: Sequence[int], side: int) -> tuple[int, ...]:
        if not ids:
            return ()
        first, last = kept[ids[0]], kept[ids[-1]]
        place(side, first)
        while nxt[side] < len(chrome[side]) and chrome[side][nxt[side]] <= last:
            nxt[side] += 1  # inside the unit: a member of it
        return tuple(range(first, last + 1))

    for bead in beads:
        src = run(bead.src, src_kept, 0)
        tgt = run(bead.tgt, tgt_kept, 1)
        out.append(Bead(src, tgt, bead.confidence, bead.cost))
    place(0, n_src)
    place(1, n_tgt)
    return out
