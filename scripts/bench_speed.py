"""Speed: our alignment against the encoding floor, stage by stage, by document length.

Two kinds of input, N sentences per side (default 1,000, 10,000, 50,000):

* ``lines``: line-for-line translations, the French–Arabic sentence pairs of
  ``../shared/benchmarks/frar`` (FLORES-200 devtest and TICO-19 dev, cycled, each
  sentence made unique by its paragraph number), aligned with ``--pre-split``;
* ``realistic``: rewritten news, the articles of the fr–ar benchmark's *test* part
  (``benchmarks/frar/test``: merges, splits, dropped sentences, headings, bullets,
  boilerplate), concatenated and repeated until the French side has N lines, each copy
  made unique by a ``[copy]`` mark on its lines (a line that repeats in the benchmark,
  i.e. boilerplate, is left as it is), read and segmented with the default settings.

With the same loaded encoder it measures:

* **floor**: encoding every sentence of both sides once (the sentences the pipeline
  segments), in one call per side;
* **ours**: reading and segmenting both files, aligning and writing a TMX, as
  ``aligner align`` does, with an empty embedding cache, stage by stage (reading and
  segmentation, first encoding, search, refinement encoding with its texts, characters
  and rounds, refinement logic, writing), then again on the same inputs (warm cache);
* **start-up** (once): ``aligner --help``, importing the pipeline, loading the model,
  and a two-line ``aligner align`` job, each in a fresh process.

Each measurement runs in a fresh process, so that its peak memory (RSS) is its own;
the encoder is loaded and warmed up before the clock starts (start-up is measured
apart). It prints a table per kind and a log-log fit of the time outside the encoder,
and writes a log-log plot with both kinds.

    python scripts/bench_speed.py [--sizes 1000 10000 50000] [--kinds lines realistic]
                                  [--encoder use] [--repeat 1] [--plot docs/img/speed.png]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FRAR = ROOT.parent / "shared" / "benchmarks" / "frar"
BENCH = ROOT / "benchmarks" / "frar" / "test"
STAGES = ("read", "encode", "search", "refine_encode", "refine_logic", "write")


def lines_document(n: int) -> tuple[list[str], list[str]]:
    """N French and N Arabic sentences, line-aligned, each unique."""
    fr = (FRAR / "flores200_devtest" / "fra_Latn.txt").read_text(encoding="utf-8").splitlines()
    ar = (FRAR / "flores200_devtest" / "arb_Arab.txt").read_text(encoding="utf-8").splitlines()
    fr += (FRAR / "tico19_dev" / "fr.txt").read_text(encoding="utf-8").splitlines()
    ar += (FRAR / "tico19_dev" / "ar.txt").read_text(encoding="utf-8").splitlines()
    pairs = [(f, a) for f, a in zip(fr, ar, strict=True) if f.strip() and a.strip()]
    src = [f"{k + 1}. {pairs[k % len(pairs)][0]}" for k in range(n)]
    tgt = [f"{k + 1}. {pairs[k % len(pairs)][1]}" for k in range(n)]
    return src, tgt


def realistic_document(n: int) -> tuple[list[str], list[str]]:
    """Rewritten-news articles of the benchmark's test part, repeated until N French lines."""
    articles = []
    for fr_path in sorted(BENCH.glob("*.fr")):
        fr = fr_path.read_text(encoding="utf-8").splitlines()
        ar = fr_path.with_suffix(".ar").read_text(encoding="utf-8").splitlines()
        articles.append((fr, ar))
    if not articles:
        raise SystemExit(f"no articles in {BENCH}; build them with scripts/build_frar_benchmark.py")
    counts = Counter(line for fr, ar in articles for line in fr + ar)
    src: list[str] = []
    tgt: list[str] = []
    copy = 0
    while len(src) < n:
        for fr, ar in articles:
            if len(src) >= n:
                break
            mark = f"[{copy + 1}] " if copy else ""
            src += [line if counts[line] > 1 else mark + line for line in fr]
            tgt += [line if counts[line] > 1 else mark + line for line in ar]
        copy += 1
    return src, tgt


