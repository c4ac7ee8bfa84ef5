"""Writing alignments: TMX, Vecalign beads, TSV and JSONL, always atomically."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from .atomic import atomic_writer
from .errors import OutputError
from .models import Alignment, Bead
from .tmx import TranslationUnit, write_tmx

FORMATS = ("tmx", "tsv", "jsonl", "beads")
_SUFFIXES = {".tmx": "tmx", ".tsv": "tsv", ".jsonl": "jsonl", ".beads": "beads", ".txt": "beads"}


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The output format: *fmt* if given, else from the file extension."""
    if fmt:
        if fmt not in FORMATS:
            raise OutputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise OutputError(
            f"cannot tell the format of {path} from its extension; name it .tmx, .tsv, "
            ".jsonl or .beads, or give --format"
        )
    return _SUFFIXES[suffix]


def bead_line(bead: Bead) -> str:
    """Vecalign's ``[i, j]:[k]:score`` line."""
    return f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]:{bead.confidence:.4f}"


def _units(alignment: Alignment) -> Iterator[TranslationUnit]:
    for bead in alignment.units:
        yield TranslationUnit(
            alignment.src_text(bead),
            alignment.tgt_text(bead),
            {"x-align-score": f"{bead.confidence:.4f}", "x-bead": f"{len(bead.src)}-{len(bead.tgt)}"},
        )


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    header_props: Mapping[str, str] | None = None,
    tmx_langs: tuple[str, str] | None = None,
) -> str:
    """Write *alignment* to *path*; returns the format used."""
    fmt = format_for(path, fmt)
    if fmt == "tmx":
        src_lang, tgt_lang = tmx_langs or (alignment.src_lang, alignment.tgt_lang)
        props = dict(header_props or {})
        props.setdefault("x-signature", alignment.signature)
        write_tmx(path, _units(alignment), src_lang, tgt_lang, props)
        return fmt
    with atomic_writer(path) as fh:
        if fmt == "beads":
            for bead in alignment.beads:
                fh.write(bead_line(bead) + "\n")
        elif fmt == "tsv":
            fh.write("src_ids\ttgt_ids\tconfidence\tsource\ttarget\n")
            for bead in alignment.beads:
                src = alignment.src_text(bead).replace("\t", " ")
                tgt = alignment.tgt_text(bead).replace("\t", " ")
                fh.write(
                    f"{','.join(map(str, bead.src))}\t{','.join(map(str, bead.tgt))}\t"
                    f"{bead.confidence:.4f}\t{src}\t{tgt}\n"
                )
        else:
            for record in jsonl_records(alignment):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return fmt


def jsonl_records(alignment: Alignment) -> Iterator[dict[str, object]]:
    """One record per bead, then one per dropped boilerplate line."""
    for bead in alignment.beads:
        yield {
            "type": "bead",
            "src_ids": list(bead.src),
            "tgt_ids": list(bead.tgt),
            "source": alignment.src_text(bead),
            "target": alignment.tgt_text(bead),
            "confidence": round(bead.confidence, 4),
            "src_kinds": [alignment.src[i].kind for i in bead.src],
            "tgt_kinds": [alignment.tgt[j].kind for j in bead.tgt],
            "signature": alignment.signature,
        }
    for side, dropped in (("src", alignment.src_dropped), ("tgt", alignment.tgt_dropped)):
        for d in dropped:
            yield {"type": "dropped", "side": side, "line": d.line, "text": d.text, "reason": d.reason}
