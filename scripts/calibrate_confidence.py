"""Fit the confidence model of aligner.align.search on the dev sets only.

Usage: python scripts/calibrate_confidence.py [--encoder use]

Aligns Text+Berg dev and the fr–ar dev set (``benchmarks/frar/dev``), labels each
predicted bead 1 when it is exactly a gold bead, and fits a logistic regression
(L2-regularised, Newton's method) of that label on ``aligner.align.search.FEATURES``. Prints
the weights to paste into ``CONF_WEIGHTS`` and the reliability on the dev data.
The test sets are never read.
"""

from __future__ import annotations

import argparse

import numpy as np
from bench_accuracy import _lines, as_sentences, documents  # type: ignore[import-not-found]

from aligner.align.evaluate import read_beads
from aligner.align.search import FEATURES, align_vectors
from aligner.config import AlignConfig
from aligner.encoders.registry import get_encoder
from aligner.pipeline import embed, span_vectors


def collect(bench: str, encoder: str) -> tuple[np.ndarray, np.ndarray]:
    langs, docs = documents(bench)
    cfg = AlignConfig(src_lang=langs[0], tgt_lang=langs[1], encoder=encoder, pre_split=True)
    enc = get_encoder(encoder)
    feats: list[np.ndarray] = []
    labels: list[float] = []
    for src_path, tgt_path, gold_path in docs:
        src = as_sentences(_lines(src_path))
        tgt = as_sentences(_lines(tgt_path))
        x, y = embed(src, langs[0], enc), embed(tgt, langs[1], enc)
        lx = np.array([len(s.text) for s in src], float)
        ly = np.array([len(s.text) for s in tgt], float)
        hx = np.array([s.kind == "heading" for s in src], float)
        hy = np.array([s.kind == "heading" for s in tgt], float)
        rows: list[np.ndarray] = []
        beads = align_vectors(x, y, lx, ly, cfg, hx, hy, features_out=rows,
                              spans=span_vectors(src, tgt, x, y, cfg, enc))
        gold = {(tuple(s), tuple(t)) for s, t in read_beads(gold_path)}
        feats.extend(rows)
        labels.extend(float((b.src, b.tgt) in gold) for b in beads)
    return np.array(feats), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg + 1e-9 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--bench", default="textberg-dev,frar-dev")
    args = ap.parse_args()
    parts = [collect(b, args.encoder) for b in args.bench.split(",")]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = fit(x, y)
    print(f"{len(y)} beads, {y.mean():.3f} exactly right")
    print("CONF_WEIGHTS = np.array([" + ", ".join(f"{v:.3f}" for v in w) + "])")
    print("  # " + ", ".join(f"{n}={v:.2f}" for n, v in zip(FEATURES, w, strict=True)))
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    for lo, hi in ((0, .5), (.5, .7), (.7, .8), (.8, .9), (.9, .95), (.95, 1.01)):
        m = (p >= lo) & (p < hi)
        if m.any():
            print(f"  [{lo:.2f}, {min(hi, 1):.2f}): {m.sum():4d} beads, {y[m].mean():.3f} right, mean confidence {p[m].mean():.3f}")


if __name__ == "__main__":
    main()
