"""Build the French–Arabic alignment benchmark: rewritten-news document pairs with gold beads.

From the line-aligned professional translations of ``../shared/benchmarks/frar/``
(FLORES-200 devtest and TICO-19 dev; see docs/benchmarks.md for the construction),
with a fixed seed:

* FLORES documents (1–6 sentences each) are taken in order and grouped into articles
  of 20–40 sentences; every TICO-19 document of 10 sentences or more is an article.
  Nothing is reordered, and no sentence is merged across the original documents.
* The Arabic side is rewritten as news sites do: two or three consecutive sentences
  merged into one (2-1, 3-1), a sentence split at a comma (1-2), a sentence dropped
  (1-0), a heading added before a paragraph (a short summary of the next sentence),
  a bullet line, a stray boilerplate line (0-1); the French side gets a boilerplate
  line now and then (1-0).
* Articles are split into ``dev`` (for tuning; about a third, by article) and ``test``
  (for reporting only).

Writes, per article, ``NAME.fr`` and ``NAME.ar`` (one sentence per line) and
``NAME.frar`` (gold beads in the Text+Berg format, 0-based: ``[0, 1]:[0]``), plus
``MANIFEST.json`` with the counts of each bead type.

    python scripts/build_frar_benchmark.py [--out benchmarks/frar] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAR = ROOT.parent / "shared" / "benchmarks" / "frar"

AR_BOILERPLATE = ["شارك هذا المقال", "اقرأ أيضا", "المصدر: وكالات", "تابعونا على فيسبوك", "إعلان",
                  "حقوق النشر محفوظة", "اشترك في النشرة البريدية"]
FR_BOILERPLATE = ["Partager cet article", "Lire aussi", "Source : agences", "Publicité",
                  "Suivez-nous sur Facebook", "Tous droits réservés"]
BULLETS = ["• ", "- ", "* "]

# Chances per sentence (Arabic side unless said otherwise).
P_MERGE2, P_MERGE3, P_SPLIT, P_DROP, P_HEADING, P_BULLET, P_AR_BOILER, P_FR_BOILER = (
    0.10, 0.03, 0.08, 0.04, 0.06, 0.02, 0.02, 0.02)


@dataclass
class Article:
    name: str
    docs: list[tuple[list[str], list[str]]]  # (fr, ar) per original document
    fr: list[str] = field(default_factory=list)
    ar: list[str] = field(default_factory=list)
    beads: list[tuple[list[int], list[int]]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def load_articles(rng: random.Random) -> list[Article]:
    flores = [json.loads(line) for line in (FRAR / "flores200_devtest" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    tico = [json.loads(line) for line in (FRAR / "tico19_dev" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    articles: list[Article] = []
    group: list[tuple[list[str], list[str]]] = []
    target = rng.randint(20, 40)
    for doc in flores:
        group.append((doc["fr"], doc["ar"]))
        if sum(len(f) for f, _ in group) >= target:
            articles.append(Article(f"flores-{len(articles):03d}", group))
            group, target = [], rng.randint(20, 40)
    if group:
        articles.append(Article(f"flores-{len(articles):03d}", group))
    for doc in tico:
        if doc["n"] >= 10:
            articles.append(Article(f"tico-{doc['doc_id'].split('-')[-1]}", [(doc["fr"], doc["ar"])]))
    return articles


def _strip_stop(text: str) -> str:
    return text.rstrip().rstrip(".。!؟?").rstrip()


def _split_at_comma(text: str) -> tuple[str, str] | None:
    marks = [k for k, c in enumerate(text) if c in "،,"]
    marks = [k for k in marks if len(text) * 0.25 < k < len(text) * 0.75]
    if not marks:
        return None
    k = min(marks, key=lambda m: abs(m - len(text) / 2))
    first, second = text[:k].strip(), text[k + 1:].strip()
    if len(first) < 15 or len(second) < 15:
        return None
    return first + ".", second.removeprefix("و").strip() if second.startswith("و ") else second


def _heading(text: str, rng: random.Random) -> str:
    words = _strip_stop(text).split()
    n = min(len(words), rng.randint(3, 6))
    return " ".join(words[:n])


def rewrite(article: Article, rng: random.Random) -> None:
    """Fill the article's French and Arabic lines and gold beads."""
    fr_out, ar_out, beads, kinds = article.fr, article.ar, article.beads, article.kinds

    def add(fr_lines: list[str], ar_lines: list[str], kind: str) -> None:
        fi = list(range(len(fr_out), len(fr_out) + len(fr_lines)))
        ai = list(range(len(ar_out), len(ar_out) + len(ar_lines)))
        fr_out.extend(fr_lines)
        ar_out.extend(ar_lines)
        beads.append((fi, ai))
        kinds[kind] += 1

    if rng.random() < 0.5:
        add([], [rng.choice(AR_BOILERPLATE)], "0-1 boilerplate")
    for fr, ar in article.docs:
        i = 0
        while i < len(fr):
            r = rng.random()
            if rng.random() < P_FR_BOILER:
                add([rng.choice(FR_BOILERPLATE)], [], "1-0 boilerplate")
            if rng.random() < P_AR_BOILER:
                add([], [rng.choice(AR_BOILERPLATE)], "0-1 boilerplate")
            if rng.random() < P_HEADING:
                add([], [_heading(ar[i], rng)], "0-1 heading")
            if rng.random() < P_BULLET:
                add([], [rng.choice(BULLETS) + _heading(ar[min(i + 1, len(ar) - 1)], rng)], "0-1 bullet")
            if r < P_MERGE3 and i + 2 < len(fr):
                joined = f"{_strip_stop(ar[i])}، {_strip_stop(ar[i + 1])}، و{ar[i + 2].strip()}"
                add(fr[i:i + 3], [joined], "3-1")
                i += 3
            elif r < P_MERGE3 + P_MERGE2 and i + 1 < len(fr):
                add(fr[i:i + 2], [f"{_strip_stop(ar[i])}، و{ar[i + 1].strip()}"], "2-1")
                i += 2
            elif r < P_MERGE3 + P_MERGE2 + P_SPLIT and (parts := _split_at_comma(ar[i])):
                add([fr[i]], list(parts), "1-2")
                i += 1
            elif r < P_MERGE3 + P_MERGE2 + P_SPLIT + P_DROP and len(fr) > 1:
                add([fr[i]], [], "1-0 dropped")
                i += 1
            else:
                add([fr[i]], [ar[i]], "1-1")
                i += 1
    if rng.random() < 0.5:
        add([rng.choice(FR_BOILERPLATE)], [], "1-0 boilerplate")


