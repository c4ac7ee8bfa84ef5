"""Speed: our alignment against the encoding floor and against sentalign, by document length.

For documents of N sentences per side (default 100, 1,000, 10,000, 50,000),
built from the French–Arabic sentence pairs of ``../shared/benchmarks/frar``
(FLORES-200 devtest and TICO-19 dev, cycled, each sentence made unique by its
paragraph number), it measures with the same loaded encoder:

* **floor**: encoding every sentence of both sides once;
* **ours**: ``aligner.pipeline.align_sentences`` end to end with an empty
  embedding cache (the default set-up of ``aligner align``), the share of it spent
  outside the encoder, and a second run on the same inputs (warm cache);
* **sentalign**: the Vecalign programme on PyPI fed the same encoder, with the
  same largest bead (``alignment_max_size`` = our ``max_bead``).

Each measurement runs in a fresh process, so that its peak memory (RSS) is its own;
the encoder is loaded and warmed up before the clock starts. It prints a table
and a log-log fit of the time outside the encoder, and writes a log-log plot.

    python scripts/bench_speed.py [--sizes 100 1000 10000 50000] [--encoder use]
                                  [--sentalign-max 10000] [--plot docs/img/speed.png]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAR = ROOT.parent / "shared" / "benchmarks" / "frar"


def build_document(n: int) -> tuple[list[str], list[str]]:
    """N French and N Arabic sentences, line-aligned, each unique."""
    fr = (FRAR / "flores200_devtest" / "fra_Latn.txt").read_text(encoding="utf-8").splitlines()
    ar = (FRAR / "flores200_devtest" / "arb_Arab.txt").read_text(encoding="utf-8").splitlines()
    fr += (FRAR / "tico19_dev" / "fr.txt").read_text(encoding="utf-8").splitlines()
    ar += (FRAR / "tico19_dev" / "ar.txt").read_text(encoding="utf-8").splitlines()
    pairs = [(f, a) for f, a in zip(fr, ar, strict=True) if f.strip() and a.strip()]
    src = [f"{k + 1}. {pairs[k % len(pairs)][0]}" for k in range(n)]
    tgt = [f"{k + 1}. {pairs[k % len(pairs)][1]}" for k in range(n)]
    return src, tgt


class TimedEncoder:
    """Wraps an encoder and adds up the seconds spent in it."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.seconds = 0.0
        self.calls = 0
        self.sentences = 0

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)

    def encode(self, texts, lang):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = self.inner.encode(texts, lang)
        self.seconds += time.perf_counter() - t
        self.calls += 1
        self.sentences += len(texts)
        return out


