"""Two headlines that barely match are each site's own title (``AlignConfig.own_headline``).

An Arabic site often writes its own headline instead of translating the French one
(«رسميا.. لوران ميرسييه مدربا جديدا لفرسان المتوسط» for « Football : la Libye confie sa
sélection au Français Laurent Mercier »). Both are headings, side by side, on the same
story: the search pairs them, yet they are not a translation. A translated title stands
0.66 or more of the document's spread above chance on the dev sets (:mod:`aligner.align.spread`);
these stood 0.39–0.61. Short headings (rubric labels, «Repères» ↔ «في السياق») are translated
loosely and are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: Shortest heading (characters, on both sides) read as a headline.
HEADLINE_CHARS = 20

#: A title is folded into its lead's unit only when the lead's partner is among its
#: :data:`TITLE_RANK` best matches of the :data:`TITLE_WINDOW` sentences on each side of that
#: partner: a rubric heading on the story's topic («Sciences : une découverte en débat») is
#: near many sentences, none in particular.
TITLE_WINDOW = 5
TITLE_RANK = 2


def own_headlines(raw: list[tuple[int, int, int, int]], x: np.ndarray, y: np.ndarray,
                  headings: tuple[np.ndarray, np.ndarray], chars: tuple[np.ndarray, np.ndarray],
                  share: float | None, levels: Callable[[], tuple[float, float] | None]) -> list[tuple[int, int, int, int]]:
    """The path *raw* (end nodes and shapes) with each 1-1 bead of two headings of
    :data:`HEADLINE_CHARS` or more whose cosine stands less than *share* of the spread above
    chance made two unaligned sentences. *headings*: cumulative heading counts per side
    (``h[i + 1] > h[i]``: sentence i is one); *chars*: lengths; *levels()*: the document's
    chance and spread, asked only when such a bead exists (None: *raw* unchanged, as with
    None *share*)."""
    hx, hy = headings
    lx, ly = chars
    headlines = [k for k, (i, j, a, b) in enumerate(raw)
                 if a == 1 and b == 1 and hx[i] > hx[i - 1] and hy[j] > hy[j - 1]
                 and min(lx[i - 1], ly[j - 1]) >= HEADLINE_CHARS]
    found = levels() if share is not None and headlines else None
    if share is None or found is None:
        return raw
    floor = found[0] + share * found[1]
    weak = {k for k in headlines if float(x[raw[k][0] - 1] @ y[raw[k][1] - 1]) < floor}
    out = []
    for k, (i, j, a, b) in enumerate(raw):
        out += [(i, j - 1, 1, 0), (i, j, 0, 1)] if k in weak else [(i, j, a, b)]
    return out


def fold_titles(raw: list[tuple[int, int, int, int]], x: np.ndarray, y: np.ndarray,
                heads: tuple[np.ndarray, np.ndarray], leads: tuple[np.ndarray, np.ndarray],
                share: float | None, max_bead: int,
                levels: Callable[[], tuple[float, float] | None]) -> list[tuple[int, int, int, int]]:
    """The path *raw* with each story title one side left unaligned folded into the unit of
    its lead (``AlignConfig.title_fold``).

    A news story opens with a title and a lead that starts with a dateline (``TUNIS, 14 mars
    –``). When the other side has no title of its own there (no heading just before the
    lead's partner), its lead renders the title too («شلل تام في العاصمة: توقفت الحافلات…»
    for « Tunis paralysée par une grève des transports publics » + « TUNIS, 14 mars – Bus,
    métros… »): the title belongs in the lead's unit, as reviewers align it. It is folded in
    when its cosine with the partner's first sentence stands *share* of the document's spread
    above chance and that sentence is among its :data:`TITLE_RANK` best matches nearby, and
    when the unit stays within *max_bead* sentences. *heads*, *leads*: per sentence of each
    side, heading / opens with a dateline (booleans); *levels()*: chance and spread, asked only
    when such a title exists (None: *raw* unchanged, as with None *share*)."""
    if share is None:
        return raw
    vecs = (x, y)
    found: tuple[float, float] | None = None
    out: list[tuple[int, int, int, int]] = []
    k = 0
    while k < len(raw):
        i, j, a, b = raw[k]
        if k + 1 < len(raw) and (a == 0) != (b == 0):
            ni, nj, na, nb = raw[k + 1]
            side = 0 if a else 1
            title, same, other = (i - 1, i, nj - nb) if side == 0 else (j - 1, j, ni - na)
            if (na and nb and na + nb < max_bead and heads[side][title] and not heads[side][same]
                    and leads[side][same] and not (other > 0 and heads[1 - side][other - 1])):
                found = found or levels()
                start = max(0, other - TITLE_WINDOW)
                near = vecs[1 - side][start: other + TITLE_WINDOW + 1] @ vecs[side][title]
                cos = float(near[other - start])
                if found is not None and cos >= found[0] + share * found[1] and int((near > cos).sum()) < TITLE_RANK:
                    out.append((ni, nj, na + (side == 0), nb + (side == 1)))
                    k += 2
                    continue
        out.append((i, j, a, b))
        k += 1
    return out
