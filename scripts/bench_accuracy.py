"""Alignment accuracy on Text+Berg de–fr (Vecalign's scorer), our aligner per encoder.

Usage: python scripts/bench_accuracy.py [--split dev|test|both] [--encoders use,e5]

Prints one table per split: system, encoder, strict P/R/F1, lax P/R/F1 and
seconds (encoding included). Tune on dev; report on test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aligner.config import AlignConfig
from aligner.evaluate import read_beads, score
from aligner.models import Sentence
from aligner.pipeline import align_sentences

TEXTBERG = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "textberg"
SPLITS = {"dev": ["dev"], "test": [f"test{i}" for i in range(7)]}


def _sentences(path: Path) -> list[Sentence]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [Sentence(i, t) for i, t in enumerate(lines)]


def run(split: str, encoder: str) -> tuple[object, float]:
    cfg = AlignConfig(src_lang="de", tgt_lang="fr", encoder=encoder, pre_split=True)
    golds, preds = [], []
    start = time.perf_counter()
    for name in SPLITS[split]:
        result = align_sentences(_sentences(TEXTBERG / f"{name}.de"), _sentences(TEXTBERG / f"{name}.fr"), cfg)
        preds.append([(b.src, b.tgt) for b in result.beads])
        golds.append(read_beads(TEXTBERG / f"{name}.defr"))
    return score(golds, preds), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--encoders", default="use,e5")
    args = ap.parse_args()
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    for split in splits:
        print(f"\nText+Berg {split} ({len(SPLITS[split])} documents)")
        print("| system | encoder | strict P | strict R | strict F1 | lax P | lax R | lax F1 | seconds |")
        print("|---|---|---|---|---|---|---|---|---|")
        for enc in args.encoders.split(","):
            s, secs = run(split, enc)
            print(f"| aligner | {enc} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | {s.f1_strict:.3f} | "  # type: ignore[attr-defined]
                  f"{s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | {secs:.1f} |")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