def measure(system: str, n: int, encoder_name: str) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    from aligner.config import AlignConfig
    from aligner.encoders.cache import EmbeddingCache
    from aligner.encoders.registry import get_encoder
    from aligner.models import Sentence
    from aligner.pipeline import align_sentences

    src, tgt = build_document(n)
    enc = get_encoder(encoder_name)
    enc.encode(["Chauffe.", "تسخين."], "fr")  # load the model outside the clock
    cfg = AlignConfig(encoder=encoder_name, pre_split=True)
    # numba compiles (or loads from its cache) on first use: not part of a run.
    align_sentences([Sentence(0, "Un."), Sentence(1, "Deux.")], [Sentence(0, "واحد."), Sentence(1, "اثنان.")],
                    cfg, encoder=enc)
    timed = TimedEncoder(enc)
    out: dict[str, float] = {}
    if system == "floor":
        t = time.perf_counter()
        enc.encode(src, "fr")
        enc.encode(tgt, "ar")
        out["seconds"] = time.perf_counter() - t
        out["encoded"] = 2 * n
    elif system == "ours":
        s = [Sentence(i, x) for i, x in enumerate(src)]
        g = [Sentence(i, x) for i, x in enumerate(tgt)]
        with tempfile.TemporaryDirectory() as tmp:
            cache = EmbeddingCache(tmp)
            t = time.perf_counter()
            align_sentences(s, g, cfg, encoder=timed, cache=cache)  # type: ignore[arg-type]
            out["seconds"] = time.perf_counter() - t
            out["encoder_seconds"] = timed.seconds
            out["encoded"] = timed.sentences
            cache2 = EmbeddingCache(tmp)  # a new run: a new cache object on the same folder
            t = time.perf_counter()
            align_sentences(s, g, cfg, encoder=timed, cache=cache2)  # type: ignore[arg-type]
            out["warm_seconds"] = time.perf_counter() - t
    elif system == "sentalign":
        from sentalign import sentalign

        calls = {"sentences": 0}

        def encode(texts):  # type: ignore[no-untyped-def]
            calls["sentences"] += len(texts)
            return enc.encode(list(texts), "fr")

        t = time.perf_counter()
        sentalign(src, tgt, encode, alignment_max_size=cfg.max_bead)
        out["seconds"] = time.perf_counter() - t
        out["encoded"] = calls["sentences"]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_child(system: str, n: int, encoder: str, timeout: float) -> dict[str, float] | None:
    cmd = [sys.executable, __file__, "--child", system, str(n), "--encoder", encoder]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(exc.stderr)
        raise
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def fit_slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y against log x."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def plot(rows: list[dict], path: Path, encoder: str) -> None:  # type: ignore[type-arg]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.6), dpi=110)
    for key, label, style in (("floor", "floor (encode each sentence once)", "k--"),
                              ("ours", "aligner (cold cache)", "o-"),
                              ("warm", "aligner (warm cache)", "s-"),
                              ("outside", "aligner, outside the encoder", "^:"),
                              ("sentalign", "sentalign, same encoder", "d-")):
        pts = [(r["n"], r[key]) for r in rows if r.get(key)]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], style, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("sentences per side")
    ax.set_ylabel("seconds")
    ax.set_title(f"Alignment time against document length ({encoder})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 50000])
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--sentalign-max", type=int, default=10**9,
                    help="largest size sentalign is run at (it encodes every overlap of up to max_bead sentences)")
    ap.add_argument("--sentalign-patience", type=float, default=1.5,
                    help="stop sentalign after this many times our time (it is then reported as slower)")
    ap.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "speed.png")
    ap.add_argument("--child", nargs=2, metavar=("SYSTEM", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]), args.encoder)))
        return

    print(f"# encoder {args.encoder}; {os.cpu_count()} CPUs; sentences per side: {args.sizes}")
    header = ("| sentences/side | floor s | ours s | ours/floor | outside encoder | warm s | cold/warm "
              "| ours peak MB | sentalign s | ours/sentalign | sentalign encoded | sentalign peak MB |")
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    rows = []
    for n in args.sizes:
        floor = run_child("floor", n, args.encoder, 7200)
        ours = run_child("ours", n, args.encoder, 7200)
        assert floor and ours
        patience = max(120.0, args.sentalign_patience * ours["seconds"])
        sa = run_child("sentalign", n, args.encoder, patience) if n <= args.sentalign_max else None
        stopped = sa is None and n <= args.sentalign_max
        outside = ours["seconds"] - ours["encoder_seconds"]
        row = {"n": n, "floor": floor["seconds"], "ours": ours["seconds"], "warm": ours["warm_seconds"],
               "outside": outside, "sentalign": sa["seconds"] if sa else None}
        rows.append(row)
        if sa:
            sa_cells = (f"{sa['seconds']:.2f} | {ours['seconds'] / sa['seconds']:.3f} | {int(sa['encoded'])} | "
                        f"{sa['peak_rss_mb']:.0f}")
        elif stopped:
            sa_cells = f"> {patience:.0f} (stopped) | < {ours['seconds'] / patience:.2f} | – | –"
        else:
            sa_cells = "not run | – | – | –"
        print(f"| {n:,} | {floor['seconds']:.2f} | {ours['seconds']:.2f} | {ours['seconds'] / floor['seconds']:.2f} | "
              f"{outside:.2f} s ({outside / ours['seconds']:.0%}) | {ours['warm_seconds']:.3f} | "
              f"{ours['seconds'] / ours['warm_seconds']:.0f}× | {ours['peak_rss_mb']:.0f} | {sa_cells} |", flush=True)
    big = [r for r in rows if r["n"] >= 1000]
    if len(big) >= 2:
        slope = fit_slope([r["n"] for r in big], [r["outside"] for r in big])
        print(f"\nlog-log slope of the time outside the encoder, {big[0]['n']:,}–{big[-1]['n']:,} sentences: {slope:.2f}")
    if args.plot:
        plot(rows, args.plot, args.encoder)
        print(f"plot: {args.plot}")


if __name__ == "__main__":
    main()