class TimedEncoder:
    """Wraps an encoder and adds up the seconds, calls, texts and characters, by phase."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.phase = "encode"
        self.stats: dict[str, Counter[str]] = {}
        self._lock = threading.Lock()  # the two sides may be encoded in two threads
        self.intervals: dict[str, list[tuple[float, float]]] = {}

    def seconds(self, phase: str) -> float:
        """Wall time with the encoder at work in *phase* (the union of its calls' intervals)."""
        total, end = 0.0, float("-inf")
        for a, b in sorted(self.intervals.get(phase, [])):
            if b > end:
                total += b - max(a, end)
                end = b
        return total

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)

    def encode(self, texts, lang):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = self.inner.encode(texts, lang)
        self.record(texts, t)
        return out

    def record(self, texts, start):  # type: ignore[no-untyped-def]
        with self._lock:
            s = self.stats.setdefault(self.phase, Counter())
            self.intervals.setdefault(self.phase, []).append((start, time.perf_counter()))
            s["calls"] += 1
            s["texts"] += len(texts)
            s["chars"] += sum(len(x) for x in texts)

    @contextlib.contextmanager
    def counting_child_calls(self):  # type: ignore[no-untyped-def]
        """Also count the calls a child process makes for the source side (they never
        reach :meth:`encode` in this process)."""
        from aligner.encoders import parallel

        inner = parallel.ProcessEncoder._encode

        def counted(encoder, sentences, lang):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            out = inner(encoder, sentences, lang)
            self.record(sentences, t)
            return out

        parallel.ProcessEncoder._encode = counted  # type: ignore[method-assign]
        try:
            yield
        finally:
            parallel.ProcessEncoder._encode = inner  # type: ignore[method-assign]


def write_inputs(kind: str, n: int, folder: Path) -> tuple[Path, Path]:
    src, tgt = (lines_document if kind == "lines" else realistic_document)(n)
    fr, ar = folder / "doc.fr.txt", folder / "doc.ar.txt"
    fr.write_text("\n".join(src) + "\n", encoding="utf-8")
    ar.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return fr, ar


def _config(kind: str, encoder_name: str, refine: bool = True) -> Any:
    from aligner.config import DEFAULTS

    return DEFAULTS.with_(encoder=encoder_name, pre_split=kind == "lines", refine=refine)


class StageClock:
    """Seconds per stage of one run, from wrappers around the pipeline's functions."""

    def __init__(self, timed: TimedEncoder) -> None:
        self.timed = timed
        self.seconds: Counter[str] = Counter()
        self.rounds = 0
        self._patches: list[tuple[Any, str, Any]] = []

    def wrap(self, module: Any, name: str, stage: str | None, phase: str | None = None) -> None:
        if not hasattr(module, name):
            return
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            before = self.timed.phase
            if phase:
                self.timed.phase = phase
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                if stage:
                    self.seconds[stage] += time.perf_counter() - t  # type: ignore[assignment]
                self.timed.phase = before

        self._patches.append((module, name, inner))
        setattr(module, name, wrapper)

    def count_rounds(self, module: Any, name: str) -> None:
        if not hasattr(module, name):
            return
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.rounds += 1
            return inner(*args, **kwargs)

        self._patches.append((module, name, inner))
        setattr(module, name, wrapper)

    def restore(self) -> None:
        for module, name, inner in reversed(self._patches):
            setattr(module, name, inner)
        self._patches.clear()


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the source side's encoder)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_pipeline(fr: Path, ar: Path, out: Path, cfg: Any, encoder: Any, cache_dir: Path) -> dict[str, float]:
    """One ``aligner align`` job in this process, stage by stage."""
    import aligner.align.refine as refine_mod
    import aligner.align.search as search_mod
    import aligner.pipeline as pipeline
    from aligner.encoders.cache import EmbeddingCache
    from aligner.formats import write_alignment

    timed = TimedEncoder(encoder)
    clock = StageClock(timed)
    clock.wrap(pipeline, "load", "read")
    clock.wrap(pipeline, "both" if hasattr(pipeline, "both") else "embed", "encode")  # both sides at once
    clock.wrap(search_mod, "_refine", "refine", phase="refine")
    clock.count_rounds(refine_mod, "_join_round")
    clock.wrap(pipeline, "align_vectors", "align")
    try:
        t0, c0 = time.perf_counter(), _cpu()
        with timed.counting_child_calls():
            result = pipeline.align_files(fr, ar, cfg, encoder=timed, cache=EmbeddingCache(cache_dir))  # type: ignore[arg-type]
        t1 = time.perf_counter()
        write_alignment(result, out)
        t2, c2 = time.perf_counter(), _cpu()
    finally:
        clock.restore()
    sec = clock.seconds
    enc = timed.stats.get("encode", Counter())
    ref = timed.stats.get("refine", Counter())
    row = {
        "seconds": t2 - t0,
        "cpu_seconds": c2 - c0,
        "read": sec["read"],
        "encode": sec["encode"],
        "search": sec["align"] - sec["refine"],
        "refine_encode": timed.seconds("refine"),
        "refine_logic": sec["refine"] - timed.seconds("refine"),
        "write": t2 - t1,
        "encoder_seconds": timed.seconds("encode") + timed.seconds("refine"),
        "encoded": enc["texts"],
        "refine_texts": ref["texts"],
        "refine_chars": ref["chars"],
        "refine_calls": ref["calls"],
        "rounds": clock.rounds,
        "beads": len(result.beads),
    }
    row["other"] = row["seconds"] - sum(row[s] for s in STAGES)
    return row


