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
