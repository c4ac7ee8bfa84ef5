"""Writing alignments: TMX, Vecalign beads, TSV and JSONL, always atomically."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import OutputError
from ..models import Alignment, Bead
from ..tmx.profiles import CatProfile, profile_langs
from ..tmx.writer import Duplicate, TranslationUnit, WriteReport, resolve_duplicates, write_tmx
from .atomic import atomic_writer

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


@dataclass
class OutputReport:
    """What was written: the format, the files, and units left out of a TMX."""

    fmt: str
    files: list[str]
    duplicates: list[Duplicate] = field(default_factory=list)
    tmx: WriteReport | None = None


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    header_props: Mapping[str, str] | None = None,
    tmx_langs: tuple[str, str] | None = None,
    profile: CatProfile | None = None,
    split_bytes: int | None = None,
    creationdate: str | None = None,
) -> OutputReport:
    """Write *alignment* to *path* in *fmt* (default: from the extension).

    For TMX: codes from *tmx_langs*, else the CAT *profile*'s, else the
    alignment's; duplicate sources resolved (highest confidence kept); units
    over the profile's segment limit left out and reported; optional split.
    """
    fmt = format_for(path, fmt)
    if fmt == "tmx":
        src_lang, tgt_lang = alignment.src_lang, alignment.tgt_lang
        if profile:
            src_lang, tgt_lang = profile_langs(profile, src_lang, tgt_lang)
        if tmx_langs:
            src_lang, tgt_lang = tmx_langs
        props = dict(header_props or {})
        props.setdefault("x-signature", alignment.signature)
        if profile:
            props.setdefault("x-cat-profile", profile.name)
        units, duplicates = resolve_duplicates(_units(alignment))
        report = write_tmx(
            path, units, src_lang, tgt_lang, props, creationdate,
            max_segment_chars=profile.max_segment_chars if profile else None,
            split_bytes=split_bytes,
        )
        return OutputReport(fmt, report.files, duplicates, report)
    with atomic_writer(path) as fh:
        write_lines(alignment, fh, fmt)
    return OutputReport(fmt, [str(path)])


def write_lines(alignment: Alignment, fh: IO[str], fmt: str) -> None:
    """Write *alignment* as ``beads``, ``tsv`` or ``jsonl`` lines to an open text stream."""
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
    elif fmt == "jsonl":
        for record in jsonl_records(alignment):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        raise OutputError(f"format {fmt!r} cannot be streamed; write it to a file with -o")


def read_jsonl_records(path: str | os.PathLike[str]) -> Iterator[dict[str, object]]:
    """Every record of a JSONL written by ``aligner align``: header, beads, dropped lines."""
    from ..errors import InputError
    from .guarded import iter_lines

    for number, line in iter_lines(path, "a .jsonl written by `aligner align -o FILE.jsonl`"):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{path}, line {number}: not JSON; give a .jsonl written by `aligner align`") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}, line {number}: not a JSON object; give a .jsonl written by `aligner align`")
        problem = record_problem(rec)
        if problem:
            raise InputError(f"{path}, line {number}: {problem}; give a .jsonl written by `aligner align`")
        yield rec


#: Largest sentence index a bead record may name (a document of ten million sentences).
MAX_SENTENCE_ID = 10_000_000


def record_problem(rec: dict[str, object]) -> str:
    """What is wrong with the fields of one JSONL record ('' when nothing is).

    Checked on reading, so that a hand-edited or hostile file is refused with
    the line named instead of failing deep inside a command (or allocating
    gigabytes for ``"src_ids": [1000000000000]``).
    """
    kind = rec.get("type", "bead")
    if not isinstance(kind, str):
        return f"'type' is {type(kind).__name__}, not text"
    for key in ("source", "target", "text", "reason", "side", "signature", "src_lang", "tgt_lang"):
        if key in rec and rec[key] is not None and not isinstance(rec[key], str):
            return f"{key!r} is {type(rec[key]).__name__}, not text"
    if kind != "bead":
        for key in ("line", "before"):
            value = rec.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                return f"{key!r} is {type(value).__name__}, not a whole number"
        return ""
    sizes: dict[str, int | None] = {}
    for key in ("src_ids", "tgt_ids"):
        value = rec.get(key)
        if value is None:
            sizes[key] = None
            continue
        if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
            return f"{key!r} is not a list of sentence numbers"
        if any(i < 0 or i > MAX_SENTENCE_ID for i in value):
            return f"{key!r} holds a sentence number outside 0..{MAX_SENTENCE_ID}"
        sizes[key] = len(value)
    for key, ids in (("src_kinds", "src_ids"), ("tgt_kinds", "tgt_ids")):
        value = rec.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            return f"{key!r} is not a list of texts"
        if sizes.get(ids) is not None and len(value) != sizes[ids]:
            return f"{key!r} has {len(value)} entries for {sizes[ids]} sentence numbers"
    conf = rec.get("confidence")
    if conf is not None and (isinstance(conf, bool) or not isinstance(conf, int | float) or conf != conf
                             or conf in (float("inf"), float("-inf"))):
        return "'confidence' is not a number"
    props = rec.get("props")
    if props is not None and not isinstance(props, dict):
        return "'props' is not an object of names to texts"
    return ""


def read_jsonl_beads(path: str | os.PathLike[str]) -> Iterator[dict[str, object]]:
    """The bead records of a JSONL written by ``aligner align`` (or converted from TMX)."""
    for rec in read_jsonl_records(path):
        if rec.get("type", "bead") == "bead":
            yield rec


def jsonl_records(alignment: Alignment) -> Iterator[dict[str, object]]:
    """A header record, one record per bead, then one per dropped boilerplate line."""
    yield {
        "type": "header",
        "source": alignment.src_path,
        "target": alignment.tgt_path,
        "src_lang": alignment.src_lang,
        "tgt_lang": alignment.tgt_lang,
        "signature": alignment.signature,
    }
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
            yield {"type": "dropped", "side": side, "line": d.line, "text": d.text, "reason": d.reason,
                   "before": d.before}
