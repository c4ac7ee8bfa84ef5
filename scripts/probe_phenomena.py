"""Per-phenomenon accuracy of the aligner on the independent probe (``benchmarks/frar/probe``).

Usage: python scripts/probe_phenomena.py [--bench frar-probe] [--encoder use] [--examples 3]
                                        [--save preds.json | --load preds.json]

Aligns every probe document (built by ``scripts/build_frar_probe.py``) with the aligner's
defaults, as ``bench_accuracy.py --bench frar-probe`` does, then reads each gold bead's
tags (``NAME.tags``) and prints, per tag: gold beads, how many the aligner output
exactly (same lines on both sides), and, for the missed ones, the most frequent shapes
of the predicted beads that hold their lines. Then a few missed beads per tag of
interest with their lines, gold and predicted. ``--save`` keeps the predictions in a
JSON file; ``--load`` reads them instead of aligning (the table only).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from bench_accuracy import _lines, documents, run_aligner  # type: ignore[import-not-found]

from aligner.align.evaluate import read_beads, score

Bead = tuple[tuple[int, ...], tuple[int, ...]]
#: Tags whose missed beads are shown with their lines.
SHOWN = ("omission_ar", "omission_fr", "swap", "ar_merge2", "ar_merge3", "fr_merge2", "ar_split", "recut_ar",
         "recut_fr", "dialect_ary", "dialect_arz", "fr_only_run", "ar_only_run", "list_ar", "ar_only_heading",
         "fr_only_title", "ar_only_title", "fr_only_single", "ar_only_single", "fr_only_boilerplate",
         "ar_only_boilerplate", "ar_only_dateline")


#: Phenomena as reported in docs/benchmarks.md: name and the tags (of ``NAME.tags``) it gathers.
GROUPS: dict[str, tuple[str, ...]] = {
    "untouched 1-1": ("1-1",),
    "dialect Arabic line (ary / arz), 1-1": ("dialect_ary", "dialect_arz"),
    "partial omission, 1-1 (Arabic / French side)": ("omission_ar", "omission_fr"),
    "Arabic joins 2 or 3 sentences (2-1, 3-1)": ("ar_merge2", "ar_merge3"),
    "French joins 2 sentences (1-2)": ("fr_merge2",),
    "one sentence cut in two (1-2, 2-1)": ("ar_split", "fr_split"),
    "re-cut boundary (2-2)": ("recut_ar", "recut_fr"),
    "adjacent Arabic sentences swapped (2-2)": ("swap",),
    "sentence moved 2–4 places (both sides unaligned)": ("moved_ar_side", "moved_fr_side"),
    "one-sided run of 2–6 body sentences (per line)": ("fr_only_run", "ar_only_run"),
    "one-sided single body sentence": ("fr_only_single", "ar_only_single"),
    "one-sided title / kicker": ("fr_only_title", "ar_only_title", "fr_only_kicker", "ar_only_kicker"),
    "one-sided dateline line": ("fr_only_dateline", "ar_only_dateline"),
    "one-sided section heading": ("fr_only_heading", "ar_only_heading"),
    "one-sided boilerplate / teaser of another story": ("fr_only_boilerplate", "ar_only_boilerplate",
                                                         "fr_only_teaser", "ar_only_teaser"),
    "translated title / kicker / heading (1-1)": ("title", "kicker", "heading"),
    "dateline glued to the first sentence (1-1)": ("dateline_fr", "dateline_ar", "dateline_both"),
    "lead line and list items (1-n)": ("list_ar", "list_fr"),
}


def shape(bead: Bead) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


def covering(gold: Bead, preds: list[Bead]) -> list[Bead]:
    """Predicted beads holding a line of *gold*."""
    src, tgt = set(gold[0]), set(gold[1])
    return [p for p in preds if src & set(p[0]) or tgt & set(p[1])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default="frar-probe",
                    help="frar-NAME reads benchmarks/frar/NAME (another seed built with build_frar_probe.py --out)")
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--examples", type=int, default=3, help="missed beads shown per tag of SHOWN")
    ap.add_argument("--save", type=Path, help="write the predictions to this JSON file")
    ap.add_argument("--load", type=Path, help="read the predictions from this JSON file instead of aligning")
    args = ap.parse_args()
    langs, docs = documents(args.bench)
    golds: list[list[Bead]] = [[(tuple(s), tuple(t)) for s, t in read_beads(g)] for _, _, g in docs]
    if args.load:
        saved = json.loads(args.load.read_text(encoding="utf-8"))
        preds = [[(tuple(s), tuple(t)) for s, t in doc] for doc in saved]
    else:
        align = run_aligner(args.encoder, langs)
        preds = [[(tuple(s), tuple(t)) for s, t in align(_lines(src), _lines(tgt))] for src, tgt, _ in docs]
        if args.save:
            args.save.write_text(json.dumps(preds), encoding="utf-8")
    s = score(golds, preds)
    print(f"{args.bench}, aligner/{args.encoder}: strict P/R/F1 {s.precision_strict:.3f} / {s.recall_strict:.3f} / "
          f"{s.f1_strict:.3f}, lax F1 {s.f1_lax:.3f}")
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    missed_as: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for (src, tgt, gold_path), gold, pred in zip(docs, golds, preds, strict=True):
        tags = gold_path.with_suffix(".tags").read_text(encoding="utf-8").splitlines()
        fr, ar = _lines(src), _lines(tgt)
        pred_set = set(pred)
        for bead, tag in zip(gold, tags, strict=True):
            ok = bead in pred_set
            cover = covering(bead, pred)
            for t in tag.split("+"):
                total[t] += 1
                right[t] += ok
                if ok:
                    continue
                missed_as[t]["+".join(sorted(shape(p) for p in cover))] += 1
                if t in SHOWN and len(examples[t]) < args.examples:
                    lines = [f"  gold {list(bead[0])}:{list(bead[1])} ({tag}) in {gold_path.stem}; "
                             f"predicted {', '.join(f'{list(p[0])}:{list(p[1])}' for p in cover)}"]
                    shown_src = sorted({i for p in [bead, *cover] for i in p[0]})
                    shown_tgt = sorted({j for p in [bead, *cover] for j in p[1]})
                    lines += [f"    fr {i}: {fr[i][:160]}" for i in shown_src]
                    lines += [f"    ar {j}: {ar[j][:160]}" for j in shown_tgt]
                    examples[t].append("\n".join(lines))
    print("\n| tag | gold beads | exactly right | share | missed ones predicted as (shapes of the beads holding their lines) |")
    print("|---|---|---|---|---|")
    for t in sorted(total, key=lambda t: (-total[t], t)):
        common = ", ".join(f"{k or 'nothing'} ×{v}" for k, v in missed_as[t].most_common(3))
        print(f"| {t} | {total[t]} | {right[t]} | {right[t] / total[t]:.2f} | {common} |")
    print("\n| phenomenon | gold beads | exactly right | share |")
    print("|---|---|---|---|")
    for name, group in GROUPS.items():
        n, ok = sum(total[t] for t in group), sum(right[t] for t in group)
        if n:
            by_tag = " / ".join(f"{right[t]}/{total[t]}" for t in group if total[t]) if len(group) > 1 else ""
            print(f"| {name} | {n} | {ok}{f' ({by_tag})' if by_tag else ''} | {ok / n:.2f} |")
    for t in SHOWN:
        if examples[t]:
            print(f"\nMissed {t}:")
            print("\n".join(examples[t]))


if __name__ == "__main__":
    main()
