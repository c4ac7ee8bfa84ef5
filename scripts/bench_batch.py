"""Batch throughput: documents per minute of the local engine and of Ray with 1 and 2 workers,
the encoder's share of the time, and per-stage throughputs for docs/scaling.md.

Usage: python scripts/bench_batch.py [--repeat 2] [--encoder use] [--seed 7] [--json out.json]

Corpus: scripts/bench_pairing.py's (every FLORES-200 devtest and TICO-19 dev document of
``../shared/benchmarks/frar/`` as a French and an Arabic file under random names, a fifth
without their counterpart), written once. Each engine runs ``run_batch`` as ``aligner
batch`` does (embedding cache on, empty at the start of every run), in this order each
repetition: local --jobs 1, local --jobs 2, ray 1 worker, ray 2 workers; so the ratios are
taken within one repetition. The Ray rows include starting and stopping a local Ray (its
cost alone is printed too). Stages are timed in one process (local --jobs 1): describe
(read, language, segment, evidence), encode (every encoder call), pair, align (search,
refinement, scores; less its encoder calls), write (TMX, records, all.tmx, manifest).
The machine's load average is printed with every run: it is shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aligner.config import AlignConfig
from aligner.corpus import batch as batch_mod
from aligner.corpus import jobs as jobs_mod
from aligner.corpus import pairing as pairing_mod
from aligner.corpus.batch import run_batch
from aligner.encoders.registry import Encoder

HERE = Path(__file__).resolve().parent


def build_corpus(folder: Path, seed: int) -> tuple[int, int]:
    """bench_pairing's corpus in *folder*; returns (files, sentences)."""
    spec = importlib.util.spec_from_file_location("bench_pairing", HERE / "bench_pairing.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _truth, files = module.build(folder, seed)
    sentences = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.txt"))
    return files, sentences


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}"


