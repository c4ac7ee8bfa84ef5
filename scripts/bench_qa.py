"""QA benchmark: recall on injected errors, precision on a labelled set of real findings.

Usage: python scripts/bench_qa.py [--seed 13] [--share 0.1] [--dump-unlabelled FILE] [--dialects]
       python scripts/bench_qa.py --aligned [--dump-unlabelled FILE]

From FLORES-200 devtest and TICO-19 dev (``../shared/benchmarks/frar/``), a
tenth of the pairs (fixed seed) get one injected error each — a changed
number, a changed month, a dropped name, the source copied as target, an
empty target, half the target dropped — chosen among the pairs where that
error is possible. Prints, per error type, the share of injected pairs that
the matching check flags (recall) and, on untouched pairs, the share with
any warning or error (false alarms). Recall is given for any finding of the
matching check and for warnings/errors only.

Then precision on the labelled set (``benchmarks/qa/labels.jsonl``, see
``scripts/qa_labels.py``): every warning and error on the untouched pairs, per
check, on the tune half (FLORES-200 devtest) and the report half (TICO-19 dev);
then the same for the notes (info findings), with the share that is right.
With ``--dialects``, a third set never tuned on: the warnings and errors on the
Moroccan (ary) and Egyptian (arz) FLORES-200 devtest translations of the same
French, labelled the same way (precision and right, per check and overall).
With ``--aligned``, only the fourth set: QA as a user runs it, on the units the aligner
makes of the realistic fr–ar documents (``benchmarks/frar``; labels in
``benchmarks/qa/aligned_labels.jsonl``), by half (tune: built from FLORES-200; report:
TICO-19 and the probe).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from aligner.lang import ar
from aligner.lang.entities import french_names, month_mentions
from aligner.lang.translit import arabic_skeleton, latin_skeleton, name_in_arabic
from aligner.qa import QAUnit, run_checks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qa_labels import (  # noqa: E402
    ALIGNED,
    DIALECTS,
    INFO,
    SPLITS,
    AlignedUnknown,
    Precision,
    aligned_precision,
    dump_aligned_unknown,
    dump_unknown,
    merged,
    precision,
    print_precision,
    read_aligned_labels,
    read_labels,
)

FRAR = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "frar"
DETECTED_BY = {  # the checks that catch each injected error
    "number": {"number"}, "month": {"date"}, "name": {"name"}, "copy": {"untranslated"},
    "empty": {"empty-target"}, "half": {"length", "omission", "truncated"},
}
_ASCII_OR_ARABIC_DIGIT = re.compile(r"[0-9٠-٩]")
_MAGHREB = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]


def load_pairs() -> list[tuple[str, str]]:
    pairs = []
    for name in ("flores200_devtest", "tico19_dev"):
        for line in (FRAR / name / "documents.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            pairs.extend(zip(doc["fr"], doc["ar"], strict=False))
    return pairs


def change_number(fr: str, a: str, rng: random.Random) -> str | None:
    digits = list(_ASCII_OR_ARABIC_DIGIT.finditer(a))
    if not digits:
        return None
    m = rng.choice(digits)
    d = m.group(0)
    value = int(d.translate(ar.DIGITS_TO_ASCII))
    new = str((value + rng.randint(1, 8)) % 10)
    if d in ar.ARABIC_INDIC_DIGITS:
        new = ar.ARABIC_INDIC_DIGITS[int(new)]
    return a[: m.start()] + new + a[m.end():]


def change_month(fr: str, a: str, rng: random.Random) -> str | None:
    """Another month in place of one that is part of a date ("16 سبتمبر"), as the check defines dates."""
    for number, word in month_mentions(a, "ar").items():
        m = re.search(r"(?<![\u0621-\u064A])(?:ل|ب|و|ف)?" + word + r"(?![\u0621-\u064A-])", a)
        if m:
            other = _MAGHREB[(number - 1 + rng.randint(1, 11)) % 12]
            return a[:m.start()] + m.group(0).replace(word, other) + a[m.end():]
    return None


def drop_name(fr: str, a: str, rng: random.Random) -> str | None:
    names = [n for n in french_names(fr) if len(latin_skeleton(n)) >= 3 and name_in_arabic(n, a)]
    rng.shuffle(names)
    for name in names:
        skel = latin_skeleton(name)
        words = a.split()
        kept = [w for w in words if not (arabic_skeleton(re.sub(r"^(وال|بال|ال|و|ب|ل)", "", w)).startswith(skel)
                                           or arabic_skeleton(w).startswith(skel) or name.lower() in w.lower())]
        if len(kept) < len(words):
            return " ".join(kept)
    return None


def copy_source(fr: str, a: str, rng: random.Random) -> str | None:
    return fr


def empty_target(fr: str, a: str, rng: random.Random) -> str | None:
    return ""


def drop_half(fr: str, a: str, rng: random.Random) -> str | None:
    words = a.split()
    if len(words) < 8:
        return None
    return " ".join(words[: len(words) // 2])


INJECTORS = {"number": change_number, "month": change_month, "name": drop_name, "copy": copy_source,
             "empty": empty_target, "half": drop_half}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--share", type=float, default=0.1)
    ap.add_argument("--dump-unlabelled", metavar="FILE", help="Write the unlabelled findings here, to label.")
    ap.add_argument("--dialects", action="store_true",
                    help="Also the precision of warnings/errors on the Moroccan and Egyptian FLORES "
                         "translations (a third, never-tuned labelled set).")
    ap.add_argument("--aligned", action="store_true",
                    help="Only the aligned set: align the realistic fr-ar documents, then QA their units "
                         "(precision of warnings/errors by half; --dump-unlabelled writes its unlabelled findings).")
    args = ap.parse_args()
    if args.aligned:
        aligned(args.dump_unlabelled)
        return
    rng = random.Random(args.seed)
    pairs = load_pairs()
    order = list(range(len(pairs)))
    rng.shuffle(order)
    n_inject = int(len(pairs) * args.share)
    injected: dict[int, str] = {}
    units = [QAUnit(i, fr, a) for i, (fr, a) in enumerate(pairs)]
    kinds = list(INJECTORS)
    quota = n_inject // len(kinds)
    for kind in kinds:  # the same number of each error type, on pairs where it is possible
        taken = 0
        for idx in order:
            if taken >= quota:
                break
            if idx in injected:
                continue
            fr, a = pairs[idx]
            new = INJECTORS[kind](fr, a, rng)
            if new is not None and new != a:
                units[idx] = QAUnit(idx, fr, new)
                injected[idx] = kind
                taken += 1
    t = time.perf_counter()
    report = run_checks(units)
    seconds = time.perf_counter() - t
    by_unit: dict[int, set[str]] = {}
    severe_by_unit: dict[int, set[str]] = {}
    severe: set[int] = set()
    for f in report.findings:
        by_unit.setdefault(f.unit, set()).add(f.check)
        if f.severity in ("error", "warning"):
            severe.add(f.unit)
            severe_by_unit.setdefault(f.unit, set()).add(f.check)
    print(f"pairs: {len(pairs)} (FLORES-200 devtest + TICO-19 dev), injected: {len(injected)}, seed {args.seed}, "
          f"checked in {seconds:.1f} s")
    print(f"{'error type':12s} {'injected':>8s} {'detected':>8s} {'recall':>7s} {'recall (warning/error)':>23s}")
    counts = Counter(injected.values())
    for kind in kinds:
        mine = [i for i, kd in injected.items() if kd == kind]
        hits = sum(1 for i in mine if by_unit.get(i, set()) & DETECTED_BY[kind])
        strong = sum(1 for i in mine if severe_by_unit.get(i, set()) & DETECTED_BY[kind])
        print(f"{kind:12s} {counts[kind]:8d} {hits:8d} {hits / max(1, counts[kind]):7.3f} "
              f"{strong / max(1, counts[kind]):23.3f}")
    clean = [i for i in range(len(pairs)) if i not in injected]
    alarms = [i for i in clean if i in severe]
    print(f"untouched pairs with a warning or error: {len(alarms)}/{len(clean)} = {len(alarms) / len(clean):.3f}")
    per_check = Counter(f.check for f in report.findings if f.unit in set(alarms) and f.severity != "info")
    print("by check: " + ", ".join(f"{c} {n}" for c, n in per_check.most_common()))
    labels = read_labels()
    results = []
    for split, corpus in SPLITS.items():
        p = precision(corpus, labels)
        print_precision(split, p)
        results.append(p)
    print("\nNotes (info), labelled the same way; right = 1 - (wrong + unknown) / findings:")
    for split, corpus in SPLITS.items():
        p = precision(corpus, labels, INFO)
        print_precision(split, p, "info")
        results.append(p)
    if args.dialects:
        results.extend(dialects())
    if args.dump_unlabelled:
        dump_unknown(args.dump_unlabelled, results)


def aligned(dump: str | None) -> None:
    """Precision of warnings and errors on QA after alignment (qa_labels: the aligned set)."""
    labels = read_aligned_labels()
    unknown: list[AlignedUnknown] = []
    for split, benches in ALIGNED.items():
        parts = []
        for bench in benches:
            p, missing = aligned_precision(bench, labels)
            unknown.extend(missing)
            parts.append(p)
            print_precision(bench, p, what="aligned units with both sides")
        print_precision(split, merged("+".join(benches), parts), what="aligned units with both sides")
    if dump:
        dump_aligned_unknown(dump, unknown)


def dialects() -> list[Precision]:
    """Precision of the warnings and errors on the Moroccan (ary) and Egyptian (arz) FLORES translations
    of the same French (other translators, spoken forms): a third set, labelled, never tuned on."""
    labels = read_labels()
    parts = [precision(corpus, labels) for corpus in DIALECTS.values()]
    for variety, p in zip(DIALECTS, parts, strict=True):
        by = [f"{k} {sum(c.values())}" for k, c in sorted(p.by_check.items())]
        print(f"\n{variety}: {p.flagged_units}/{p.units} units flagged warning/error "
              f"({p.flagged_units / p.units:.1%}); " + ", ".join(by))
    print("\nLabelled like the halves, never tuned on:")
    both = merged("+".join(DIALECTS.values()), parts)
    print_precision("dialects", both)
    per_check: dict[str, Counter[str]] = {}
    for key, c in both.by_check.items():  # errors and warnings of a check together
        per_check.setdefault(key.split(":")[0], Counter()).update(c)
    print("by check (error + warning): " + ", ".join(
        f"{check} {sum(c.values())} precision {c['real'] / sum(c.values()):.2f} "
        f"right {1 - (c['wrong'] + c['unknown']) / sum(c.values()):.2f}" for check, c in sorted(per_check.items())))
    return parts


if __name__ == "__main__":
    main()
