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

import numpy as np

#: Shortest heading (characters, on both sides) read as a headline.
HEADLINE_CHARS = 20


def own_headlines(raw: list[tuple[int, int, int, int]], x: np.ndarray, y: np.ndarray,
                  headings: tuple[np.ndarray, np.ndarray], chars: tuple[np.ndarray, np.ndarray],
                  share: float | None, levels: tuple[float, float] | None) -> list[tuple[int, int, int, int]]:
    """The path *raw* (end nodes and shapes) with each 1-1 bead of two headings of
    :data:`HEADLINE_CHARS` or more whose cosine stands less than *share* of the spread above
    chance (*levels*: chance, spread) made two unaligned sentences. *headings*: cumulative
    heading counts per side (``h[i + 1] > h[i]``: sentence i is one); *chars*: lengths.
    None *share* or *levels*: *raw* unchanged."""
    if share is None or levels is None:
        return raw
    chance, spread = levels
    floor = chance + share * spread
    hx, hy = headings
    lx, ly = chars
    out = []
    for i, j, a, b in raw:
        u, v = i - 1, j - 1
        if (a == 1 and b == 1 and hx[u + 1] > hx[u] and hy[v + 1] > hy[v]
                and min(lx[u], ly[v]) >= HEADLINE_CHARS and float(x[u] @ y[v]) < floor):
            out += [(i, j - 1, 1, 0), (i, j, 0, 1)]
        else:
            out.append((i, j, a, b))
    return out
