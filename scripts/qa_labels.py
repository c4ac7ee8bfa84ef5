"""The labelled precision set of the QA checks (used by ``scripts/bench_qa.py``).

Every warning and error that ``aligner qa`` gives on the untouched professional
pairs of ``../shared/benchmarks/frar/`` was read by a bilingual reviewer and
labelled in ``benchmarks/qa/labels.jsonl``, one object a line:
``{"corpus", "unit", "check", "message", "verdict", "reason"}`` where *unit* is the
0-based line of the pair in the corpus (= the unit index of ``aligner qa`` on a
TMX of the corpus in line order) and *verdict* is one of

* ``real``: a real problem of the translation;
* ``adaptation``: a legitimate translation choice (a unit converted, a name translated);
* ``broken-source``: the reference text itself is broken (glued words, a typo);
* ``wrong``: the check is simply wrong.

Precision = real / findings. A finding that no label matches is *unknown*: it is
counted as not real and reported, so that a changed check is relabelled.

Warnings and errors are measured apart from notes (``info``): a note is meant for
adaptations a reviewer may want to see, so beside its precision (real / findings)
its share *right* = 1 − (wrong + unknown) / findings tells whether what it says is
true. Labels written since the info level was added carry a ``severity`` too.

Split, fixed and built apart: FLORES-200 devtest (Wikinews/Wikibooks/Wikivoyage)
is the **tune** half, TICO-19 dev (COVID-19 domain, other translators) the
**report** half. Each corpus is checked as one memory (what ``aligner qa`` does
with one TMX).

A third set, **dialects**, is never tuned on: the Moroccan (``ary``) and Egyptian
(``arz``) FLORES-200 devtest translations of the same French (other translators,
spoken forms), labelled under the corpora ``flores200_devtest_ary`` and
``flores200_devtest_arz`` (unit = 0-based line of ``fra_Latn.txt`` /
``{ary,arz}_Arab.txt``). No check or threshold is changed from its labels.

A fourth set, **aligned**, is QA as a user runs it: ``aligner align`` on a pair of
realistic documents (``benchmarks/frar``, pre-split lines, default encoder), then
``aligner qa`` on the units it wrote, one memory per document. Only units with both sides
count (an unaligned sentence is an ``omission`` by design). Its findings mix the
translation's problems with the alignment's (a dateline line paired with a sentence, a
split sentence cut at the wrong place), which a reviewer of the memory sees as real.
Labels are in ``benchmarks/qa/aligned_labels.jsonl``, keyed by the unit's two texts (unit
numbers move when the alignment changes): ``{"set", "doc", "source", "target", "check",
"message", "verdict", "reason"}``. Tune half: ``frar-dev`` and ``frar-probe-dev`` (built
from FLORES-200 devtest); report half: ``frar-test`` (TICO-19 dev) and ``frar-probe``
(TICO-19 dev and FLORES round-ups: its FLORES sentences are also in the tune half).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aligner.qa import QAUnit, run_checks
from aligner.qa.base import Finding

FRAR = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "frar"
LABELS = Path(__file__).resolve().parent.parent / "benchmarks" / "qa" / "labels.jsonl"
ALIGNED_LABELS = LABELS.with_name("aligned_labels.jsonl")
ALIGNED = {"tune": ("frar-dev", "frar-probe-dev"), "report": ("frar-test", "frar-probe")}
SPLITS = {"tune": "flores200_devtest", "report": "tico19_dev"}
DIALECTS = {"ary": "flores200_devtest_ary", "arz": "flores200_devtest_arz"}
VERDICTS = ("real", "adaptation", "broken-source", "wrong")


def corpus_units(corpus: str) -> list[QAUnit]:
    """The line-aligned pairs of *corpus*, as QA units numbered by line."""
    pairs: list[tuple[str, str]] = []
    variety = {v: k for k, v in DIALECTS.items()}.get(corpus)
    if variety:  # a dialect translation of FLORES-200 devtest, one sentence a line
        folder = FRAR / "flores200_devtest"
        fr = (folder / "fra_Latn.txt").read_text(encoding="utf-8").splitlines()
        ar = (folder / f"{variety}_Arab.txt").read_text(encoding="utf-8").splitlines()
        return [QAUnit(i, f, a) for i, (f, a) in enumerate(zip(fr, ar, strict=True))]
    for line in (FRAR / corpus / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        pairs.extend(zip(doc["fr"], doc["ar"], strict=True))
    return [QAUnit(i, fr, ar) for i, (fr, ar) in enumerate(pairs)]


def read_labels(path: Path = LABELS) -> dict[tuple[str, int, str, str], dict[str, str]]:
    out: dict[tuple[str, int, str, str], dict[str, str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[(rec["corpus"], int(rec["unit"]), rec["check"], rec["message"])] = rec
    return out


@dataclass
class Precision:
    """Findings (warning + error) of one split, by verdict."""

    corpus: str
    units: int
    flagged_units: int
    by_check: dict[str, Counter[str]]
    unknown: list[tuple[Finding, QAUnit]]

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for c in self.by_check.values():
            out.update(c)
        return out


SEVERE = frozenset({"warning", "error"})
INFO = frozenset({"info"})


def precision(corpus: str, labels: dict[tuple[str, int, str, str], dict[str, str]],
              severities: frozenset[str] = SEVERE) -> Precision:
    """Run the checks over *corpus* and sort their findings of *severities* by label."""
    units = corpus_units(corpus)
    report = run_checks(units)
    by_check: dict[str, Counter[str]] = {}
    unknown: list[tuple[Finding, QAUnit]] = []
    flagged: set[int] = set()
    for f in report.findings:
        if f.severity not in severities:
            continue
        flagged.add(f.unit)
        rec = labels.get((corpus, f.unit, f.check, f.message))
        verdict = rec["verdict"] if rec else "unknown"
        key = f"{f.check}:{f.severity}"
        by_check.setdefault(key, Counter())[verdict] += 1
        if rec is None:
            unknown.append((f, units[f.unit]))
    return Precision(corpus, len(units), len(flagged), by_check, unknown)


def merged(corpus: str, parts: list[Precision]) -> Precision:
    """Several corpora's findings counted as one set (named *corpus*)."""
    by_check: dict[str, Counter[str]] = {}
    for p in parts:
        for key, c in p.by_check.items():
            by_check.setdefault(key, Counter()).update(c)
    return Precision(corpus, sum(p.units for p in parts), sum(p.flagged_units for p in parts), by_check,
                     [u for p in parts for u in p.unknown])


