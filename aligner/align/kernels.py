"""The banded dynamic programme, compiled with numba.

Kept apart from :mod:`aligner.align.search` so that the compiled kernels are small
and the Python side stays readable. Node (i, j) means "the first i source and
first j target sentences are aligned"; row i may only use columns
``lo[i] <= j < hi[i]`` (the band).
"""

from __future__ import annotations

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


@njit(cache=True)
def bead_base(i, j, a, b, dots, dlo, nx, px, ny, py):
    """Normalised dissimilarity of the bead x[i-a:i] ↔ y[j-b:j] (≈1 for random pairs)."""
    num = 0.0
    for u in range(i - a, i):
        off = dlo[u]
        for v in range(j - b, j):
            num += dots[u, v - off]
    cos = num / (nx[a, i] * ny[b, j])
    rx = 1.0 - px[a, i] / nx[a, i]
    ry = 1.0 - py[b, j] / ny[b, j]
    norm = max(0.5 * (rx + ry), 0.05)
    return (1.0 - cos) / norm


@njit(cache=True)
def member_penalty(i, j, a, b, dots, dlo, nx, px, ny, py, threshold):
    """How much the members of a many-sentence bead fail to match the other side.

    Summing vectors hides an unrelated sentence (a heading) inside a merge; each
    member alone is compared with the whole other side, and a member whose
    dissimilarity is above *threshold* costs the excess.
    """
    total = 0.0
    if a > 1:
        for u in range(i - a, i):
            c = bead_base(u + 1, j, 1, b, dots, dlo, nx, px, ny, py)
            if c > threshold:
                total += c - threshold
    if b > 1:
        for v in range(j - b, j):
            c = bead_base(i, v + 1, a, 1, dots, dlo, nx, px, ny, py)
            if c > threshold:
                total += c - threshold
    return total


@njit(cache=True)
def banded_dp(n, m, lo, hi, dots, dlo, nx, px, lx, ny, py, ly, ratio,
              ta, tb, tweight, tpen, skip, length_weight, member_weight, member_threshold,
              hx, hy, heading_penalty):
    """Fill the band; return cost table, back-pointers (type index) and row offsets."""
    width = 0
    for i in range(n + 1):
        width = max(width, hi[i] - lo[i])
    cost = np.full((n + 1, width), INF)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    cost[0, 0 - lo[0]] = 0.0
    ntypes = ta.shape[0]
    for i in range(n + 1):
        for j in range(lo[i], hi[i]):
            if i == 0 and j == 0:
                continue
            best = INF
            arg = -1
            for t in range(ntypes):
                a = ta[t]
                b = tb[t]
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0 or pj < lo[pi] or pj >= hi[pi]:
                    continue
                prev = cost[pi, pj - lo[pi]]
                if prev >= INF:
                    continue
                if a == 0 or b == 0:
                    c = skip
                else:
                    base = bead_base(i, j, a, b, dots, dlo, nx, px, ny, py)
                    lr = np.log((ly[b, j] + 1.0) / (ratio * lx[a, i] + 1.0))
                    c = base * tweight[t] + tpen[t] + length_weight * abs(lr)
                    if a == 1 and b == 1:
                        # a heading matches a heading, not a sentence
                        c += 0.25 * heading_penalty * abs(hx[i] - hx[i - 1] - hy[j] + hy[j - 1])
                    if a + b > 2:
                        c += member_weight * member_penalty(
                            i, j, a, b, dots, dlo, nx, px, ny, py, member_threshold)
                        # A heading stands alone: it is translated 1-1 or not at all.
                        c += heading_penalty * (hx[i] - hx[i - a] + hy[j] - hy[j - b])
                if prev + c < best:
                    best = prev + c
                    arg = t
            cost[i, j - lo[i]] = best
            back[i, j - lo[i]] = arg
    return cost, back


@njit(cache=True)
def best_single(n, m, lo, hi, dots, dlo, nx, px, ny, py):
    """For each sentence, its lowest 1-1 dissimilarity to any partner in the band."""
    bx = np.full(n, INF)
    by = np.full(m, INF)
    for i in range(1, n + 1):
        for j in range(max(lo[i], 1), hi[i]):
            c = bead_base(i, j, 1, 1, dots, dlo, nx, px, ny, py)
            if c < bx[i - 1]:
                bx[i - 1] = c
            if c < by[j - 1]:
                by[j - 1] = c
    return bx, by
