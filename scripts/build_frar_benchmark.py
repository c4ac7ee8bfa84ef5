"""Build the French–Arabic alignment benchmark: long rewritten-news documents with gold beads.

Two constructions built apart, from the line-aligned professional translations of
``../shared/benchmarks/frar/`` (see docs/benchmarks.md for the full description):

* ``dev`` (tune on it) from FLORES-200 devtest: consecutive excerpts grouped into
  articles of 12–37 sentences, each under a title written for it (``titles.tsv``);
* ``test`` (report on it, never tune) from TICO-19 dev: each TICO document is an
  article; its own title and section headings are real translated lines.

Articles are packed, in a seeded order, into documents of about 170–300 sentences.
Each article is then rewritten the way the seed communiqués of ``corpora/`` are:

* the title is translated 1-1, present on one side only, or glued to the lead on one
  side (``Titre : Phrase…`` or ``Titre. Phrase…``);
* full sentences are merged on **both** sides (Arabic ``، و`` / ``. `` / ``؛``, French
  ``. `` / ``, et`` / `` ;``) into 2-1, 3-1, 1-2 and 1-3 beads, split at a comma (1-2,
  2-1), or re-cut across a boundary (2-2);
* content sentences are present on one side only (1-0 and 0-1: a translation left out);
* headings (lines without final punctuation) are never merged with a neighbour except
  the title glued to the lead; boilerplate is left out (the boilerplate filter removes
  it before alignment, see docs/reading.md).

Writes ``OUT/{dev,test}/NAME.{fr,ar,frar}`` (one segment per line; gold beads in the
Text+Berg format, 0-based: ``[0, 1]:[0]``) and ``OUT/MANIFEST.json`` with the count of
each kind of bead.

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
TITLES = ROOT / "benchmarks" / "frar" / "titles.tsv"

_STOPS = ".!?;:…»\")”"
#: Chances of each rewriting step, per source sentence (the rest is 1-1).
STEPS = (
    ("2-1 ar merge", 0.09), ("3-1 ar merge", 0.025), ("1-2 fr merge", 0.07), ("1-3 fr merge", 0.02),
    ("1-2 ar split", 0.03), ("2-1 fr split", 0.02), ("2-2 recut", 0.02),
    ("1-0 content", 0.06), ("0-1 content", 0.05),
)
TITLE_MODES = (("1-1 title", 0.55), ("1-0 title", 0.15), ("0-1 title", 0.15), ("merged title", 0.15))
_FR_LOWER = {"le", "la", "les", "il", "elle", "ils", "elles", "un", "une", "des", "ce", "cette", "ces", "en",
             "dans", "mais", "selon", "on", "au", "aux", "du", "de", "sa", "son", "ses", "leur", "leurs",
             "certains", "cela", "ceci", "c'est", "c’est", "pour", "par", "si", "lorsque", "quand", "toutefois"}


@dataclass
class Article:
    name: str
    title: tuple[str, str] | None
    pairs: list[tuple[str, str]]


@dataclass
class Document:
    name: str
    fr: list[str] = field(default_factory=list)
    ar: list[str] = field(default_factory=list)
    beads: list[tuple[list[int], list[int]]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)

    def add(self, fr_lines: list[str], ar_lines: list[str], kind: str) -> None:
        fi = list(range(len(self.fr), len(self.fr) + len(fr_lines)))
        ai = list(range(len(self.ar), len(self.ar) + len(ar_lines)))
        self.fr.extend(fr_lines)
        self.ar.extend(ar_lines)
        self.beads.append((fi, ai))
        self.kinds[kind] += 1


def _read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _titles() -> dict[str, tuple[str, str]]:
    out = {}
    for line in TITLES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("doc_id\t") or not line.strip():
            continue
        key, fr, ar = line.split("\t")
        out[key] = (fr, ar)
    return out


def _clean(text: str) -> str:
    # two TICO lines carry a stray Python bytes prefix (b’Le …)
    return text[2:] if text[:2] in ("b’", "b'") and text[2:3].isupper() else text


def is_heading(text: str) -> bool:
    return not text.rstrip().endswith(tuple(_STOPS))


def flores_articles() -> list[Article]:
    """Consecutive excerpts grouped into articles: one starts at each excerpt with a title."""
    docs = _read_jsonl(FRAR / "flores200_devtest" / "documents.jsonl")
    titles = _titles()
    out: list[Article] = []
    for doc in docs:
        if not out or doc["doc_id"] in titles:
            out.append(Article(doc["doc_id"], titles.get(doc["doc_id"]), []))
        out[-1].pairs += list(zip(doc["fr"], doc["ar"], strict=True))
    return out


def tico_articles() -> list[Article]:
    titles = _titles()
    out = []
    for doc in _read_jsonl(FRAR / "tico19_dev" / "documents.jsonl"):
        pairs = [(_clean(f), _clean(a)) for f, a in zip(doc["fr"], doc["ar"], strict=True)]
        key = doc["doc_id"].split("-")[-1]
        title = titles.get(key)
        if title is None and is_heading(pairs[0][0]):
            title, pairs = pairs[0], pairs[1:]
        out.append(Article(key, title, pairs))
    return out


def pack(articles: list[Article], rng: random.Random, low: int = 170, high: int = 300) -> list[list[Article]]:
    """Articles in a seeded order, packed into documents of about *low*–*high* sentences."""
    order = articles[:]
    rng.shuffle(order)
    docs: list[list[Article]] = [[]]
    size = 0
    for art in order:
        n = len(art.pairs) + 1
        if size >= low or (size and size + n > high and size >= low // 2):
            docs.append([])
            size = 0
        docs[-1].append(art)
        size += n
    if len(docs) > 1 and sum(len(a.pairs) for a in docs[-1]) < low // 2:
        last = docs.pop()
        docs[-1] += last
    return docs


def _strip_stop(text: str) -> str:
    return text.rstrip().rstrip(".。!؟?").rstrip()


def _lower_first(text: str) -> str:
    word = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if word.lower() in _FR_LOWER else text


def join_ar(parts: list[str], rng: random.Random) -> str:
    out = parts[0].strip()
    for nxt in parts[1:]:
        style = rng.random()
        if style < 0.5:
            out = f"{_strip_stop(out)}، و{nxt.strip()}"
        elif style < 0.85:
            out = f"{out} {nxt.strip()}"
        else:
            out = f"{_strip_stop(out)}؛ {nxt.strip()}"
    return out


def join_fr(parts: list[str], rng: random.Random) -> str:
    out = parts[0].strip()
    for nxt in parts[1:]:
        style = rng.random()
        if style < 0.4 or nxt.split(" ", 1)[0].lower() not in _FR_LOWER:
            out = f"{out} {nxt.strip()}"
        elif style < 0.7:
            out = f"{_strip_stop(out)}, et {_lower_first(nxt.strip())}"
        else:
            out = f"{_strip_stop(out)} ; {_lower_first(nxt.strip())}"
    return out


def split_at_comma(text: str) -> tuple[str, str] | None:
    marks = [k for k, c in enumerate(text) if c in "،," and len(text) * 0.25 < k < len(text) * 0.75]
    if not marks:
        return None
    k = min(marks, key=lambda m: abs(m - len(text) / 2))
    first, second = text[:k].strip(), text[k + 1:].strip()
    if len(first) < 20 or len(second) < 20:
        return None
    second = second[2:] if second.startswith("و ") else second
    second = second.removeprefix("et ").strip()
    return first + ".", second[0].upper() + second[1:]


def _draw(chances: tuple[tuple[str, float], ...], r: float, default: str) -> str:
    """The name whose slice of [0, 1) holds *r* (*default* past the last)."""
    for name, p in chances:
        if r < p:
            return name
        r -= p
    return default


def _title(doc: Document, art: Article, rng: random.Random) -> int:
    """Write the article's title (with the lead when merged); returns lead pairs used."""
    if art.title is None:
        return 0
    fr, ar = art.title
    mode = _draw(TITLE_MODES, rng.random(), "1-1 title")
    lead = art.pairs[0] if art.pairs else None
    if mode == "merged title" and lead and not is_heading(lead[0]):
        sep = rng.choice([" : ", ". ", " – "])
        if rng.random() < 0.67:
            doc.add([fr, lead[0]], [f"{ar}{sep}{lead[1]}"], "2-1 title+lead")
        else:
            doc.add([f"{fr}{sep}{lead[0]}"], [ar, lead[1]], "1-2 title+lead")
        return 1
    if mode == "1-0 title":
        doc.add([fr], [], mode)
    elif mode == "0-1 title":
        doc.add([], [ar], mode)
    else:
        doc.add([fr], [ar], "1-1 title")
    return 0


