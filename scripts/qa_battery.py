"""A fault battery for the QA checks, built apart from ``bench_qa.py``'s injections.

Usage: python scripts/qa_battery.py [--per-variant 40] [--pool 600] [--seed 7] [--show-misses 0]

``bench_qa.py`` injects one form of each error (one digit changed, a month next to a day
replaced by its Maghreb name, the second half of the words dropped). A reviewer's errors
come in more forms; this battery injects each of these variants into *per-variant*
pairs of a *pool* of untouched FLORES-200 devtest + TICO-19 dev pairs (as a real
memory: the checks see the clean pairs too, which set the length ratio) and prints
the share of injected pairs that the matching check flags (any severity, and warning or
error):

* numbers: +1, ×10, digits reversed, one number dropped, a number changed in the source;
* months: the Arabic month replaced by another (Egyptian/MSA names or Levantine names
  ``كانون الثاني``…), with or without a day; a French month changed in the source;
* truncation: the target cut after 30, 50, 70 or 85 % of its words, or mid-word;
* copies: the source as target, lightly edited, or copied over the target's second half.

An injection can be void (the month word replaced was part of ``مارس-كوف``, MERS; the
"month" of ``ذبابة مايو``, a mayfly): ``--show-misses N`` prints the misses to read.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from aligner.qa import QAUnit, run_checks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_qa import load_pairs  # noqa: E402

DIGITS = "٠١٢٣٤٥٦٧٨٩"
NUMBER = re.compile(r"(?<![0-9٠-٩.,])[0-9٠-٩]+(?![0-9٠-٩.,])")
MSA = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
          "تشرين الثاني", "كانون الأول"]
FRENCH = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
TRUNCATION = {"length", "omission", "truncated"}

#: An injection returns the new target, ("source", new source), or None where it cannot apply.
Injection = Callable[[str, str, random.Random], "str | tuple[str, str] | None"]


def _ascii(s: str) -> str:
    return s.translate(str.maketrans(DIGITS, "0123456789"))


def _like(original: str, new: str) -> str:
    return new.translate(str.maketrans("0123456789", DIGITS)) if any(c in DIGITS for c in original) else new


def _pick(text: str, rng: random.Random) -> re.Match[str] | None:
    """One number of *text*, drawn at random (None if it has none)."""
    found = list(NUMBER.finditer(text))
    return rng.choice(found) if found else None


def _number(change: Callable[[str], str]) -> Injection:
    def inject(fr: str, ar: str, rng: random.Random) -> str | None:
        m = _pick(ar, rng)
        if m is None:
            return None
        new = _like(m.group(0), change(_ascii(m.group(0))))
        return None if new == m.group(0) else ar[:m.start()] + new + ar[m.end():]
    return inject


def _drop_number(fr: str, ar: str, rng: random.Random) -> str | None:
    m = _pick(ar, rng)
    return None if m is None else re.sub(r"\s{2,}", " ", ar[:m.start()] + ar[m.end():])


def _number_in_source(fr: str, ar: str, rng: random.Random) -> tuple[str, str] | None:
    m = _pick(fr, rng)
    if m is None or not NUMBER.search(ar):
        return None
    return "source", fr[:m.start()] + str(int(m.group(0)) + 2) + fr[m.end():]


def _month_word(word: str) -> re.Pattern[str]:
    # a whole word, with its clitic; not the "مارس" of "مارس-كوف"
    return re.compile(r"(?<![\u0621-\u064A])((?:ب|ل|و|ف)?)" + word + r"(?![\u0621-\u064A-])")


def _month(names: list[str]) -> Injection:
    def inject(fr: str, ar: str, rng: random.Random) -> str | None:
        for k, word in enumerate(MSA):
            pattern = _month_word(word)
            if pattern.search(ar):
                other = names[(k + rng.randint(1, 11)) % 12]
                return pattern.sub(lambda m, o=other: m.group(1) + o, ar, count=1)
        return None
    return inject


def _month_in_source(fr: str, ar: str, rng: random.Random) -> tuple[str, str] | None:
    if not any(_month_word(w).search(ar) for w in MSA):
        return None
    for k, word in enumerate(FRENCH):
        if re.search(r"\b" + word + r"\b", fr):
            return "source", re.sub(r"\b" + word + r"\b", FRENCH[(k + rng.randint(1, 11)) % 12], fr, count=1)
    return None


def _cut(share: float) -> Injection:
    def inject(fr: str, ar: str, rng: random.Random) -> str | None:
        words = ar.split()
        return None if len(words) < 8 else " ".join(words[: max(1, int(len(words) * share))])
    return inject


def _cut_mid_word(fr: str, ar: str, rng: random.Random) -> str | None:
    return None if len(ar) < 40 else ar[: rng.randint(int(len(ar) * 0.3), int(len(ar) * 0.7))]


def _copy_half(fr: str, ar: str, rng: random.Random) -> str | None:
    a, f = ar.split(), fr.split()
    return None if len(a) < 8 else " ".join(a[: len(a) // 2] + f[len(f) // 2:])


VARIANTS: dict[str, tuple[Injection, set[str]]] = {
    "number +1": (_number(lambda s: str(int(s) + 1)), {"number"}),
    "number ×10": (_number(lambda s: str(int(s) * 10)), {"number"}),
    "number digits reversed": (_number(lambda s: s[::-1]), {"number"}),
    "number dropped": (_drop_number, {"number"}),
    "number changed in the source": (_number_in_source, {"number"}),
    "month (Egyptian/MSA name)": (_month(MSA), {"date"}),
    "month (Levantine name)": (_month(LEVANT), {"date"}),
    "month changed in the source": (_month_in_source, {"date"}),
    "cut after 30 %": (_cut(0.3), TRUNCATION),
    "cut after 50 %": (_cut(0.5), TRUNCATION),
    "cut after 70 %": (_cut(0.7), TRUNCATION),
    "cut after 85 %": (_cut(0.85), TRUNCATION),
    "cut mid-word": (_cut_mid_word, TRUNCATION),
    "source copied": (lambda fr, ar, rng: fr, {"untranslated"}),
    "source copied, edited": (lambda fr, ar, rng: fr.replace(" le ", " la ", 1), {"untranslated"}),
    "source copied over half": (_copy_half, {"untranslated"}),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-variant", type=int, default=40)
    ap.add_argument("--pool", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show-misses", type=int, default=0, metavar="N")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pairs = load_pairs()
    print(f"{'variant':32s} {'injected':>8s} {'any':>6s} {'warning/error':>14s}")
    for name, (inject, checks) in VARIANTS.items():
        order = list(range(len(pairs)))
        rng.shuffle(order)
        pool = order[: args.pool]
        units = [QAUnit(k, *pairs[i]) for k, i in enumerate(pool)]
        injected = []
        for k, i in enumerate(pool):
            fr, ar = pairs[i]
            new = inject(fr, ar, rng)
            if new is None or new == ar:
                continue
            units[k] = QAUnit(k, new[1], ar) if isinstance(new, tuple) else QAUnit(k, fr, new)
            injected.append(k)
            if len(injected) >= args.per_variant:
                break
        found: dict[int, set[str]] = defaultdict(set)
        strong: dict[int, set[str]] = defaultdict(set)
        for f in run_checks(units).findings:
            found[f.unit].add(f.check)
            if f.severity in ("warning", "error"):
                strong[f.unit].add(f.check)
        n = max(1, len(injected))
        hits = sum(1 for k in injected if found[k] & checks)
        severe = sum(1 for k in injected if strong[k] & checks)
        print(f"{name:32s} {len(injected):8d} {hits / n:6.2f} {severe / n:14.2f}")
        for k in [k for k in injected if not strong[k] & checks][: args.show_misses]:
            print(f"    missed: {units[k].src[:120]!r} → {units[k].tgt[:160]!r}")


if __name__ == "__main__":
    main()
