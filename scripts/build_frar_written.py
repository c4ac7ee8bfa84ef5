"""Build the *written* fr–ar benchmark from its sources (``benchmarks/frar/written-src``).

Usage: python scripts/build_frar_written.py

The other fr–ar constructions recombine sentence pairs of FLORES-200 and TICO-19, whose
1-1 pairs are close translations. Real rewritten news is looser: an Arabic site
paraphrases, merges and splits sentences, drops a quote and adds background on the
same topic. The written benchmark is text composed that way: each source document
(JSON) holds three unrelated news articles written in French and their Arabic
rewrites, as *units* in the order of both texts (``{"fr": [...], "ar": [...],
"kind": "..."}``; either side may be empty), so the gold is the structure itself.
They were written for this project by AI helpers acting as bilingual journalists,
briefed to rewrite as Arabic news sites do (the brief is in docs/benchmarks.md); they are
not professional translations. ``written-src/dev`` (tune on it) and ``written-src/test``
(report on it only) were written by different helpers on different topics.

Writes, per document, ``NAME.fr`` and ``NAME.ar`` (one sentence per line), ``NAME.frar``
(gold beads in the Text+Berg format) and ``NAME.tags`` (each bead's kind) into
``benchmarks/frar/written-dev`` and ``benchmarks/frar/written``, which
``scripts/bench_accuracy.py`` reads as ``frar-written-dev`` and ``frar-written``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "benchmarks" / "frar" / "written-src"
TARGETS = {"dev": ROOT / "benchmarks" / "frar" / "written-dev", "test": ROOT / "benchmarks" / "frar" / "written"}


def _clean(line: str) -> str:
    return " ".join(line.split())


def build_document(source: Path, folder: Path) -> dict[str, int]:
    """Write one document's four files; return the count of each bead shape."""
    data = json.loads(source.read_text(encoding="utf-8"))
    fr: list[str] = []
    ar: list[str] = []
    beads: list[str] = []
    tags: list[str] = []
    shapes: dict[str, int] = {}
    for article in data["articles"]:
        for unit in article["units"]:
            src = [_clean(s) for s in unit.get("fr", []) if _clean(s)]
            tgt = [_clean(s) for s in unit.get("ar", []) if _clean(s)]
            if not src and not tgt:
                continue
            beads.append(f"{list(range(len(fr), len(fr) + len(src)))}:{list(range(len(ar), len(ar) + len(tgt)))}")
            tags.append(unit.get("kind", "") or f"{len(src)}-{len(tgt)}")
            fr += src
            ar += tgt
            shape = f"{len(src)}-{len(tgt)}"
            shapes[shape] = shapes.get(shape, 0) + 1
    name = source.stem
    for suffix, lines in ((".fr", fr), (".ar", ar), (".frar", beads), (".tags", tags)):
        (folder / f"{name}{suffix}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shapes


def main() -> int:
    for split, folder in TARGETS.items():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for source in sorted((SOURCES / split).glob("*.json")):
            shapes = build_document(source, folder)
            total = sum(shapes.values())
            listed = ", ".join(f"{k} {v}" for k, v in sorted(shapes.items(), key=lambda kv: -kv[1]))
            print(f"{folder.name}/{source.stem}: {total} beads ({listed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
