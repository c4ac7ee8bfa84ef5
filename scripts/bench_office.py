"""Office and PDF reading: how many sentences come back whole, per format and language.

    python scripts/bench_office.py [--articles 20]

Writes each article (FLORES-200 devtest documents: a title, 3–4 paragraphs, a
subheading) as .docx (python-docx), .odt (odfpy) and .pdf (fpdf2, DejaVu Sans from
fonts-dejavu-core, Arabic shaped by HarfBuzz and right-aligned), reads it back with
`aligner.io.reading.read_document`, and counts the sentences found whole (NFKC,
whitespace folded) and the headings found as headings.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from page_shapes import articles, load_docs  # noqa: E402

from aligner.io.reading import read_document  # noqa: E402
from tests.office_files import write_docx, write_odt, write_pdf  # noqa: E402


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20)
    args = ap.parse_args()
    pairs = articles(load_docs(), args.articles, random.Random(5))
    writers = {
        "docx": lambda p, a, lang: write_docx(p, a.title, a.subhead, [" ".join(x) for x in a.paragraphs]),
        "odt": lambda p, a, lang: write_odt(p, a.title, a.subhead, [" ".join(x) for x in a.paragraphs]),
        "pdf": lambda p, a, lang: write_pdf(p, a.title, a.subhead, [" ".join(x) for x in a.paragraphs],
                                            rtl=lang == "ar"),
    }
    print("| format | language | sentences found whole | headings found as headings |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, write in writers.items():
            for side, lang in ((0, "fr"), (1, "ar")):
                found = total = heads = heads_total = 0
                missed: list[str] = []
                for k, pair in enumerate(pairs):
                    art = pair[side]
                    path = Path(tmp) / f"{k}.{lang}.{fmt}"
                    write(path, art, lang)
                    doc = read_document(path, lang=lang)
                    text = norm(doc.text)
                    lines = doc.text.split("\n")
                    for s in [art.title, art.subhead] + [s for p in art.paragraphs for s in p]:
                        total += 1
                        if norm(s) in text:
                            found += 1
                        elif len(missed) < 3:
                            missed.append(s[:60])
                    for h in (art.title, art.subhead):
                        heads_total += 1
                        heads += any(norm(line) == norm(h) and i in doc.headings for i, line in enumerate(lines))
                print(f"| {fmt} | {lang} | {found / total:.3f} ({found}/{total}) | {heads}/{heads_total} |")
                for m in missed:
                    print(f"    missed: {m}", file=sys.stderr)


if __name__ == "__main__":
    main()
