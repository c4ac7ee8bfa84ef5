"""Alignment accuracy side by side (Vecalign's scorer): ours, Gale–Church and sentalign.

Usage: python scripts/bench_accuracy.py [--bench textberg-dev,frar-dev,frar-probe-dev,frar-written-dev,…] [--ablations]
                                        [--concatenate] [--bare-ends tgt=0.3] [--foreign tgt=0.2] [--blocks tgt=2]
                                        [--systems aligner,aligner-faithful,galechurch,sentalign] [--encoders use,e5]

Benchmarks: Text+Berg de–fr (``../shared/benchmarks/textberg``; tune on dev, report
on test) and our fr–ar constructions in ``benchmarks/frar``, each a tuning half and a
report half built apart: ``frar-dev`` / ``frar-test`` (``scripts/build_frar_benchmark.py``),
``frar-probe-dev`` / ``frar-probe`` (``scripts/build_frar_probe.py``) and
``frar-written-dev`` / ``frar-written`` (``scripts/build_frar_written.py``: news written
and rewritten as Arabic sites do). The default runs all eight. For each, one
table — system, encoder, strict P/R/F1, lax P/R/F1, seconds (encoding included, no
embedding cache) — with every row run in this process on the same inputs:

* ``aligner``: ours, with each encoder;
* ``aligner-faithful``: ours with ``--faithful`` on every document (texts translated in full:
  doubtful windows re-aligned with span encodings, :mod:`aligner.align.faithful`; the
  defaults do it only on documents that read as translated in full), with each encoder;
* ``galechurch``: Gale–Church (PyPI ``galechurch``), lengths only;
* ``sentalign``: the Vecalign programme on PyPI, fed the same loaded encoder
  (its defaults: overlaps and beads up to 8 sentences);
* with ``--ablations``, ours (first encoder, or ``--ablation-encoders``) with one rule switched off per row
  (:data:`ABLATIONS`; ``--ablation-match TEXT``: only the rows whose name holds TEXT);
* with ``--bare-ends SIDE=RATE``, every row on documents whose lines lost their final
  stop at that rate on one side or both (:func:`bare_ends`): robustness to pages that end
  their paragraphs bare;
* with ``--foreign SIDE=RATE``, on documents with sentences of the benchmark's other part
  inserted on one side or both (:func:`with_foreign`; the gold leaves them unaligned);
* with ``--pieces N``, on the documents cut into pieces of about N source sentences
  (:func:`in_pieces`): shorter documents;
* with ``--blocks SIDE=N``, on documents with N runs of 10–25 consecutive lines of a document
  of the other part inserted on one side (:func:`with_blocks`): an article on one side only.

Then a reliability table of our confidence per benchmark and encoder: for confidence
bins, the beads, their mean confidence and the share exactly in the gold, with the
expected calibration error (``reliability.py``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from reliability import markdown  # type: ignore[import-not-found]

from aligner.align.evaluate import read_beads, score
from aligner.config import AlignConfig
from aligner.encoders.registry import Encoder, get_encoder
from aligner.lang.segment import pre_split
from aligner.models import Sentence
from aligner.pipeline import align_sentences

ROOT = Path(__file__).resolve().parent.parent
TEXTBERG = ROOT.parent / "shared" / "benchmarks" / "textberg"
FRAR = ROOT / "benchmarks" / "frar"
BeadList = list[tuple[tuple[int, ...], tuple[int, ...]]]
#: One row per rule of the search and refinement: its name and the settings that switch it off.
ABLATIONS: dict[str, dict[str, Any]] = {
    "--no-refine": {"refine": False},
    "no length in refinement": {"refine_length": 0.0},
    "refinement checks every move": {"refine_margin": float("inf")},
    "no cut of many-to-many beads (refine_cut=None)": {"refine_cut": None},
    "no re-pairing of moved sentences (reorder_margin=None)": {"reorder_margin": None},
    "two 1-1 units with a moved boundary not joined (boundary_join=None)": {"boundary_join": None},
    "refinement thresholds as given, not in units of the spread (spread_units=False)": {"spread_units": False},
    "no heading rule": {"heading_rule": False},
    "no glued-title lead": {"heading_leads": False},
    "headline pairs kept however unlike (own_headline=None)": {"own_headline": None},
    "story titles one side left unaligned not folded into their lead (title_fold=None)": {"title_fold": None},
    "no heading/sentence 1-1 cost": {"heading_mismatch": 0.0},
    "member weight 1.0 (before)": {"member_weight": 1.0},
    "no cost for unrelated 1-1 pairs (unrelated_weight=0)": {"unrelated_weight": 0.0},
    "chrome lines aligned like sentences (pre_split_chrome=False)": {"pre_split_chrome": False},
    "no faithful pass on documents read as translated in full (--no-faithful-auto)": {"faithful_auto": 0.0},
    "documents read as translated in full from 0.5 of 5 or more sentences (stop 24)": {"faithful_auto": 0.5,
                                                                                     "faithful_min": 5},
}

#: The same for ``--faithful``'s pass (:mod:`aligner.align.faithful`), on top of ``--faithful``.
FAITHFUL_ABLATIONS: dict[str, dict[str, Any]] = {
    "no context (only the beads that are not 1-1)": {"faithful_context": 0},
    "skip -0.1 (Bertalign's default)": {"faithful_skip": -0.1},
    "runs of unaligned sentences re-aligned too": {"faithful_keep_runs": False},
}


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def documents(bench: str) -> tuple[tuple[str, str], list[tuple[Path, Path, Path]]]:
    """Languages and (source, target, gold) files of a benchmark."""
    corpus, split = bench.split("-", 1)
    if corpus == "textberg":
        names = ["dev"] if split == "dev" else [f"test{i}" for i in range(7)]
        return ("de", "fr"), [(TEXTBERG / f"{n}.de", TEXTBERG / f"{n}.fr", TEXTBERG / f"{n}.defr") for n in names]
    folder = FRAR / split
    if not folder.is_dir():
        raise SystemExit(f"{folder} missing: run python scripts/build_frar_benchmark.py")
    return ("fr", "ar"), [(p, p.with_suffix(".ar"), p.with_suffix(".frar")) for p in sorted(folder.glob("*.fr"))]


def as_sentences(lines: list[str]) -> list[Sentence]:
    """Pre-split lines as ``aligner align --pre-split`` reads them (:func:`aligner.lang.segment.pre_split`)."""
    return pre_split("\n".join(lines) + "\n")


#: The encoder loader (a script may put a caching one here).
load_encoder: Callable[[str], Encoder] = get_encoder


class CountingEncoder:
    """Passes calls to an encoder and counts the texts it encoded."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.texts = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def encode(self, texts: Sequence[str], lang: str) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.encode(texts, lang)


