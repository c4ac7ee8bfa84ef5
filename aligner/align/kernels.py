"""The banded dynamic programme, compiled with numba.

Kept apart from :mod:`aligner.align.search` so that the compiled kernels are small
and the Python side stays readable. The per-bead functions are inlined into the loops
that call them (``inline="always"``), and the dynamic programme works on plain arrays
(:func:`_fill`): the same operations, the finest level at 10,000 sentences 0.48 → 0.04 s. Node (i, j) means "the first i source and
first j target sentences are aligned"; row i may only use columns
``lo[i] <= j < hi[i]`` (the band).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

INF = 1e18


@njit(cache=True)
def group_stats(gram: np.ndarray, proj: np.ndarray, lens: np.ndarray, max_k: int):
    """Norms, projections and lengths of the sums of k consecutive vectors.

    ``gram[i, d]`` is ``v_i · v_{i+d}`` (d = 0 … max_k-1). Returns three arrays
    indexed ``[k, i]`` for the group of k vectors that *ends before* i.
    """
    n = proj.shape[0]
    norm = np.zeros((max_k + 1, n + 1))
    psum = np.zeros((max_k + 1, n + 1))
    lsum = np.zeros((max_k + 1, n + 1))
    for k in range(1, max_k + 1):
        for i in range(k, n + 1):
            s = 0.0
            p = 0.0
            ln = 0.0
            for u in range(i - k, i):
                p += proj[u]
                ln += lens[u]
                s += gram[u, 0]
                for v in range(u + 1, i):
                    s += 2.0 * gram[u, v - u]
            norm[k, i] = np.sqrt(max(s, 1e-12))
            psum[k, i] = p
            lsum[k, i] = ln
    return norm, psum, lsum


class Band(NamedTuple):
    """The searched cells: row i spans columns ``lo[i] <= j < hi[i]``; ``dots[i, k]`` is
    ``x_i · y_{dlo[i]+k}``."""

    lo: np.ndarray
    hi: np.ndarray
    dots: np.ndarray
    dlo: np.ndarray


class Groups(NamedTuple):
    """One side's sums of k consecutive sentences, indexed ``[k, i]`` for the group
    ending before i (from :func:`group_stats`), its cumulative heading counts, and per
    sentence 1.0 when it opens with a glued title (``Titre : Phrase…``)."""

    norm: np.ndarray
    proj: np.ndarray
    lens: np.ndarray
    headings: np.ndarray
    glued: np.ndarray


class Shapes(NamedTuple):
    """Allowed bead shapes (a source, b target sentences) with weight and penalty."""

    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    penalty: np.ndarray


class Costs(NamedTuple):
    """The scalar settings of the bead cost (fields of :class:`aligner.config.AlignConfig`)."""

    ratio: float  # target characters per source character over the document
    skip: float
    length_weight: float
    member_weight: float
    member_threshold: float
    heading_penalty: float
    heading_mismatch: float
    norm_floor: float
    heading_leads: float  # 1.0: a heading may open a merge with its lead, against one glued line
    unrelated_weight: float
    unrelated_threshold: float


@njit(cache=True, inline="always")
def dissimilarity(dot, nx, ny, px, py, floor):
    """Normalised dissimilarity of two summed vectors (≈1 for random pairs): ``1 - cosine``
    over how far each side lies from the other side's random sentences (*dot*: the sums' dot
    product; *nx*, *ny*: their norms; *px*, *py*: the sums of their sentences' projections,
    :func:`aligner.align.search.projections`; never below *floor*). The search and the
    review's rescoring both call it."""
    cos = dot / (nx * ny)
    norm = max(0.5 * ((1.0 - px / nx) + (1.0 - py / ny)), floor)
    return (1.0 - cos) / norm


@njit(cache=True, inline="always")
def _base(i, j, a, b, dots, dlo, norm_x, proj_x, norm_y, proj_y, floor):
    """:func:`dissimilarity` of the bead x[i-a:i] ↔ y[j-b:j]."""
    num = 0.0
    for u in range(i - a, i):
        off = dlo[u]
        for v in range(j - b, j):
            num += dots[u, v - off]
    return dissimilarity(num, norm_x[a, i], norm_y[b, j], proj_x[a, i], proj_y[b, j], floor)


@njit(cache=True, inline="always")
def bead_base(i, j, a, b, band, gx, gy, floor):
    """:func:`_base` with the band and the two sides' groups."""
    return _base(i, j, a, b, band.dots, band.dlo, gx.norm, gx.proj, gy.norm, gy.proj, floor)


@njit(cache=True)
def bead_bases(ends_i, ends_j, a, b, band, gx, gy, floor):
    """:func:`bead_base` of each bead (end node, shape), in one call (0 where a side is empty)."""
    out = np.zeros(ends_i.shape[0])
    for k in range(ends_i.shape[0]):
        if a[k] > 0 and b[k] > 0:
            out[k] = bead_base(ends_i[k], ends_j[k], a[k], b[k], band, gx, gy, floor)
    return out