def print_precision(split: str, p: Precision, level: str = "warning/error", what: str = "untouched units") -> None:
    print(f"\n{split} {'half' if split in SPLITS else 'set'}: {p.corpus}, {p.units} {what}, "
          f"{p.flagged_units} flagged {level} "
          f"({p.flagged_units / p.units:.1%})")
    print(f"{'check:severity':24s} {'findings':>8s} {'real':>5s} {'adapt':>5s} {'broken':>6s} {'wrong':>5s} "
          f"{'unknown':>7s} {'precision':>9s} {'right':>6s}")
    rows = sorted(p.by_check.items()) + [("all", p.total())]
    for name, c in rows:
        n = sum(c.values())
        nan = float("nan")
        print(f"{name:24s} {n:8d} {c['real']:5d} {c['adaptation']:5d} {c['broken-source']:6d} {c['wrong']:5d} "
              f"{c['unknown']:7d} {c['real'] / n if n else nan:9.2f} "
              f"{1 - (c['wrong'] + c['unknown']) / n if n else nan:6.2f}")
    if p.unknown:
        print(f"UNLABELLED findings: {len(p.unknown)} (counted as not real; label them)")


def dump_unknown(path: str, results: list[Precision]) -> None:
    """Unlabelled findings, with their texts, ready to label (verdict and reason left empty)."""
    with open(path, "w", encoding="utf-8") as fh:
        for p in results:
            for f, u in p.unknown:
                fh.write(json.dumps({"corpus": p.corpus, "unit": f.unit, "check": f.check, "severity": f.severity,
                                     "message": f.message, "verdict": "", "reason": "", "source": u.src,
                                     "target": u.tgt}, ensure_ascii=False) + "\n")


