"""Write the page-shape benchmark (tests/data/pages/{tune,report}): French and Arabic
news pages around FLORES-200 devtest documents, with gold kept and gold junk text.

    python scripts/build_page_shapes.py [--out tests/data/pages] [--per-skin 2]

The tune family uses even-numbered documents and the skins of skins_tune.py; the report
family odd-numbered documents and the skins of skins_report.py (written apart).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import skins_report  # noqa: E402
import skins_tune  # noqa: E402
from page_shapes import articles, load_docs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="tests/data/pages")
    ap.add_argument("--per-skin", type=int, default=2)
    args = ap.parse_args()
    docs = load_docs()
    for family, skins, parity, seed in (("tune", skins_tune.SKINS, 0, 17), ("report", skins_report.SKINS, 1, 29)):
        rng = random.Random(seed)
        arts = articles(docs[parity::2], len(skins) * args.per_skin, rng)
        folder = Path(args.out) / family
        folder.mkdir(parents=True, exist_ok=True)
        for s, skin in enumerate(skins):
            for k in range(args.per_skin):
                fr, ar = arts[s * args.per_skin + k]
                for lang, art in (("fr", fr), ("ar", ar)):
                    page = skin(lang, art)
                    stem = f"{page.name}-{k}.{lang}"
                    (folder / f"{stem}.html").write_bytes(page.markup.encode(page.encoding, "xmlcharrefreplace"))
                    gold = {"encoding": page.encoding, "kept": page.kept, "junk": page.junk}
                    (folder / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                         encoding="utf-8")
        print(f"{family}: {len(skins) * args.per_skin} page pairs -> {folder}")


if __name__ == "__main__":
    main()