def rewrite(doc: Document, art: Article, rng: random.Random) -> None:
    """Append the article to *doc*, rewritten, with its gold beads."""
    i = _title(doc, art, rng)
    pairs = art.pairs
    while i < len(pairs):
        fr, ar = pairs[i]
        if is_heading(fr) or is_heading(ar):
            doc.add([fr], [ar], "1-1 heading")
            i += 1
            continue
        run = 1
        while i + run < len(pairs) and run < 3 and not is_heading(pairs[i + run][0]) and not is_heading(pairs[i + run][1]):
            run += 1
        step = _draw(STEPS, rng.random(), "1-1")
        need = {"2-1 ar merge": 2, "3-1 ar merge": 3, "1-2 fr merge": 2, "1-3 fr merge": 3, "2-2 recut": 2}.get(step, 1)
        if need > run:
            step = "1-1"
        frs = [p[0] for p in pairs[i:i + need]]
        ars = [p[1] for p in pairs[i:i + need]]
        if step in ("2-1 ar merge", "3-1 ar merge"):
            doc.add(frs, [join_ar(ars, rng)], step.split()[0])
        elif step in ("1-2 fr merge", "1-3 fr merge"):
            doc.add([join_fr(frs, rng)], ars, step.split()[0])
        elif step == "1-2 ar split" and (parts := split_at_comma(ar)):
            doc.add([fr], list(parts), "1-2 split")
        elif step == "2-1 fr split" and (parts := split_at_comma(fr)):
            doc.add(list(parts), [ar], "2-1 split")
        elif step == "2-2 recut" and (cut := split_at_comma(ars[1] if rng.random() < 0.5 else frs[1])):
            if cut[0] in ars[1] or cut[0][:-1] in ars[1]:
                doc.add(frs, [join_ar([ars[0], cut[0]], rng), cut[1]], "2-2")
            else:
                doc.add([join_fr([frs[0], cut[0]], rng), cut[1]], ars, "2-2")
        elif step == "1-0 content" and len(pairs) > 2:
            doc.add([fr], [], step)
        elif step == "0-1 content" and len(pairs) > 2:
            doc.add([], [ar], step)
        else:
            need = 1
            doc.add([fr], [ar], "1-1")
        i += need