def run_aligner(encoder: str, langs: tuple[str, str], **settings: Any) -> Callable[[list[str], list[str]], BeadList]:
    cfg = AlignConfig(src_lang=langs[0], tgt_lang=langs[1], encoder=encoder, pre_split=True, **settings)
    enc = CountingEncoder(load_encoder(encoder))
    enc.inner.encode(["Warm-up."], langs[0])  # load the model before the clock starts
    confidences: list[float] = []
    sentences = [0]

    def align(src: list[str], tgt: list[str]) -> BeadList:
        result = align_sentences(as_sentences(src), as_sentences(tgt), cfg, encoder=enc)  # type: ignore[arg-type]
        confidences.extend(b.confidence for b in result.beads)
        sentences[0] += len(src) + len(tgt)
        return [(b.src, b.tgt) for b in result.beads]

    align.confidences = confidences  # type: ignore[attr-defined]
    align.encoded = lambda: (enc.texts, sentences[0])  # type: ignore[attr-defined]
    return align


def run_galechurch(src: list[str], tgt: list[str]) -> BeadList:
    import galechurch

    block = galechurch.align(src, tgt)
    return [(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in block.beads]


def run_sentalign(encoder: str, langs: tuple[str, str]) -> Callable[[list[str], list[str]], BeadList]:
    from sentalign import sentalign

    enc = load_encoder(encoder)

    def align(src: list[str], tgt: list[str]) -> BeadList:
        # sentalign passes no language; our encoders need none to encode.
        result = sentalign(src, tgt, lambda texts: enc.encode(list(texts), langs[0]))
        return [(tuple(a.src_indices), tuple(a.tgt_indices)) for a in result.alignments]

    return align


def evaluate(docs: list[tuple[Path, Path, Path]], align: Callable[[list[str], list[str]], BeadList],  # type: ignore[no-untyped-def]
             concatenate: bool = False):
    """Scores of *align* on *docs*; with *concatenate*, the documents are aligned as one
    document holding them all, in order (the gold offset accordingly)."""
    golds, preds = [], []
    start = time.perf_counter()
    if concatenate:
        src_all: list[str] = []
        tgt_all: list[str] = []
        gold_all: BeadList = []
        for src, tgt, gold in docs:
            gold_all += [(tuple(i + len(src_all) for i in s), tuple(j + len(tgt_all) for j in t))
                         for s, t in read_beads(gold)]
            src_all += _lines(src)
            tgt_all += _lines(tgt)
        preds.append(align(src_all, tgt_all))
        golds.append(gold_all)
        return score(golds, preds), time.perf_counter() - start, golds, preds
    for src, tgt, gold in docs:
        preds.append(align(_lines(src), _lines(tgt)))
        golds.append(read_beads(gold))
    return score(golds, preds), time.perf_counter() - start, golds, preds


def right_beads(golds: list, preds: list) -> list[bool]:  # type: ignore[type-arg]
    """For each predicted bead, in order, whether it is exactly a gold bead."""
    flat = []
    for gold, pred in zip(golds, preds, strict=True):
        gold_set = {(tuple(s), tuple(t)) for s, t in gold}
        flat.extend(((tuple(s), tuple(t)) in gold_set) for s, t in pred)
    return flat


#: The stops that :func:`bare_ends` takes off a line's end.
STOPS = ".؟?!"


def bare_ends(align: Callable[[list[str], list[str]], BeadList], side: str, rate: float,
              seed: int = 5) -> Callable[[list[str], list[str]], BeadList]:
    """*align* on documents whose *side* (``src``, ``tgt`` or ``both``) has lost the final stop
    of a *rate* share of its lines (seeded), as pages that end paragraphs bare do; the
    gold is unchanged (the lines are the same). Attributes of *align* stay readable."""
    rng = random.Random(seed)

    def strip(lines: list[str]) -> list[str]:
        return [t.rstrip().rstrip(STOPS) if t.rstrip()[-1:] in STOPS and rng.random() < rate else t for t in lines]

    class Bare:
        def __call__(self, src: list[str], tgt: list[str]) -> BeadList:
            return align(strip(src) if side in ("src", "both") else src, strip(tgt) if side in ("tgt", "both") else tgt)

        def __getattr__(self, name: str) -> Any:
            return getattr(align, name)

    return Bare()


Docs = list[tuple[Path, Path, Path]]
#: For one document's gold beads, what to insert before the bead of each index: (side, line) pairs.
Inserts = Callable[[list[tuple[list[int], list[int]]]], Callable[[int], list[tuple[int, str]]]]


def _with_inserted(docs: Docs, out: Path, inserts: Inserts) -> Docs:
    """*docs* rewritten under *out* with the lines *inserts* gives before each gold bead, each
    inserted line a 0-1 or 1-0 gold bead (side 0 the source, 1 the target)."""
    out.mkdir(parents=True, exist_ok=True)
    result = []
    for src, tgt, gold in docs:
        s_in, t_in = _lines(src), _lines(tgt)
        gold_beads = read_beads(gold)
        before = inserts(gold_beads)
        lines_out: tuple[list[str], list[str]] = ([], [])
        beads: list[str] = []
        for n, (xs, ys) in enumerate(gold_beads):
            for k, line in before(n):
                at = len(lines_out[k])
                beads.append(f"[{at}]:[]" if k == 0 else f"[]:[{at}]")
                lines_out[k].append(line)
            new_x = list(range(len(lines_out[0]), len(lines_out[0]) + len(xs)))
            new_y = list(range(len(lines_out[1]), len(lines_out[1]) + len(ys)))
            lines_out[0].extend(s_in[i] for i in xs)
            lines_out[1].extend(t_in[j] for j in ys)
            beads.append(f"{new_x}:{new_y}")
        paths = (out / src.name, out / tgt.name, out / gold.name)
        for path, lines in zip(paths, (*lines_out, beads), strict=True):
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result.append(paths)
    return result


def with_foreign(bench: str, docs: Docs, side: str, rate: float, out: Path, seed: int = 11) -> Docs:
    """*docs* with, before a *rate* share of their gold beads, a sentence of another benchmark
    part inserted on *side* (``src``, ``tgt`` or ``both``: each side drawn apart): content
    present on one side only, as rewritten news adds or drops it. The gold gets a 0-1 or 1-0
    bead for each; the files are written under *out*."""
    rng = random.Random(seed)
    other = _other_part(bench)
    pool = ([t for src, _, _ in other for t in _lines(src) if len(t) > 60],
            [t for _, tgt, _ in other for t in _lines(tgt) if len(t) > 60])
    sides = (0, 1) if side == "both" else ((0,) if side == "src" else (1,))

    def inserts(_: list[tuple[list[int], list[int]]]) -> Callable[[int], list[tuple[int, str]]]:
        return lambda n: [(k, rng.choice(pool[k])) for k in sides if rng.random() < rate]

    return _with_inserted(docs, out, inserts)


#: The part built from the other source: FLORES-200 (frar dev, probe-dev) against TICO-19 (frar test, probe).
OTHER_PART = {"frar-dev": "frar-test", "frar-probe-dev": "frar-test", "frar-test": "frar-dev", "frar-probe": "frar-dev"}


def _other_part(bench: str) -> Docs:
    """Documents of a benchmark part built apart from *bench* (another source for fr–ar)."""
    default = bench.split("-")[0] + ("-dev" if bench.endswith("-test") else "-test")
    return documents(OTHER_PART.get(bench, default))[1]


def with_blocks(bench: str, docs: Docs, side: str, count: int, out: Path, seed: int = 5) -> Docs:
    """*docs* with *count* runs of 10–25 consecutive lines of a document of the other benchmark
    part inserted on *side* (``src`` or ``tgt``), each before a gold bead drawn at random: an
    article present on one side only, as pages holding several articles have. The gold gets a
    0-1 or 1-0 bead per inserted line; the files are written under *out*."""
    rng = random.Random(seed)
    other = _other_part(bench)
    k = 0 if side == "src" else 1

    def run() -> list[tuple[int, str]]:
        pool = _lines(rng.choice(other)[k])
        size = rng.randint(10, 25)
        start = rng.randint(0, max(0, len(pool) - size))
        return [(k, line) for line in pool[start:start + size]]

    def inserts(gold_beads: list[tuple[list[int], list[int]]]) -> Callable[[int], list[tuple[int, str]]]:
        at = set(rng.sample(range(1, len(gold_beads)), min(count, len(gold_beads) - 1)))
        return lambda n: run() if n in at else []

    return _with_inserted(docs, out, inserts)


def in_pieces(docs: Docs, size: int, out: Path) -> Docs:
    """*docs* cut at gold bead boundaries into pieces of about *size* source sentences (a last
    piece under half of it joins the one before): shorter documents, with fewer unaligned
    sentences to read a document's kind from (``AlignConfig.faithful_auto``). The files are
    written under *out*."""
    out.mkdir(parents=True, exist_ok=True)
    result = []
    for src, tgt, gold in docs:
        lines, beads = (_lines(src), _lines(tgt)), read_beads(gold)
        pieces: list[list[tuple[list[int], list[int]]]] = [[]]
        for bead in beads:
            if sum(len(a) for a, _ in pieces[-1]) >= size:
                pieces.append([])
            pieces[-1].append((list(bead[0]), list(bead[1])))
        if len(pieces) > 1 and sum(len(a) for a, _ in pieces[-1]) < size // 2:
            last = pieces.pop()
            pieces[-1] = pieces[-1] + last
        # each piece runs from its first sentence to the next piece's (lines no bead holds stay in)
        starts = [[min((i for bead in piece for i in bead[side]), default=-1) for piece in pieces] for side in (0, 1)]
        for side in (0, 1):  # a piece without a sentence on a side starts where the next one does
            for k in range(len(pieces) - 1, -1, -1):
                if starts[side][k] < 0:
                    starts[side][k] = starts[side][k + 1] if k + 1 < len(pieces) else len(lines[side])
            starts[side][0] = 0
        for k, piece in enumerate(pieces):
            first = [starts[side][k] for side in (0, 1)]
            ends = [starts[side][k + 1] if k + 1 < len(pieces) else len(lines[side]) for side in (0, 1)]
            paths = [out / f"{src.stem}-{k}{path.suffix}" for path in (src, tgt, gold)]
            for side in (0, 1):
                paths[side].write_text("".join(line + "\n" for line in lines[side][first[side]:ends[side]]),
                                       encoding="utf-8")
            paths[2].write_text("".join(f"{[i - first[0] for i in a]}:{[j - first[1] for j in b]}\n" for a, b in piece),
                                encoding="utf-8")
            result.append((paths[0], paths[1], paths[2]))
    return result


def main() -> None:
    from aligner.encoders.parallel import disable_side_processes

    # one process: the texts each row encodes are counted here (a child's calls would not be)
    disable_side_processes()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default="textberg-dev,frar-dev,frar-probe-dev,frar-written-dev,"
                                       "textberg-test,frar-test,frar-probe,frar-written")
    ap.add_argument("--systems", default="aligner,aligner-faithful,galechurch,sentalign")
    ap.add_argument("--encoders", default="use,e5")
    ap.add_argument("--sentalign-encoders", default="use")
    ap.add_argument("--concatenate", action="store_true",
                    help="align each benchmark's documents as one long document (the coarse-to-fine search)")
    ap.add_argument("--ablations", action="store_true",
                    help="also run ours (first encoder) with each rule of ABLATIONS switched off")
    ap.add_argument("--ablation-match", metavar="TEXT", default="",
                    help="with --ablations, only the rows whose name holds TEXT, e.g. boundary_join")
    ap.add_argument("--ablation-encoders", metavar="ENC,…",
                    help="with --ablations, the encoders to run them with (default: the first of --encoders)")
    ap.add_argument("--bare-ends", metavar="SIDE=RATE",
                    help="take the final stop off a share of each document's lines first, on the "
                         "source (src), target (tgt) or both sides, e.g. tgt=0.3 (robustness)")
    ap.add_argument("--foreign", metavar="SIDE=RATE",
                    help="insert, before that share of the gold beads, a sentence from the other part "
                         "of the benchmark on src, tgt or both sides (content on one side only)")
    ap.add_argument("--blocks", metavar="SIDE=N",
                    help="insert in each document N runs of 10–25 lines of a document of the other part "
                         "on src or tgt (an article on one side only)")
    ap.add_argument("--pieces", type=int, metavar="N",
                    help="cut each document into pieces of about N source sentences at gold bead "
                         "boundaries (shorter documents)")
    args = ap.parse_args()
    systems = args.systems.split(",")
    scratch = tempfile.TemporaryDirectory()
    bare = None
    if args.bare_ends:
        side, rate = args.bare_ends.split("=")
        if side not in ("src", "tgt", "both"):
            raise SystemExit("--bare-ends: SIDE is src, tgt or both")
        bare = (side, float(rate))
    for bench in args.bench.split(","):
        langs, docs = documents(bench)
        if args.foreign:
            side, rate = args.foreign.split("=")
            if side not in ("src", "tgt", "both"):
                raise SystemExit("--foreign: SIDE is src, tgt or both")
            docs = with_foreign(bench, docs, side, float(rate), Path(scratch.name) / bench)
        if args.blocks:
            side, count = args.blocks.split("=")
            if side not in ("src", "tgt"):
                raise SystemExit("--blocks: SIDE is src or tgt")
            docs = with_blocks(bench, docs, side, int(count), Path(scratch.name) / f"{bench}-blocks")
        if args.pieces:
            docs = in_pieces(docs, args.pieces, Path(scratch.name) / f"{bench}-pieces")
        n_beads = sum(len(read_beads(g)) for _, _, g in docs)
        print(f"\n{bench} ({len(docs)} documents, {n_beads} gold beads, {langs[0]}–{langs[1]})")
        print("| system | encoder | strict P | strict R | strict F1 | lax P | lax R | lax F1 | seconds |")
        print("|---|---|---|---|---|---|---|---|---|")
        tables = []
        notes: list[str] = []
        rows: list[tuple[str, str, Callable[[list[str], list[str]], BeadList]]] = []
        encoders = args.encoders.split(",")
        ablated = args.ablation_encoders.split(",") if args.ablation_encoders else encoders[:1]
        if "aligner" in systems:
            rows += [("aligner", e, run_aligner(e, langs)) for e in encoders]
            if args.ablations:
                rows += [(f"aligner, {name}", e, run_aligner(e, langs, **off))
                         for name, off in ABLATIONS.items() if args.ablation_match in name for e in ablated]
        if "aligner-faithful" in systems:
            rows += [("aligner --faithful", e, run_aligner(e, langs, faithful=True)) for e in encoders]
            if args.ablations:
                rows += [(f"aligner --faithful, {name}", e, run_aligner(e, langs, faithful=True, **off))
                         for name, off in FAITHFUL_ABLATIONS.items() if args.ablation_match in name for e in ablated]
        if "galechurch" in systems:
            rows.append(("galechurch", "–", run_galechurch))
        if "sentalign" in systems:
            rows += [("sentalign", e, run_sentalign(e, langs)) for e in args.sentalign_encoders.split(",")]
        for system, enc, align in rows:
            if bare is not None:
                align = bare_ends(align, *bare)
            s, secs, golds, preds = evaluate(docs, align, args.concatenate)
            print(f"| {system} | {enc} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | {s.f1_strict:.3f} | "
                  f"{s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | {secs:.1f} |", flush=True)
            if hasattr(align, "encoded"):
                texts, sentences = align.encoded()
                notes.append(f"{system}/{enc}: {texts} texts encoded for {sentences} sentences "
                             f"({texts / max(sentences, 1):.2f} per sentence)")
            if hasattr(align, "confidences") and system in ("aligner", "aligner --faithful"):
                tables.append((f"{system}, {enc}", markdown(align.confidences, right_beads(golds, preds))))
        for note in notes:
            print(note)
        for enc, table in tables:
            print(f"\nReliability of the confidence ({bench}, {enc}): beads per bin, share exactly in the gold")
            print("\n".join(table))


if __name__ == "__main__":
    main()
