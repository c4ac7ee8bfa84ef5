"""Monotonic sentence alignment in time and memory linear in document length.

The search is Vecalign's idea made cheaper: every sentence is encoded once and
a bead of several sentences is represented by the normalised *sum* of their
vectors (no extra encoder calls). Costs are ``1 - cos`` divided by how
dissimilar each side is to random sentences of the other document, so a
generic sentence that resembles everything is not preferred. Documents longer
than ``coarse_size`` are halved recursively (pairs of sentences summed), the
coarse path is found, and the next level searches only a band around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import AlignConfig
from ..models import Bead
from . import kernels as _dp
from .boundary import join_moved_boundaries
from .confidence import JOIN_LENGTH, confidence, feature_row, join_gains, span_join_gains, weights_for
from .faithful import reads_as_faithful, realign_faithful
from .headlines import fold_titles, own_headlines
from .refine import Pair, Span, SpanVectors, refine_beads
from .reorder import pair_moved
from .spread import chance_and_spread, threshold_scale

#: Largest bead of the coarse levels, which only place the band of the next level.
COARSE_MAX_BEAD = 3


def bead_shapes(max_bead: int, merge_penalty: float) -> _dp.Shapes:
    """Allowed bead shapes as parallel arrays for the compiled kernel."""
    shapes = [(0, 1), (1, 0)] + [
        (a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead
    ]
    a = np.array([s[0] for s in shapes], dtype=np.int64)
    b = np.array([s[1] for s in shapes], dtype=np.int64)
    weight = (a + b) / 2.0
    penalty = merge_penalty * np.maximum(a + b - 2, 0)
    return _dp.Shapes(a, b, weight.astype(np.float64), penalty.astype(np.float64))


def bead_costs(cfg: AlignConfig, ratio: float) -> _dp.Costs:
    """The kernel's scalar settings from *cfg* (headings ignored when the rule is off)."""
    heads = cfg.heading_rule
    return _dp.Costs(ratio, cfg.skip_cost, cfg.length_weight, cfg.member_weight, cfg.member_threshold,
                     cfg.heading_penalty if heads else 0.0, cfg.heading_mismatch if heads else 0.0,
                     cfg.norm_floor, 1.0 if cfg.heading_leads else 0.0, cfg.unrelated_weight, cfg.unrelated_threshold)


def _gram(v: np.ndarray, k: int) -> np.ndarray:
    """``g[i, d] = v_i · v_{i+d}`` for d < k (0 past the end)."""
    n = v.shape[0]
    g = np.zeros((n, max(k, 1)), dtype=np.float64)
    for d in range(min(k, n)):
        g[: n - d, d] = np.einsum("ij,ij->i", v[: n - d], v[d:])
    return g


