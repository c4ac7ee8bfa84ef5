"""Export of a reviewed alignment: TMX with ``x-reviewed`` props, TSV, JSONL.

Only aligned units are written, and only those whose review state the chosen
*include* keeps: ``reviewed`` (accepted and edited units: what the translator
has seen) or ``all`` (everything but the rejected units).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..io.records import dumps
from ..tmx.writer import TranslationUnit, resolve_duplicates, write_tmx
from .edited import bead_record

if TYPE_CHECKING:
    from .session import EditSession

FORMATS = {".tmx": "tmx", ".tsv": "tsv", ".jsonl": "jsonl"}


def export_units(session: EditSession, path: str | os.PathLike[str], fmt: str | None = None,
                 include: str = "reviewed", tmx_langs: tuple[str, str] | None = None) -> int:
    """Write the units *include* keeps to *path*; returns how many were written."""
    from ..io.atomic import atomic_writer

    name = os.fspath(path)
    fmt = fmt or FORMATS.get(os.path.splitext(name)[1].lower())
    if fmt not in ("tmx", "tsv", "jsonl"):
        raise OutputError(f"cannot tell the export format of {name}; name it .tmx, .tsv or .jsonl")
    units = session.kept_units(include)
    alignment = session.alignment
    header = session.file.header
    if fmt == "tmx":
        tus = []
        for u in units:
            props = {"x-reviewed": u.state, "x-bead": f"{len(u.src)}-{len(u.tgt)}"}
            if u.confidence is not None:
                props["x-align-score"] = f"{u.confidence:.4f}"
            if u.by:
                props["x-reviewed-by"] = u.by
            if u.at:
                props["x-reviewed-at"] = u.at
            tus.append(TranslationUnit(alignment.text(u, "src"), alignment.text(u, "tgt"), props))
        kept, _ = resolve_duplicates(tus)
        langs = tmx_langs or (session.file.src_lang, session.file.tgt_lang)
        props = {"x-signature": session.file.signature, "x-reviewed-include": include,
                 "x-edited-from": str(session.file.meta("edited_from") or "")}
        write_tmx(name, kept, langs[0], langs[1], props)
        return len(kept)
    with atomic_writer(name) as fh:
        if fmt == "tsv":
            fh.write("src_ids\ttgt_ids\tconfidence\tstate\tsource\ttarget\n")
            for u in units:
                conf = "" if u.confidence is None else f"{u.confidence:.4f}"
                src = alignment.text(u, "src").replace("\t", " ")
                tgt = alignment.text(u, "tgt").replace("\t", " ")
                fh.write(f"{','.join(map(str, u.src))}\t{','.join(map(str, u.tgt))}\t{conf}\t{u.state}\t{src}\t{tgt}\n")
        else:
            fh.write(dumps(header))
            for u in units:
                fh.write(dumps(bead_record(alignment, u, session.file.signature)))
    return len(units)