AlignedKey = tuple[str, str, str, str, str]


def read_aligned_labels(path: Path = ALIGNED_LABELS) -> dict[AlignedKey, dict[str, str]]:
    """Labels of the aligned set by (set, source, target, check, message)."""
    out: dict[AlignedKey, dict[str, str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[(rec["set"], rec["source"], rec["target"], rec["check"], rec["message"])] = rec
    return out


def aligned_memories(bench: str, encoder: str = "use") -> list[tuple[str, list[QAUnit]]]:
    """(document name, units) of each document of *bench* as the aligner pairs it."""
    from bench_accuracy import _lines, as_sentences, documents, load_encoder  # type: ignore[import-not-found]

    from aligner.config import AlignConfig
    from aligner.io.records import BeadRecord, records_of
    from aligner.pipeline import align_sentences
    from aligner.qa.run import units_from_records

    langs, docs = documents(bench)
    cfg = AlignConfig(src_lang=langs[0], tgt_lang=langs[1], encoder=encoder, pre_split=True)
    enc = load_encoder(encoder)
    out = []
    for src_path, tgt_path, _ in docs:
        result = align_sentences(as_sentences(_lines(src_path)), as_sentences(_lines(tgt_path)), cfg, encoder=enc)
        # the units `aligner qa` reads from the JSONL that `aligner align -o FILE.jsonl` writes
        beads = [r for r in records_of(result) if isinstance(r, BeadRecord)]
        out.append((src_path.stem, units_from_records(beads)))
    return out


@dataclass
class AlignedUnknown:
    """An unlabelled finding of the aligned set, with what labelling it needs."""

    set: str
    doc: str
    finding: Finding
    unit: QAUnit


def aligned_precision(bench: str, labels: dict[AlignedKey, dict[str, str]],
                      severities: frozenset[str] = SEVERE) -> tuple[Precision, list[AlignedUnknown]]:
    """The findings of *severities* on the units with both sides of *bench*, sorted by label."""
    by_check: dict[str, Counter[str]] = {}
    unknown: list[AlignedUnknown] = []
    flagged: set[tuple[str, int]] = set()
    pairs = 0
    for doc, units in aligned_memories(bench):
        paired = {u.index: u for u in units if u.src.strip() and u.tgt.strip()}  # numbered as in the TMX
        pairs += len(paired)
        for f in run_checks(units).findings:
            u = paired.get(f.unit)  # an unaligned sentence shares its number with the next pair
            if f.severity not in severities or u is None or f.check == "omission":
                continue
            flagged.add((doc, f.unit))
            rec = labels.get((bench, u.src, u.tgt, f.check, f.message))
            by_check.setdefault(f"{f.check}:{f.severity}", Counter())[rec["verdict"] if rec else "unknown"] += 1
            if rec is None:
                unknown.append(AlignedUnknown(bench, doc, f, u))
    return Precision(bench, pairs, len(flagged), by_check, []), unknown


def dump_aligned_unknown(path: str, unknown: list[AlignedUnknown]) -> None:
    """Unlabelled findings of the aligned set, ready to label (verdict and reason left empty)."""
    with open(path, "w", encoding="utf-8") as fh:
        for x in unknown:
            fh.write(json.dumps({"set": x.set, "doc": x.doc, "unit": x.finding.unit, "confidence": x.unit.confidence,
                                 "check": x.finding.check, "severity": x.finding.severity,
                                 "message": x.finding.message, "verdict": "", "reason": "",
                                 "source": x.unit.src, "target": x.unit.tgt}, ensure_ascii=False) + "\n")
