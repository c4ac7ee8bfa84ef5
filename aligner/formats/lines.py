"""The line formats: TSV, JSONL and Vecalign beads (streamable to stdout)."""

from __future__ import annotations

import csv
import io
import os
from typing import IO

from ..align.evaluate import read_beads
from ..io.guarded import read_text
from ..io.records import read_beads as read_bead_records
from ..io.records import records_of, write_records
from ..models import Alignment, Bead
from .base import OutputFormat, ReadUnit, WriteOptions, one_line


def bead_line(bead: Bead) -> str:
    """Vecalign's ``[i, j]:[k]:score`` line."""
    return f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]:{bead.confidence:.4f}"


class TsvFormat(OutputFormat):
    """Tab-separated: ids, confidence, source, target (tabs and line breaks in text become spaces)."""

    name = "tsv"
    suffixes = (".tsv",)
    description = "tab-separated ids, confidence, source and target"
    keeps_whitespace = False
    HEADER = "src_ids\ttgt_ids\tconfidence\tsource\ttarget\n"

    def write_stream(self, alignment: Alignment, fh: IO[str], options: WriteOptions) -> int:
        fh.write(self.HEADER)
        for bead in alignment.beads:
            fh.write(f"{','.join(map(str, bead.src))}\t{','.join(map(str, bead.tgt))}\t{bead.confidence:.4f}\t"
                     f"{one_line(alignment.src_text(bead))}\t{one_line(alignment.tgt_text(bead))}\n")
        return len(alignment.beads)

    def read_units(self, path: str | os.PathLike[str]) -> list[ReadUnit]:
        text = read_text(path, what="a .tsv written by `aligner align`")
        out = []
        for row in csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE):
            ids = [tuple(int(i) for i in (row.get(k) or "").split(",") if i) for k in ("src_ids", "tgt_ids")]
            bead = Bead(ids[0], ids[1], float(row.get("confidence") or 0))
            out.append(ReadUnit(row.get("source") or "", row.get("target") or "", bead))
        return out


class JsonlFormat(OutputFormat):
    """Our JSONL: a header, one record per bead, one per dropped line (:mod:`aligner.io.records`)."""

    name = "jsonl"
    suffixes = (".jsonl",)
    description = "JSON lines: header, beads with text and kinds, dropped lines"

    def write_stream(self, alignment: Alignment, fh: IO[str], options: WriteOptions) -> int:
        write_records(records_of(alignment), fh)
        return len(alignment.beads)

    def read_units(self, path: str | os.PathLike[str]) -> list[ReadUnit]:
        return [ReadUnit(r.source, r.target, Bead(r.src_ids, r.tgt_ids, r.confidence or 0.0))
                for r in read_bead_records(path)]


class BeadsFormat(OutputFormat):
    """Vecalign's bead lines ``[0]:[0, 1]:0.93`` (no text)."""

    name = "beads"
    suffixes = (".beads",)
    description = "Vecalign bead lines (ids and confidence, no text)"

    def write_stream(self, alignment: Alignment, fh: IO[str], options: WriteOptions) -> int:
        for bead in alignment.beads:
            fh.write(bead_line(bead) + "\n")
        return len(alignment.beads)

    def read_units(self, path: str | os.PathLike[str]) -> list[ReadUnit]:
        return [ReadUnit("", "", Bead(tuple(s), tuple(t), 0.0)) for s, t in read_beads(path)]
