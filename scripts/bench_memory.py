"""Peak memory of one ``aligner align``-equivalent job, the encoding child included.

Builds the realistic input of ``scripts/bench_speed.py`` (N sentences per side), loads the
encoder and warms the compiled kernels (as bench_speed does), then runs one job in this
process: read, segment, encode with an empty cache (or the cache of the previous run
with ``--warm``), search, refine, write a TMX. While it runs, ``/proc`` is sampled every
0.2 s: this process's resident and proportional set size (PSS) and the PSS of its
children (the source side's encoding process, forked per pair: PSS shares the pages the
two have in common between them, so the two add up). Prints the process's peak resident
size (VmHWM), the largest sum of the two PSS, and the largest of each per stage.

    python scripts/bench_memory.py [--size 50000] [--warm] [--folder /tmp/bench_memory]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_speed  # noqa: E402  (the inputs and settings of the speed benchmark)


def _field(path: str, name: str) -> int:
    """A ``Name: value kB`` field of a /proc file, in MB (0 when the process is gone)."""
    try:
        with open(path, encoding="ascii") as fh:
            for line in fh:
                if line.startswith(name + ":"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _children() -> list[str]:
    out: list[str] = []
    for task in os.listdir("/proc/self/task"):
        try:
            out += Path(f"/proc/self/task/{task}/children").read_text().split()
        except OSError:
            pass
    return out


class Sampler:
    """(stage, RSS, PSS, children's PSS) every 0.2 s, in a thread."""

    def __init__(self) -> None:
        self.stage = "setup"
        self.samples: list[tuple[str, int, int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            kids = sum(_field(f"/proc/{c}/smaps_rollup", "Pss") for c in _children())
            self.samples.append((self.stage, _field("/proc/self/status", "VmRSS"),
                                 _field("/proc/self/smaps_rollup", "Pss"), kids))
            self._stop.wait(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.3)
        self._stop.set()
        self._thread.join()

    def stage_of(self, module: Any, name: str) -> None:
        """Name the stage after *module.name* while it runs."""
        inner = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            before, self.stage = self.stage, name
            try:
                return inner(*args, **kwargs)
            finally:
                self.stage = before

        setattr(module, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=50000, help="sentences per side")
    ap.add_argument("--warm", action="store_true", help="keep the cache of the previous run")
    ap.add_argument("--folder", default="/tmp/bench_memory", help="inputs, cache and output go here")
    args = ap.parse_args()

    import aligner.align.search as search
    import aligner.pipeline as pipeline
    from aligner.encoders.cache import EmbeddingCache
    from aligner.encoders.registry import get_encoder
    from aligner.formats import write_alignment
    from aligner.models import Sentence

    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    fr, ar = bench_speed.write_inputs("realistic", args.size, folder)
    cache = folder / "cache"
    if not args.warm:
        shutil.rmtree(cache, ignore_errors=True)
    enc = get_encoder("use")
    enc.encode(["Chauffe."], "fr")
    cfg = bench_speed._config("realistic", "use")
    pipeline.align_sentences([Sentence(0, "Un."), Sentence(1, "Deux.")],
                             [Sentence(0, "واحد."), Sentence(1, "اثنان.")], cfg, encoder=enc)
    t0 = time.perf_counter()
    with Sampler() as sampler:
        for module, name in ((pipeline, "load"), (pipeline, "both"), (pipeline, "align_vectors"),
                             (search, "_refine")):
            sampler.stage_of(module, name)
        sampler.stage = "align"
        result = pipeline.align_files(fr, ar, cfg, encoder=enc, cache=EmbeddingCache(cache))
        sampler.stage = "write"
        write_alignment(result, folder / "out.tmx")
        sampler.stage = "done"
    samples = sampler.samples
    print(f"realistic {args.size:,} sentences per side, {'warm' if args.warm else 'cold'} cache, "
          f"{time.perf_counter() - t0:.1f} s; load average {os.getloadavg()[0]:.2f}")
    print(f"this process: peak resident {_field('/proc/self/status', 'VmHWM')} MB (VmHWM)")
    top = max(samples, key=lambda s: s[2] + s[3])
    print(f"process + encoding child, PSS: at most {top[2] + top[3]} MB ({top[2]} + {top[3]}, during {top[0]})")
    stages: dict[str, tuple[int, int, int, int]] = {}
    for stage, rss, pss, kids in samples:
        stages[stage] = max(stages.get(stage, (0, 0, 0, 0)), (pss + kids, rss, pss, kids))
    print("| stage | PSS together MB | process RSS | process PSS | child PSS |\n|---|---|---|---|---|")
    for stage, (both, rss, pss, kids) in stages.items():
        print(f"| {stage} | {both} | {rss} | {pss} | {kids} |")


if __name__ == "__main__":
    main()