def projections(v: np.ndarray, other: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    """Each vector's dot product with the mean of random vectors of the other side."""
    if other.shape[0] == 0:
        return np.zeros(v.shape[0])
    idx = rng.choice(other.shape[0], size=min(samples, other.shape[0]), replace=False)
    centre = other[idx].mean(axis=0)
    return (v @ centre).astype(np.float64)


def _band_dots(x: np.ndarray, y: np.ndarray, dlo: np.ndarray, dhi: np.ndarray) -> np.ndarray:
    """``dots[i, k] = x_i · y_{dlo[i]+k}`` for columns in ``[dlo[i], dhi[i])``.

    float32, as the products of the float32 vectors are (the kernels add them up in float64)."""
    n = x.shape[0]
    width = int(max(1, (dhi - dlo).max())) if n else 1
    dots = np.zeros((n, width), dtype=np.float32)
    chunk = 256
    for r0 in range(0, n, chunk):
        r1 = min(n, r0 + chunk)
        c0 = int(dlo[r0:r1].min())
        c1 = int(max(dhi[r0:r1].max(), c0 + 1))
        block = x[r0:r1] @ y[c0:c1].T
        cols = dlo[r0:r1, None] + np.arange(width)[None, :]
        valid = cols < dhi[r0:r1, None]
        safe = np.clip(cols - c0, 0, block.shape[1] - 1)
        vals = np.take_along_axis(block, safe, axis=1)
        dots[r0:r1] = np.where(valid, vals, 0.0)
    return dots


def _downsample(v: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = v.shape[0]
    half = (n + 1) // 2
    out = np.zeros((half, v.shape[1]), dtype=v.dtype)
    out += v[0::2]
    out[: n // 2] += v[1::2]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    lsum = np.zeros(half)
    lsum += lens[0::2]
    lsum[: n // 2] += lens[1::2]
    out /= norms  # in place: no second copy of the level
    return out, lsum


def _cumulative(flags: np.ndarray | None, n: int) -> np.ndarray:
    out = np.zeros(n + 1)
    if flags is not None:
        out[1:] = np.cumsum(np.asarray(flags, dtype=np.float64))
    return out


def _flags(flags: np.ndarray | None, n: int) -> np.ndarray:
    return np.zeros(n) if flags is None else np.asarray(flags, dtype=np.float64)


def _band_from_path(nodes: list[tuple[int, int]], n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(nodes, nodes[1:], strict=False):
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0 - width)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1 + width + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 1, m + 1)
    lo[0] = 0
    hi[n] = m + 1
    return lo, hi


@dataclass
class _Level:
    """Everything the kernel needs about one pair of (possibly coarse) documents."""

    x: np.ndarray
    y: np.ndarray
    lx: np.ndarray
    ly: np.ndarray
    hx: np.ndarray  # cumulative count of headings: hx[i] = headings among the first i
    hy: np.ndarray
    gx: np.ndarray  # 1.0 where a sentence opens with a glued title
    gy: np.ndarray


@dataclass
class _Searched:
    """What the search computed, kept to score the beads afterwards."""

    band: _dp.Band
    gx: _dp.Groups
    gy: _dp.Groups
    dhi: np.ndarray


def _coarse_band(level: _Level, cfg: AlignConfig, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The band of *level* around the path found on it halved (pairs of sentences summed);
    the halved copies are freed before the caller searches the band."""
    n, m = level.x.shape[0], level.y.shape[0]
    cx, clx = _downsample(level.x, level.lx)
    cy, cly = _downsample(level.y, level.ly)
    none_x = np.zeros(cx.shape[0] + 1)
    none_y = np.zeros(cy.shape[0] + 1)
    # the coarse path only places the band: beads of up to 3 sentences (of pairs) suffice
    coarse_types = bead_shapes(min(cfg.max_bead, COARSE_MAX_BEAD), cfg.merge_penalty)
    coarse, _ = _search(_Level(cx, cy, clx, cly, none_x, none_y, none_x, none_y), cfg, coarse_types, rng)
    nodes = [(0, 0)] + [(min(2 * i, n), min(2 * j, m)) for i, j, _, _ in coarse]
    return _band_from_path(nodes, n, m, cfg.band)


def _search(level: _Level, cfg: AlignConfig, types: _dp.Shapes, rng: np.random.Generator) -> tuple[list[tuple[int, int, int, int]], _Searched]:
    """Beads as (i, j, a, b) end nodes and shapes, plus what scoring them needs."""
    n, m = level.x.shape[0], level.y.shape[0]
    if max(n, m) <= cfg.coarse_size:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m + 1, dtype=np.int64)
    else:
        lo, hi = _coarse_band(level, cfg, rng)
    max_a = int(types.a.max())
    max_b = int(types.b.max())
    rows = np.arange(n)
    dlo = np.maximum(0, lo[:n] - max_b)
    dhi = np.minimum(m, hi[np.minimum(n, rows + max_a)])
    dhi = np.maximum(dhi, dlo + 1)
    dots = _band_dots(level.x, level.y, dlo, dhi)
    px = projections(level.x, level.y, cfg.norm_samples, rng)
    py = projections(level.y, level.x, cfg.norm_samples, rng)
    norm_x, proj_x, lens_x = _dp.group_stats(_gram(level.x, max_a), px, level.lx, max_a)
    norm_y, proj_y, lens_y = _dp.group_stats(_gram(level.y, max_b), py, level.ly, max_b)
    gx = _dp.Groups(norm_x, proj_x, lens_x, level.hx, level.gx)
    gy = _dp.Groups(norm_y, proj_y, lens_y, level.hy, level.gy)
    band = _dp.Band(lo, hi, dots, dlo)
    ratio = float(level.ly.sum() + 1) / float(level.lx.sum() + 1)
    cost, back = _dp.banded_dp(n, m, band, gx, gy, types, bead_costs(cfg, ratio))
    beads: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        a, b = int(types.a[t]), int(types.b[t])
        beads.append((i, j, a, b))
        i, j = i - a, j - b
    beads.reverse()
    return beads, _Searched(band, gx, gy, dhi)


def _in_band(pair: Pair, arr: _Searched) -> bool:
    """Whether every (source, target) cell of the bead was computed by the search."""
    src, tgt = pair
    if not src or not tgt:
        return True
    return all(arr.band.dlo[u] <= tgt[0] and tgt[-1] < arr.dhi[u] for u in src)


class _Rules:
    """What the refinement and the faithful pass may not do: the heading rule, and cells
    outside the searched band."""

    def __init__(self, arr: _Searched, cfg: AlignConfig, level: _Level,
                 passage: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.arr, self.cfg, self.level = arr, cfg, level
        # a glued line on either side lets a heading open a merge (asked once, not per bead)
        self.may_lead = cfg.heading_leads and bool(level.gx.any() or level.gy.any())
        self.passage = passage  # (side, sentence) of moved sentences (aligner.align.reorder): stay unaligned

    def _moved(self, pair: Pair) -> bool:
        return any((side, i) in self.passage for side in (0, 1) for i in pair[side])

    def _headings(self, side: Span, h: np.ndarray, other: Span, glued: np.ndarray) -> int:
        # headings of one side of a many-sentence bead; the first one is excused when
        # it may open the merge (one glued line on the other side)
        lead = self.cfg.heading_leads and len(side) > 1 and len(other) == 1 and glued[other[0]] > 0.5
        return sum(int(h[u + 1] > h[u]) for u in side[1 if lead else 0:])

    def inside(self, pair: Pair) -> bool:
        src, tgt = pair
        lv = self.level
        return self.cfg.heading_rule and bool(self._headings(src, lv.hx, tgt, lv.gy)
                                              + self._headings(tgt, lv.hy, src, lv.gx))

    def fixed(self, pair: Pair) -> bool:
        # an unaligned heading stays alone unless a glued line may take it
        return (self.inside(pair) and not self.may_lead) or self._moved(pair)

    def allowed(self, pair: Pair) -> bool:
        # a heading stands alone, as in the search; and no cell outside the band
        many = len(pair[0]) + len(pair[1]) > 2
        return not (many and self.inside(pair)) and _in_band(pair, self.arr) and not self._moved(pair)


def _as_pairs(raw: list[tuple[int, int, int, int]]) -> list[Pair]:
    return [(tuple(range(i - a, i)), tuple(range(j - b, j))) for i, j, a, b in raw]


def _as_raw(pairs: list[Pair]) -> list[tuple[int, int, int, int]]:
    out = []
    i = j = 0
    for src, tgt in pairs:
        i, j = i + len(src), j + len(tgt)
        out.append((i, j, len(src), len(tgt)))
    return out


def _levels(raw: list[tuple[int, int, int, int]], level: _Level, cfg: AlignConfig) -> tuple[float, float] | None:
    """The document's level of chance and spread, read from the 1-1 beads of *raw*
    (:func:`aligner.align.spread.chance_and_spread`)."""
    ones = [(i - 1, j - 1) for i, j, a, b in raw if a == 1 and b == 1]
    return chance_and_spread(level.x, level.y, ones, cfg.seed)


def _summed(level: _Level) -> SpanVectors:
    """The document's spans known by their summed sentence vectors only (no encoder call)."""
    return SpanVectors.summed_only(level.x, level.y, level.lx.tolist(), level.ly.tolist())


def _refine(raw: list[tuple[int, int, int, int]], rules: _Rules, spans: SpanVectors,
            cfg: AlignConfig, scale: float) -> list[tuple[int, int, int, int]]:
    """The path *raw* after :func:`aligner.align.refine.refine_beads`, as end nodes and shapes;
    the thresholds, differences of cosines, times *scale*."""
    cut = None if cfg.refine_cut is None else cfg.refine_cut * scale
    pairs = refine_beads(_as_pairs(raw), spans, cfg.refine_join * scale, cfg.refine_split * scale, cfg.max_bead,
                         fixed=rules.fixed, allowed=rules.allowed, length_weight=cfg.refine_length * scale,
                         rounds=cfg.refine_rounds, margin=cfg.refine_margin * scale, cut=cut)
    return _as_raw(pairs)


def _faithful(raw: list[tuple[int, int, int, int]], rules: _Rules, spans: SpanVectors,
              cfg: AlignConfig) -> list[tuple[int, int, int, int]]:
    """The path *raw* after :func:`aligner.align.faithful.realign_faithful`."""
    pairs = realign_faithful(_as_pairs(raw), spans, cfg.max_bead, cfg.faithful_skip, cfg.faithful_context,
                             allowed=rules.allowed, keep_runs=cfg.faithful_keep_runs)
    return _as_raw(pairs)


def align_vectors(
    x: np.ndarray,
    y: np.ndarray,
    x_lengths: np.ndarray,
    y_lengths: np.ndarray,
    cfg: AlignConfig,
    x_headings: np.ndarray | None = None,
    y_headings: np.ndarray | None = None,
    x_glued: np.ndarray | None = None,
    y_glued: np.ndarray | None = None,
    features_out: list[np.ndarray] | None = None,
    spans: SpanVectors | None = None,
    leads: tuple[np.ndarray, np.ndarray] | None = None,
    in_full_out: list[bool] | None = None,
) -> list[Bead]:
    """Align two documents given their sentence vectors (L2-normalised) and lengths.

    *x_headings*/*y_headings* flag headings (0/1 per sentence); with
    ``cfg.heading_rule`` a heading is never merged into a bead of several
    sentences, except (``cfg.heading_leads``) as the first of a merge whose other
    side is one sentence flagged by *x_glued*/*y_glued* (a title glued to its lead,
    :func:`aligner.lang.segment.opens_with_title`). With *spans* (and
    ``cfg.refine``), bead boundaries are then checked with spans encoded as one
    text (:mod:`aligner.align.refine`). *leads*: per side, sentences that open with a
    dateline (``cfg.title_fold``). *in_full_out* receives whether the document was read as
    translated in full (the faithful pass ran). Returns beads in order, covering every sentence once.
    """
    n, m = x.shape[0], y.shape[0]
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    rng = np.random.default_rng(cfg.seed)
    types = bead_shapes(cfg.max_bead, cfg.merge_penalty)
    level = _Level(np.ascontiguousarray(x, dtype=np.float32), np.ascontiguousarray(y, dtype=np.float32),
                   np.asarray(x_lengths, dtype=np.float64), np.asarray(y_lengths, dtype=np.float64),
                   _cumulative(x_headings, n), _cumulative(y_headings, m), _flags(x_glued, n), _flags(y_glued, m))
    searched, arr = _search(level, cfg, types, rng)  # the spread is read from the search's path
    raw, rules = searched, _Rules(arr, cfg, level)
    # the refinement's (and --faithful-auto's) thresholds in units of this document's spread
    scaled = spans is not None and (cfg.refine or cfg.faithful_auto > 0) and cfg.spread_units
    levels = _levels(searched, level, cfg) if scaled else None
    scale = threshold_scale(None if levels is None else levels[1])
    if spans is not None and cfg.refine:
        raw = _refine(raw, rules, spans, cfg, scale)
        if cfg.reorder_margin is not None:
            summed = _summed(level)
            moved, passage = pair_moved(_as_pairs(raw), summed, cfg.reorder_margin * scale)
            if passage:
                raw = _refine(_as_raw(moved), _Rules(arr, cfg, level, frozenset(passage)), spans, cfg, scale)
    heads = (level.hx[1:] > level.hx[:-1], level.hy[1:] > level.hy[:-1])

    def heading(side: int, i: int) -> bool:
        return bool(heads[side][i])

    def gains(path: list[tuple[int, int, int, int]]) -> list[float | None]:
        # the join gains from span encodings, unless the refinement is off (no encoder call then)
        if spans is not None and (cfg.refine or cfg.faithful):
            return span_join_gains(_as_pairs(path), spans, heading)
        summed = _summed(level)
        return join_gains(_as_pairs(path), lambda pair: summed.estimate(pair, JOIN_LENGTH), heading)

    # the join gains of the path (computed once: before the faithful pass only when
    # --faithful-auto needs them to decide, and again only if the pass ran)
    joins = gains(raw) if not cfg.faithful else None
    in_full = False  # the document read as translated in full: the faithful pass runs
    if spans is not None and (cfg.faithful or (cfg.faithful_auto > 0
                                               and reads_as_faithful(raw, joins or [], cfg, scale))):
        raw, joins, in_full = _faithful(raw, rules, spans, cfg), None, True
    if in_full_out is not None:
        in_full_out.append(in_full)
    if spans is not None and cfg.refine and cfg.boundary_join is not None:
        joined = join_moved_boundaries(_as_pairs(raw), spans, cfg.boundary_join * scale, cfg.boundary_length,
                                       allowed=rules.allowed, max_bead=cfg.max_bead)
        if len(joined) != len(raw):
            raw, joins = _as_raw(joined), None

    def doc_levels() -> tuple[float, float] | None:
        return levels if levels is not None else _levels(searched, level, cfg)

    own = own_headlines(raw, level.x, level.y, (level.hx, level.hy), (level.lx, level.ly),
                        cfg.own_headline if cfg.heading_rule else None, doc_levels)
    own = fold_titles(own, level.x, level.y, heads, leads or (np.zeros(n, bool), np.zeros(m, bool)),
                      cfg.title_fold if cfg.heading_rule else None, cfg.max_bead, doc_levels)
    if own != raw:
        raw, joins = own, None
    if joins is None:
        joins = gains(raw)
    best_x, best_y = _dp.best_single(n, m, arr.band, arr.gx, arr.gy, cfg.norm_floor)
    rows = bead_features(raw, arr, best_x, best_y, cfg.norm_floor, joins, in_full)
    if features_out is not None:
        features_out.extend(rows)
    beads: list[Bead] = []
    weights = weights_for(cfg.encoder)
    for (i, j, a, b), row in zip(raw, rows, strict=True):
        conf = confidence(weights, row)
        base = row[1] if a and b else row[2]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(conf, 4), round(float(base), 4)))
    return beads


def bead_features(raw: list[tuple[int, int, int, int]], arr: _Searched,
                  best_x: np.ndarray, best_y: np.ndarray, floor: float,
                  joins: list[float | None], in_full: bool = False) -> list[np.ndarray]:
    """One row of :data:`FEATURES` per bead of the path *raw*; *joins*: each bead's join gain
    (:func:`aligner.align.confidence.join_gains`); *in_full*: the document reads as translated in full."""
    # how well sentences of this document find a partner at all (harder documents, lower confidence)
    both = np.concatenate([best_x, best_y])
    typical = float(np.median(both[both < 1e17])) if both.size else 1.0
    shapes = [(a, b) for _, _, a, b in raw]
    ends = np.array(raw, dtype=np.int64).reshape(-1, 4)
    bases = _dp.bead_bases(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3], arr.band, arr.gx, arr.gy, floor)
    rows = []
    for k, (i, j, a, b) in enumerate(raw):
        neighbours = [shapes[q] for q in (k - 1, k + 1) if 0 <= q < len(shapes)]
        if a and b:
            base = float(bases[k])
            best = min(float(best_x[i - 1]), float(best_y[j - 1])) if a == 1 and b == 1 else 0.0
        else:
            base, best = 0.0, float(best_x[i - 1]) if a else float(best_y[j - 1])
        rows.append(feature_row(a, b, base, best, typical, neighbours, joins[k], in_full))
    return rows