def bead_line(src: list[int], tgt: list[int]) -> str:
    return f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "frar")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--dev-share", type=float, default=0.33)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles(rng)
    order = list(range(len(articles)))
    rng.shuffle(order)
    dev = set(order[: round(len(articles) * args.dev_share)])
    manifest: dict[str, dict[str, object]] = {"dev": {"articles": [], "beads": Counter()},
                                              "test": {"articles": [], "beads": Counter()}}
    for k, article in enumerate(articles):
        rewrite(article, rng)
        split = "dev" if k in dev else "test"
        folder = args.out / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article.name}.fr").write_text("\n".join(article.fr) + "\n", encoding="utf-8")
        (folder / f"{article.name}.ar").write_text("\n".join(article.ar) + "\n", encoding="utf-8")
        (folder / f"{article.name}.frar").write_text("\n".join(bead_line(s, t) for s, t in article.beads) + "\n",
                                                     encoding="utf-8")
        manifest[split]["articles"].append(article.name)  # type: ignore[union-attr]
        manifest[split]["beads"].update(article.kinds)  # type: ignore[union-attr]
    for split in ("dev", "test"):
        beads = manifest[split]["beads"]
        print(f"{split}: {len(manifest[split]['articles'])} articles, "  # type: ignore[arg-type]
              f"{sum(beads.values())} gold beads: "  # type: ignore[union-attr]
              + ", ".join(f"{k} {v}" for k, v in sorted(beads.items())))  # type: ignore[union-attr]
        manifest[split]["beads"] = dict(beads)  # type: ignore[call-overload]
    manifest["seed"] = {"seed": args.seed}  # type: ignore[assignment]
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