@njit(cache=True, inline="always")
def _member_penalty(i, j, a, b, dots, dlo, norm_x, proj_x, norm_y, proj_y, floor, threshold):
    """How much the members of a many-sentence bead fail to match the other side.

    Summing vectors hides an unrelated sentence (a heading) inside a merge; each
    member alone is compared with the whole other side, and a member whose
    dissimilarity is above *threshold* costs the excess.
    """
    total = 0.0
    if a > 1:
        for u in range(i - a, i):
            c = _base(u + 1, j, 1, b, dots, dlo, norm_x, proj_x, norm_y, proj_y, floor)
            if c > threshold:
                total += c - threshold
    if b > 1:
        for v in range(j - b, j):
            c = _base(i, v + 1, a, 1, dots, dlo, norm_x, proj_x, norm_y, proj_y, floor)
            if c > threshold:
                total += c - threshold
    return total


@njit(cache=True, inline="always")
def _headings_inside(h, i, k, leads):
    """Headings among the k sentences ending before i (the first one excused when *leads*)."""
    first = i - k + 1 if leads > 0.5 and k > 1 else i - k
    return h[i] - h[first]


@njit(cache=True)
def _fill(n, lo, hi, dots, dlo, norm_x, proj_x, lens_x, head_x, glued_x, norm_y, proj_y, lens_y, head_y, glued_y,
          shape_a, shape_b, weight, penalty, ratio, skip, length_weight, member_weight, member_threshold,
          heading_penalty, heading_mismatch, floor, heading_leads, unrelated_weight, unrelated_threshold):
    """:func:`banded_dp` on plain arrays and numbers: taking fields of named tuples inside the
    loop made numba count references to the arrays at every bead (ten times slower)."""
    width = 0
    for i in range(n + 1):
        width = max(width, hi[i] - lo[i])
    cost = np.full((n + 1, width), INF)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    cost[0, 0 - lo[0]] = 0.0
    ntypes = shape_a.shape[0]
    for i in range(n + 1):
        for j in range(lo[i], hi[i]):
            if i == 0 and j == 0:
                continue
            best = INF
            arg = -1
            for t in range(ntypes):
                a = shape_a[t]
                b = shape_b[t]
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0 or pj < lo[pi] or pj >= hi[pi]:
                    continue
                prev = cost[pi, pj - lo[pi]]
                if prev >= INF:
                    continue
                if a == 0 or b == 0:
                    c = skip
                elif prev + penalty[t] >= best:
                    continue  # every other term of a bead's cost is 0 or more: it cannot win
                else:
                    # The bead's cost. Every term is 0 or more: once the sum reaches *limit*
                    # (the bead cannot win), the rest is not computed.
                    limit = best - prev
                    base = _base(i, j, a, b, dots, dlo, norm_x, proj_x, norm_y, proj_y, floor)
                    c = base * weight[t] + penalty[t]
                    if c < limit:
                        lr = np.log((lens_y[b, j] + 1.0) / (ratio * lens_x[a, i] + 1.0))
                        c += length_weight * abs(lr)
                        if a == 1 and b == 1:
                            # a heading matches a heading, not a sentence
                            c += heading_mismatch * abs(head_x[i] - head_x[i - 1] - head_y[j] + head_y[j - 1])
                            # two sentences as unlike as random ones are two unaligned sentences, not a pair
                            if base > unrelated_threshold:
                                c += unrelated_weight * (base - unrelated_threshold)
                        if a + b > 2 and c < limit:
                            c += member_weight * _member_penalty(i, j, a, b, dots, dlo, norm_x, proj_x, norm_y,
                                                                 proj_y, floor, member_threshold)
                            # A heading stands alone: it is translated 1-1 or not at all (or opens
                            # its lead). A title glued to its lead on the other side may open the merge.
                            lead_x = heading_leads if b == 1 and glued_y[j - 1] > 0.5 else 0.0
                            lead_y = heading_leads if a == 1 and glued_x[i - 1] > 0.5 else 0.0
                            c += heading_penalty * (_headings_inside(head_x, i, a, lead_x)
                                                    + _headings_inside(head_y, j, b, lead_y))
                if prev + c < best:
                    best = prev + c
                    arg = t
            cost[i, j - lo[i]] = best
            back[i, j - lo[i]] = arg
    return cost, back


def banded_dp(n: int, m: int, band: Band, gx: Groups, gy: Groups, shapes: Shapes,
              costs: Costs) -> tuple[np.ndarray, np.ndarray]:
    """Fill the band; return cost table and back-pointers (shape index) by row offset."""
    return _fill(n, band.lo, band.hi, band.dots, band.dlo, gx.norm, gx.proj, gx.lens, gx.headings, gx.glued,
                 gy.norm, gy.proj, gy.lens, gy.headings, gy.glued, shapes.a, shapes.b, shapes.weight,
                 shapes.penalty, costs.ratio, costs.skip, costs.length_weight, costs.member_weight,
                 costs.member_threshold, costs.heading_penalty, costs.heading_mismatch, costs.norm_floor,
                 costs.heading_leads, costs.unrelated_weight, costs.unrelated_threshold)


@njit(cache=True)
def best_single(n, m, band, gx, gy, floor):
    """For each sentence, its lowest 1-1 dissimilarity to any partner in the band."""
    bx = np.full(n, INF)
    by = np.full(m, INF)
    for i in range(1, n + 1):
        for j in range(max(band.lo[i], 1), band.hi[i]):
            c = bead_base(i, j, 1, 1, band, gx, gy, floor)
            if c < bx[i - 1]:
                bx[i - 1] = c
            if c < by[j - 1]:
                by[j - 1] = c
    return bx, by
