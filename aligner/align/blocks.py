"""Lists aligned as one block when only one side has them.

A rewritten article often turns one enumerating sentence into an introduction
ending with ``:`` and a bullet list (the seed pair: « Il s'agit de renforcer la
coopération dans le domaine de … » becomes «تهدف الخطة إلى …، منها:» and five
items). The whole list then answers one or two sentences of the other side, a
unit of up to seven sentences, more than a bead may hold. When one side has list
items and the other none, each run of items (with the line introducing it) is
aligned as one segment: its vector is the normalised sum of its members' and its
length their sum. The unit found is then given back sentence by sentence. When both
sides have items, nothing is grouped: items may be translated one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from ..models import Bead, Sentence

Group = tuple[int, ...]


class Line(Protocol):
    """What grouping reads of a sentence (a :class:`~aligner.models.Sentence`, an editor segment)."""

    @property
    def text(self) -> str: ...

    @property
    def kind(self) -> str: ...


def list_groups(sentences: Sequence[Line], other_has_items: bool) -> list[Group]:
    """Consecutive indexes of *sentences*, a list run (introduction + items) as one group."""
    groups: list[Group] = []
    k = 0
    n = len(sentences)
    while k < n:
        start = k
        intro = not other_has_items and sentences[k].text.rstrip().endswith((":", "："))
        end = k + 1 if intro else k
        while not other_has_items and end < n and sentences[end].kind == "item":
            end += 1
        items = end - (k + 1 if intro else k)
        if items >= 2:
            groups.append(tuple(range(start, end)))
            k = end
        else:
            groups.append((k,))
            k += 1
    return groups


def grouped(sentences: Sequence[Sentence], vectors: np.ndarray,
            groups: Sequence[Group]) -> tuple[list[Sentence], np.ndarray]:
    """One sentence and one L2-normalised vector per group (texts joined with spaces)."""
    if all(len(g) == 1 for g in groups):
        return list(sentences), vectors
    out = []
    rows = np.zeros((len(groups), vectors.shape[1]), dtype=np.float32)
    for k, group in enumerate(groups):
        first = sentences[group[0]]
        text = " ".join(sentences[i].text for i in group)
        out.append(Sentence(k, text, first.kind if len(group) == 1 else "sentence", first.line))
        total = vectors[list(group)].sum(axis=0)
        rows[k] = total / max(float(np.linalg.norm(total)), 1e-12)
    return out, rows


def expand(beads: Sequence[Bead], src_groups: Sequence[Group], tgt_groups: Sequence[Group]) -> list[Bead]:
    """Beads over groups given back over the original sentence indexes."""
    return [Bead(_members(b.src, src_groups), _members(b.tgt, tgt_groups), b.confidence, b.cost) for b in beads]


def _members(ids: tuple[int, ...], groups: Sequence[Group]) -> tuple[int, ...]:
    """The sentences of the groups *ids*, in order."""
    if len(ids) == 1:
        return groups[ids[0]]
    return tuple(i for g in ids for i in groups[g])
