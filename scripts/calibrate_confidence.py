"""Fit the confidence model (aligner.align.confidence) of one encoder on the dev sets only.

Usage: python scripts/calibrate_confidence.py [--encoder use] [--bench textberg-dev,frar-dev,frar-probe-dev,frar-written-dev]

Aligns Text+Berg dev, the fr–ar dev construction (``benchmarks/frar/dev``) and the
probe's tuning twin (``benchmarks/frar/probe-dev``), both built from FLORES-200, and the
written dev set (``benchmarks/frar/written-dev``), through
``aligner.pipeline.align_sentences``, labels each predicted bead 1 when it is exactly a
gold bead, and fits a logistic regression (L2-regularised, Newton's method; each dev set
weighs as much as another) of that label on ``aligner.align.confidence.FEATURES``. Prints
the weights to paste into ``CONF_WEIGHTS[encoder]`` and the reliability on the dev data.
The report sets (Text+Berg test, ``benchmarks/frar/test``, ``benchmarks/frar/probe``,
``benchmarks/frar/written``) are never read.
"""

from __future__ import annotations

import argparse

import numpy as np
from bench_accuracy import _lines, as_sentences, documents  # type: ignore[import-not-found]
from reliability import markdown  # type: ignore[import-not-found]

from aligner.align.chrome import content_indexes
from aligner.align.confidence import FEATURES
from aligner.align.evaluate import read_beads
from aligner.config import AlignConfig
from aligner.encoders.registry import get_encoder
from aligner.pipeline import align_sentences


def collect(bench: str, encoder: str) -> tuple[np.ndarray, np.ndarray]:
    if not bench.endswith("-dev"):
        raise SystemExit(f"{bench}: fit on dev sets only")
    langs, docs = documents(bench)
    cfg = AlignConfig(src_lang=langs[0], tgt_lang=langs[1], encoder=encoder, pre_split=True)
    enc = get_encoder(encoder)
    feats: list[np.ndarray] = []
    labels: list[float] = []
    for src_path, tgt_path, gold_path in docs:
        rows: list[np.ndarray] = []
        result = align_sentences(as_sentences(_lines(src_path)), as_sentences(_lines(tgt_path)), cfg,
                                 encoder=enc, features_out=rows)
        gold = {(tuple(s), tuple(t)) for s, t in read_beads(gold_path)}
        # chrome lines of pre-split input come back unaligned by rule, without features
        chrome = ({i for i in range(len(result.src))} - set(content_indexes(result.src)),
                  {j for j in range(len(result.tgt))} - set(content_indexes(result.tgt)))
        beads = [b for b in result.beads
                 if not (len(b.src) + len(b.tgt) == 1 and (set(b.src) <= chrome[0] and set(b.tgt) <= chrome[1]))]
        assert len(beads) == len(rows), (src_path, len(beads), len(rows))
        feats.extend(rows)
        labels.extend(float((b.src, b.tgt) in gold) for b in beads)
    return np.array(feats), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Logistic weights; *sw* weighs each bead (each dev set counts as much as the other)."""
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (sw * (p - y)) + reg @ w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + reg + 1e-9 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--bench", default="textberg-dev,frar-dev,frar-probe-dev,frar-written-dev")
    args = ap.parse_args()
    parts = [collect(b, args.encoder) for b in args.bench.split(",")]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    sw = np.concatenate([np.full(len(p[1]), len(y) / (len(parts) * len(p[1]))) for p in parts])
    w = fit(x, y, sw)
    print(f"{len(y)} beads, {y.mean():.3f} exactly right")
    print(f'    "{args.encoder}": np.array([' + ", ".join(f"{v:.3f}" for v in w) + "]),")
    print("  # " + ", ".join(f"{n}={v:.2f}" for n, v in zip(FEATURES, w, strict=True)))
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    print("\n".join(markdown(list(p), [bool(v) for v in y])))


if __name__ == "__main__":
    main()