def measure(kind: str, n: int, encoder_name: str, repeat: int, no_refine: bool) -> dict[str, float]:
    """Floor, cold run and warm run, alternated *repeat* times in this (fresh) process: their
    ratios are taken run by run, on a machine whose load changes from minute to minute."""
    from aligner.encoders.registry import get_encoder
    from aligner.models import Sentence
    from aligner.pipeline import align_sentences, load

    enc = get_encoder(encoder_name)
    enc.encode(["Chauffe.", "تسخين."], "fr")  # load the model outside the clock
    cfg = _config(kind, encoder_name)
    # numba compiles (or loads from its cache) on first use: not part of a run.
    align_sentences([Sentence(0, "Un."), Sentence(1, "Deux.")], [Sentence(0, "واحد."), Sentence(1, "اثنان.")],
                    cfg, encoder=enc)
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench_speed_") as tmp:
        folder = Path(tmp)
        fr, ar = write_inputs(kind, n, folder)
        src = [s.text for s in load(fr, cfg.src_lang, cfg)[1]]
        tgt = [s.text for s in load(ar, cfg.tgt_lang, cfg)[1]]
        for k in range(repeat):
            out: dict[str, float] = {"src_sentences": len(src), "tgt_sentences": len(tgt)}
            t, c = time.perf_counter(), time.process_time()
            enc.encode(src, cfg.src_lang)
            enc.encode(tgt, cfg.tgt_lang)
            out["floor"], out["floor_cpu"] = time.perf_counter() - t, time.process_time() - c
            cache = folder / f"cache{k}"
            out.update(run_pipeline(fr, ar, folder / "out.tmx", cfg, enc, cache))
            out["warm_seconds"] = run_pipeline(fr, ar, folder / "out.tmx", cfg, enc, cache)["seconds"]
            if no_refine:
                out["norefine"] = run_pipeline(fr, ar, folder / "out.tmx", _config(kind, encoder_name, refine=False),
                                               enc, folder / f"nocache{k}")["seconds"]
            out["ratio"] = out["seconds"] / out["floor"]
            out["ratio_cpu"] = out["cpu_seconds"] / out["floor_cpu"]
            runs.append(out)
    best = sorted(runs, key=lambda r: r["ratio"])[len(runs) // 2]  # the run of median ratio
    best["ratios"] = [round(r["ratio"], 3) for r in runs]  # type: ignore[assignment]
    # this process, and the largest child (the source side's encoder; its RSS counts the pages
    # it shares copy-on-write with this process, so the two do not add up)
    best["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    best["child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best


def _wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - t


def measure_startup(encoder: str) -> dict[str, float]:
    """Start-up costs, each in fresh processes (median of three)."""
    py = sys.executable
    aligner_cmd = [py, "-m", "aligner.cli"]
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench_speed_start_") as tmp:
        fr, ar = Path(tmp) / "a.fr.txt", Path(tmp) / "a.ar.txt"
        fr.write_text("Bonjour le monde.\nIl fait beau.\n", encoding="utf-8")
        ar.write_text("مرحبا بالعالم.\nالطقس جميل.\n", encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        out["python"] = statistics.median(_wall([py, "-c", "pass"], env) for _ in range(3))
        out["help"] = statistics.median(_wall(aligner_cmd + ["--help"], env) for _ in range(3))
        out["import_pipeline"] = statistics.median(
            _wall([py, "-c", "import aligner.pipeline"], env) for _ in range(3))
        out["load_model"] = statistics.median(
            _wall([py, "-c", f"from aligner.encoders.registry import get_encoder as g; g({encoder!r}).encode(['a'], 'fr')"],
                  env) for _ in range(3)) - out["python"]
        colds, warms = [], []
        for k in range(3):
            job_env = dict(env, ALIGNER_CACHE_DIR=str(Path(tmp) / f"cache{k}"))
            job = aligner_cmd + ["align", str(fr), str(ar), "-o", str(Path(tmp) / "a.tmx"), "-q", "--encoder", encoder]
            colds.append(_wall(job, job_env))
            warms.append(_wall(job, job_env))
        out["two_line_cold"] = statistics.median(colds)
        out["two_line_warm"] = statistics.median(warms)
    return out


def run_child(kind: str, n: int, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind, str(n), "--encoder", args.encoder, "--repeat", str(args.repeat)]
    if args.no_refine_row:
        cmd.append("--no-refine-row")
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(exc.stderr)
        raise
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def fit_slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y against log x."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def plot(rows: list[dict[str, Any]], path: Path, encoder: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 5.0), dpi=110)
    colours = {"lines": "tab:blue", "realistic": "tab:red"}
    for kind in ("lines", "realistic"):
        for key, label, style in (("floor", "floor", "--"), ("ours", "aligner, cold cache", "o-"),
                                  ("warm", "aligner, warm cache", "s-"), ("outside", "outside the encoder", "^:")):
            pts = [(r["n"], r[key]) for r in rows if r["kind"] == kind and r.get(key)]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], style, color=colours[kind],
                        label=f"{kind}: {label}", alpha=0.9 if key != "floor" else 0.6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("sentences per side")
    ax.set_ylabel("seconds")
    ax.set_title(f"Alignment time against document length ({encoder})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--kinds", nargs="+", choices=["lines", "realistic"], default=["lines", "realistic"])
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--repeat", type=int, default=1,
                    help="floor, cold and warm runs per size, alternated in one process; the run of median ratio is shown")
    ap.add_argument("--no-refine-row", action="store_true", help="also time --no-refine")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up measurements")
    ap.add_argument("--plot", default=str(ROOT / "docs" / "img" / "speed.png"), help="'' for no plot")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]), args.encoder, args.repeat, args.no_refine_row)))
        return

    load = os.getloadavg()
    print(f"# encoder {args.encoder}; {os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"sentences per side: {args.sizes}; kinds: {args.kinds}; repeat {args.repeat}")
    if not args.no_startup:
        s = measure_startup(args.encoder)
        print(f"\nstart-up (median of 3, fresh processes): python {s['python']:.2f} s; `aligner --help` "
              f"{s['help']:.2f} s; import aligner.pipeline {s['import_pipeline']:.2f} s; load the model "
              f"{s['load_model']:.2f} s; two-line `aligner align` {s['two_line_cold']:.2f} s cold, "
              f"{s['two_line_warm']:.2f} s warm")
    rows: list[dict[str, Any]] = []
    for kind in args.kinds:
        print(f"\n## {kind}\n")
        header = ("| sentences/side (fr/ar) | floor s | ours s | ours/floor (each run) | CPU ours/floor | read | encode | search "
                  "| refine encode (texts, chars, rounds) | refine logic | write | outside encoder "
                  "| warm s | cold/warm | peak MB (process / child) |" + (" no-refine s |" if args.no_refine_row else ""))
        print(header)
        print("|---" * (header.count("|") - 1) + "|")
        for n in args.sizes:
            ours = run_child(kind, n, args)
            # wall time of the stages without the encoder (its seconds, summed over two threads, exceed wall time)
            outside = ours["seconds"] - ours["encode"] - ours["refine_encode"]
            row = {"kind": kind, "n": n, "floor": ours["floor"], "ours": ours["seconds"],
                   "warm": ours["warm_seconds"], "outside": outside}
            rows.append(row)
            cells = [f"{n:,} ({int(ours['src_sentences']):,}/{int(ours['tgt_sentences']):,})",
                     f"{ours['floor']:.2f}", f"{ours['seconds']:.2f}",
                     f"**{ours['ratio']:.2f}** ({', '.join(f'{r:.2f}' for r in ours['ratios'])})",
                     f"{ours['ratio_cpu']:.2f}",
                     f"{ours['read']:.2f}", f"{ours['encode']:.2f}", f"{ours['search']:.2f}",
                     f"{ours['refine_encode']:.2f} ({int(ours['refine_texts']):,}, "
                     f"{int(ours['refine_chars']):,}, {int(ours['rounds'])})",
                     f"{ours['refine_logic']:.2f}", f"{ours['write']:.2f}",
                     f"{outside:.2f} ({outside / ours['seconds']:.0%})",
                     f"{ours['warm_seconds']:.2f}", f"{ours['seconds'] / ours['warm_seconds']:.0f}×",
                     f"{ours['peak_rss_mb']:.0f} / {ours.get('child_rss_mb', 0):.0f}"]
            if args.no_refine_row:
                cells.append(f"{ours['norefine']:.2f} ({ours['norefine'] / ours['floor']:.2f}×)")
            print("| " + " | ".join(cells) + " |", flush=True)
        big = [r for r in rows if r["kind"] == kind and r["n"] >= 1000]
        if len(big) >= 2:
            slope = fit_slope([r["n"] for r in big], [r["outside"] for r in big])
            print(f"\nlog-log slope of the time outside the encoder ({kind}), "
                  f"{big[0]['n']:,}–{big[-1]['n']:,} sentences: {slope:.2f}")
    load = os.getloadavg()
    print(f"\n# load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.plot:
        plot(rows, Path(args.plot), args.encoder)
        print(f"plot: {args.plot}")


if __name__ == "__main__":
    main()
