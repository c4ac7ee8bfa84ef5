"""Main-text extraction on the page shapes: article sentences kept, chrome kept, removals reported.

    python scripts/build_page_shapes.py          # once: writes tests/data/pages/{tune,report}
    python scripts/bench_extract.py [--family report] [--pages tests/data/pages]

Rows: the extraction before this change (lxml: <article>/<main>/<body>, scripts, nav,
header, footer, aside and forms removed, one line per block element), trafilatura alone,
trafilatura with the line rules (what `aligner` ships), and the shipped reader without
each rule that fired (ablation). Columns: kept recall of the article's sentences per side,
chrome strings left in the text (menu, cookie, share, related, footer, ad, newsletter,
comments, noscript) out of all, pages with any chrome left, and chrome that was neither
kept nor reported as dropped (must be 0 for the shipped reader).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner.io import boilerplate  # noqa: E402
from aligner.io.blocks import Block, Extracted, assemble  # noqa: E402
from aligner.io.charset import decode_bytes  # noqa: E402
from aligner.io.html import LINK_ONLY, extract_html  # noqa: E402
from aligner.models import Document  # noqa: E402

_SKIP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td",
               "th", "dt", "dd", "figcaption", "caption")


def lxml_before(markup: str) -> Extracted:
    """The extractor the toolkit had before trafilatura (aligner/io/reading.py, v0.1)."""
    import lxml.html

    root = lxml.html.document_fromstring(markup)
    for bad in list(root.iter(*_SKIP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    candidates = (next(iter(root.iter("article")), None), next(iter(root.iter("main")), None), root.find("body"))
    scope = next((c for c in candidates if c is not None), root)
    lines: list[str] = []
    title = root.find(".//title")
    if title is not None and next(iter(scope.iter("h1")), None) is None and (title.text or "").strip():
        lines.append(" ".join((title.text or "").split()))
    for el in scope.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
            own = (el.text or "").strip()
            if own:
                lines.append(" ".join(own.split()))
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    if not lines:
        lines = [" ".join(scope.text_content().split())]
    return Extracted([Block(t, 0, "paragraph", i) for i, t in enumerate(lines)], [], "lxml")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Tally:
    kept: dict[str, int] = field(default_factory=lambda: {"fr": 0, "ar": 0})
    total: dict[str, int] = field(default_factory=lambda: {"fr": 0, "ar": 0})
    junk_kept: int = 0
    junk_total: int = 0
    pages_with_junk: int = 0
    unreported: int = 0
    pages: int = 0
    examples: list[str] = field(default_factory=list)


def score(doc: Document, gold: dict, lang: str, tally: Tally) -> None:
    text = norm(doc.text)
    article = norm(" ".join(gold["kept"]))
    dropped = norm(" ".join(d.text for d in doc.dropped))
    tally.pages += 1
    for sentence in gold["kept"]:
        tally.total[lang] += 1
        if norm(sentence) in text:
            tally.kept[lang] += 1
        elif len(tally.examples) < 6:
            tally.examples.append(f"missed {lang}: {sentence[:70]}")
    any_junk = False
    for cat, strings in gold["junk"].items():
        for junk in strings:
            j = norm(junk)
            tally.junk_total += 1
            pattern = re.compile(rf"(?<!\w){re.escape(j)}(?!\w)")
            if pattern.search(text) and not pattern.search(article):
                tally.junk_kept += 1
                any_junk = True
                if len(tally.examples) < 12:
                    tally.examples.append(f"kept {cat} ({lang}): {j[:60]}")
            elif j not in dropped and not pattern.search(article):
                tally.unreported += 1
    tally.pages_with_junk += any_junk


def run(pages: Path, family: str, read: Callable[[str, bytes], Document]) -> Tally:
    tally = Tally()
    for gold_path in sorted((pages / family).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lang = gold_path.name.split(".")[-2]
        html_path = gold_path.with_name(gold_path.name[:-5] + ".html")
        score(read(str(html_path), html_path.read_bytes()), gold, lang, tally)
    return tally


def reader(extract: Callable[[str], Extracted], rules: bool) -> Callable[[str, bytes], Document]:
    def read(name: str, data: bytes) -> Document:
        markup = decode_bytes(data, name, html=True).text
        return assemble(extract(markup), name, rules=rules)

    return read


def without(reason: str) -> Callable[[str, bytes], Document]:
    shipped = reader(extract_html, True)

    def read(name: str, data: bytes) -> Document:
        saved, saved_also = boilerplate.RULES, boilerplate.READ_ALSO
        boilerplate.RULES = tuple(r for r in saved if r.reason != reason)
        if reason == saved_also.reason:
            boilerplate.READ_ALSO = boilerplate.Rule(reason, re.compile(r"(?!)"))
        try:
            return shipped(name, data)
        finally:
            boilerplate.RULES, boilerplate.READ_ALSO = saved, saved_also

    return read


def align_pages(pages: Path, family: str) -> None:
    """Align each French page with its Arabic page; a unit holds chrome when a gold chrome
    string of either page (not also in the article) is in its source or target."""
    from aligner.config import AlignConfig
    from aligner.pipeline import align_files

    cfg = AlignConfig(encoder="use")
    total = bad = 0
    for fr in sorted((pages / family).glob("*.fr.html")):
        ar = fr.with_name(fr.name.replace(".fr.", ".ar."))
        golds = [json.loads(Path(str(p)[:-5] + ".json").read_text(encoding="utf-8")) for p in (fr, ar)]
        article = norm(" ".join(s for g in golds for s in g["kept"]))
        chrome = [re.compile(rf"(?<!\w){re.escape(norm(j))}(?!\w)") for g in golds
                  for strings in g["junk"].values() for j in strings]
        chrome = [c for c in chrome if not c.search(article)]
        result = align_files(fr, ar, cfg)
        for bead in result.units:
            text = norm(result.src_text(bead) + " " + result.tgt_text(bead))
            if any(c.search(text) for c in chrome):
                bad += 1
                print(f"    chrome in a unit of {fr.name}: {result.src_text(bead)[:50]} | {result.tgt_text(bead)[:50]}")
        total += len(result.units)
    print(f"family {family}: {total} units, {bad} holding chrome")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="tests/data/pages", type=Path)
    ap.add_argument("--family", default="report", choices=["tune", "report"])
    ap.add_argument("--examples", action="store_true", help="print what was missed or left in")
    ap.add_argument("--align", action="store_true",
                    help="also align every page pair (encoder use) and count the units holding chrome")
    args = ap.parse_args()
    if args.align:
        align_pages(args.pages, args.family)
        return
    rows: list[tuple[str, Callable[[str, bytes], Document]]] = [
        ("lxml blocks + rules (before)", reader(lxml_before, True)),
        ("lxml blocks, no rules", reader(lxml_before, False)),
        ("trafilatura, no rules", reader(lambda m: extract_html(m, link_rule=False), False)),
        ("trafilatura + rules (shipped)", reader(extract_html, True)),
    ]
    fired: set[str] = set()
    shipped = reader(extract_html, True)
    for gold_path in sorted((args.pages / args.family).glob("*.html")):
        fired |= {d.reason for d in shipped(str(gold_path), gold_path.read_bytes()).dropped
                  if not d.reason.startswith("outside") and d.reason != LINK_ONLY}
    rows += [(f"  shipped − rule '{r}'", without(r)) for r in sorted(fired)]
    rows.append((f"  shipped − rule '{LINK_ONLY}'", reader(lambda m: extract_html(m, link_rule=False), True)))
    print(f"family {args.family}: {args.pages / args.family}")
    print("| extractor | kept recall fr | kept recall ar | chrome kept | pages with chrome | chrome unreported |")
    print("|---|---|---|---|---|---|")
    for label, read in rows:
        t = run(args.pages, args.family, read)
        print(f"| {label} | {t.kept['fr'] / t.total['fr']:.3f} ({t.kept['fr']}/{t.total['fr']}) | "
              f"{t.kept['ar'] / t.total['ar']:.3f} ({t.kept['ar']}/{t.total['ar']}) | "
              f"{t.junk_kept}/{t.junk_total} | {t.pages_with_junk}/{t.pages} | {t.unreported} |")
        if args.examples:
            for e in t.examples:
                print("    ", e)


if __name__ == "__main__":
    main()
