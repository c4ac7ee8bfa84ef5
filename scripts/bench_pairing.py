"""Document-pairing benchmark: precision, recall and documents per minute.

Usage: python scripts/bench_pairing.py [--seed 7] [--threshold T]

From FLORES-200 devtest and TICO-19 dev documents (``../shared/benchmarks/frar/``)
it writes, with a fixed seed, every French and Arabic document as a separate
file under a random name, removes the counterpart of a fifth of them (half on
each side), shuffles, and runs ``pair_documents``. FLORES holds several
excerpts on the same topic (same news story, same travel guide), which are the
near-duplicates. Precision = correct pairs / predicted pairs; recall = correct
pairs / true pairs.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from aligner.config import PAIR_DEFAULTS, PairConfig
from aligner.corpus.pairing import pair_documents

FRAR = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "frar"


def build(folder: Path, seed: int) -> tuple[dict[str, str], int]:
    rng = random.Random(seed)
    docs = []
    for name in ("flores200_devtest", "tico19_dev"):
        for line in (FRAR / name / "documents.jsonl").read_text(encoding="utf-8").splitlines():
            docs.append(json.loads(line))
    rng.shuffle(docs)
    n_alone = len(docs) // 5
    names = [f"{rng.getrandbits(48):012x}" for _ in range(2 * len(docs))]
    truth: dict[str, str] = {}
    files = 0
    for k, doc in enumerate(docs):
        keep_fr = not (k < n_alone and k % 2 == 0)
        keep_ar = not (k < n_alone and k % 2 == 1)
        fr_path = folder / f"{names[2 * k]}.txt"
        ar_path = folder / f"{names[2 * k + 1]}.txt"
        if keep_fr:
            fr_path.write_text("\n".join(doc["fr"]) + "\n", encoding="utf-8")
            files += 1
        if keep_ar:
            ar_path.write_text("\n".join(doc["ar"]) + "\n", encoding="utf-8")
            files += 1
        if keep_fr and keep_ar:
            truth[str(fr_path)] = str(ar_path)
    return truth, files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=PAIR_DEFAULTS.threshold)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        truth, files = build(Path(tmp), args.seed)
        start = time.perf_counter()
        result = pair_documents([tmp], pcfg=PairConfig(threshold=args.threshold))
        seconds = time.perf_counter() - start
    correct = sum(1 for p in result.pairs if truth.get(p.fr) == p.ar)
    precision = correct / max(1, len(result.pairs))
    recall = correct / max(1, len(truth))
    print(f"documents: {files} ({len(truth)} true pairs, the rest without counterpart), seed {args.seed}")
    print(f"predicted pairs: {len(result.pairs)}, correct: {correct}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  threshold {args.threshold}")
    print(f"time {seconds:.1f} s = {files / seconds * 60:.0f} documents per minute (encoder: use, 2 cores)")


if __name__ == "__main__":
    main()