def run(corpus: Path, cfg: AlignConfig, engine: str, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run_batch(corpus, Path(tmp) / "out", cfg, jobs=jobs, engine=engine, cache_dir=str(Path(tmp) / "cache"))
        return time.perf_counter() - start


def ray_start_cost() -> float:
    import ray

    start = time.perf_counter()
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.shutdown()
    return time.perf_counter() - start


def stage_profile(corpus: Path, cfg: AlignConfig) -> dict[str, float]:
    """Seconds per stage of one in-process run (local engine, one job)."""
    spent: dict[str, float] = defaultdict(float)
    depth = {"encode": 0, "align": 0}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            depth["align"] += name == "align pairs"
            try:
                return func(*args, **kwargs)
            finally:
                depth["align"] -= name == "align pairs"
                spent[name] += time.perf_counter() - start
        return wrapper

    original_encode = Encoder.encode

    def encode(self: Encoder, sentences: Any, lang: str) -> Any:
        if depth["encode"] == 0:
            spent["sentences encoded (align)" if depth["align"] else "sentences encoded (pairing)"] += len(sentences)
        depth["encode"] += 1
        start = time.perf_counter()
        try:
            return original_encode(self, sentences, lang)
        finally:
            depth["encode"] -= 1
            if depth["encode"] == 0:
                spent["encode (align)" if depth["align"] else "encode (pairing)"] += time.perf_counter() - start

    patches = [(pairing_mod, "describe", "describe"), (pairing_mod, "pair_group", "pair"),
               (batch_mod, "align_pair", "align pairs"), (jobs_mod, "write_outputs", "write TMX"),
               (batch_mod, "finish", "merge+manifest")]
    saved = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in patches]
    Encoder.encode = encode  # type: ignore[method-assign]
    for mod, attr, name in patches:
        setattr(mod, attr, timed(name, getattr(mod, attr)))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            manifest = run_batch(corpus, Path(tmp) / "out", cfg, jobs=1, cache_dir=str(Path(tmp) / "cache"))
            spent["total"] = time.perf_counter() - start
        (corpus.parent / "last_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    finally:
        Encoder.encode = original_encode  # type: ignore[method-assign]
        for mod, attr, func in saved:
            setattr(mod, attr, func)
    return dict(spent)


#: LASER on one GPU, NOT measured here: 40 M sentences in 5–6 hours on "a single recent GPU"
#: (H. Schwenk, facebookresearch/LASER issue #48, 2019), i.e. about 2,000 sentences/s.
LASER_GPU_SENTENCES_PER_S = 2000.0


def project(stages: dict[str, float], files: int, pairs: int, target_pairs: float) -> dict[str, Any]:
    """Core-hours per stage for *target_pairs* document pairs (two documents each) at the measured
    per-unit costs of this corpus, and GPU-hours of LASER at the published throughput."""
    docs = 2 * target_pairs
    per_doc = {k: stages.get(k, 0.0) / files for k in ("describe", "encode (pairing)", "pair")}
    per_pair = {k: stages.get(k, 0.0) / pairs for k in ("encode (align)", "align (search, scores)", "write TMX",
                                                          "merge+manifest")}
    core_hours = {k: v * docs / 3600 for k, v in per_doc.items()}
    core_hours.update({k: v * target_pairs / 3600 for k, v in per_pair.items()})
    sentences = (stages.get("sentences encoded (pairing)", 0.0) / files * docs
                 + stages.get("sentences encoded (align)", 0.0) / pairs * target_pairs)
    return {
        "pairs": target_pairs,
        "seconds_per_document": {k: round(v, 5) for k, v in per_doc.items()},
        "seconds_per_pair": {k: round(v, 5) for k, v in per_pair.items()},
        "core_hours": {k: round(v, 1) for k, v in core_hours.items()},
        "sentences_to_encode": round(sentences),
        "laser_gpu_hours_published_rate": round(sentences / LASER_GPU_SENTENCES_PER_S / 3600, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", help="Write the figures to this file.")
    ap.add_argument("--project", type=float, default=10e6, help="Document pairs to project the cost of.")
    args = ap.parse_args()
    cfg = AlignConfig(encoder=args.encoder)
    results: dict[str, Any] = {"cpus": os.cpu_count(), "encoder": args.encoder, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        files, sentences = build_corpus(corpus, args.seed)
        results.update(files=files, sentences=sentences)
        print(f"corpus: {files} files, {sentences} lines; {os.cpu_count()} CPUs; {load()}", file=sys.stderr)
        run(corpus, cfg, "local", 1)  # warm-up: imports, numba's cache, the encoder's files
        results["ray_start_stop_s"] = round(ray_start_cost(), 2)
        print(f"ray start+stop alone: {results['ray_start_stop_s']} s", file=sys.stderr)
        engines = [("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]
        for rep in range(args.repeat):
            row: dict[str, Any] = {}
            for engine, jobs in engines:
                before = load()
                seconds = run(corpus, cfg, engine, jobs)
                key = f"{engine}-{jobs}"
                row[key] = {"seconds": round(seconds, 2), "docs_per_min": round(files / seconds * 60, 1),
                            "load_before": before}
                print(f"rep {rep} {key:8s} {seconds:7.2f} s  {files / seconds * 60:7.1f} docs/min  ({before})",
                      file=sys.stderr)
            row["ray2_over_local2"] = round(row["local-2"]["seconds"] / row["ray-2"]["seconds"], 3)
            row["ray1_over_local1"] = round(row["local-1"]["seconds"] / row["ray-1"]["seconds"], 3)
            print(f"rep {rep} ray-2 / local-2 throughput: {row['ray2_over_local2']:.3f}; "
                  f"ray-1 / local-1: {row['ray1_over_local1']:.3f}", file=sys.stderr)
            results["runs"].append(row)
        stages = stage_profile(corpus, cfg)
        # "align pairs" holds its encoder calls and the TMX writing: the search and scores alone
        stages["align (search, scores)"] = (stages.pop("align pairs", 0.0) - stages.get("encode (align)", 0.0)
                                            - stages.get("write TMX", 0.0))
        results["stages_s"] = {k: round(v, 2) for k, v in stages.items()}
        total = stages["total"]
        print(f"stages (one process, {load()}):", file=sys.stderr)
        for name, seconds in stages.items():
            if name.startswith("sentences"):
                print(f"  {name:32s} {seconds:7.0f}", file=sys.stderr)
            else:
                print(f"  {name:32s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %", file=sys.stderr)
        encode = stages.get("encode (pairing)", 0.0) + stages.get("encode (align)", 0.0)
        results["encoder_share"] = round(encode / total, 3)
        pairs = len(json.loads((Path(tmp) / "last_manifest.json").read_text(encoding="utf-8"))["pairs"])
        results["pairs"] = pairs
        results["projection"] = project(stages, files, pairs, args.project)
        print(f"encoder's share: {100 * encode / total:.1f} %", file=sys.stderr)
    print(json.dumps(results, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