def bead_line(src: list[int], tgt: list[int]) -> str:
    return f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]"


def write(folder: Path, docs: list[Document]) -> Counter[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.*"):
        old.unlink()
    total: Counter[str] = Counter()
    for doc in docs:
        (folder / f"{doc.name}.fr").write_text("\n".join(doc.fr) + "\n", encoding="utf-8")
        (folder / f"{doc.name}.ar").write_text("\n".join(doc.ar) + "\n", encoding="utf-8")
        (folder / f"{doc.name}.frar").write_text("\n".join(bead_line(s, t) for s, t in doc.beads) + "\n",
                                                 encoding="utf-8")
        total.update(doc.kinds)
    return total


def build(articles: list[Article], prefix: str, rng: random.Random) -> list[Document]:
    out = []
    for k, group in enumerate(pack(articles, rng)):
        doc = Document(f"{prefix}-{k:02d}")
        for art in group:
            doc.articles.append(art.name)
            rewrite(doc, art, rng)
        out.append(doc)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "frar")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    manifest: dict[str, object] = {"seed": args.seed}
    for split, prefix in (("dev", "flores"), ("test", "tico")):
        rng = random.Random(f"{args.seed}-{split}")
        articles = flores_articles() if split == "dev" else tico_articles()
        docs = build(articles, prefix, rng)
        kinds = write(args.out / split, docs)
        sizes = [len(d.fr) for d in docs]
        merged = sum(v for k, v in kinds.items() if "0" not in k[:3] and k[:3] != "1-1")
        print(f"{split}: {len(docs)} documents ({len(articles)} articles; French sentences {sizes}), "
              f"{sum(kinds.values())} gold beads, {merged / sum(kinds.values()):.0%} many-to-many: "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        manifest[split] = {"source": "FLORES-200 devtest" if split == "dev" else "TICO-19 dev",
                           "documents": {d.name: d.articles for d in docs}, "beads": dict(sorted(kinds.items()))}
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
