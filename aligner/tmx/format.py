"""TMX 1.4 as an output format: codes from the CAT profile or ``--tmx-langs``, duplicates resolved,
the settings' signature in the header as ``x-`` props, optional split."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..formats.base import OutputFormat, OutputReport, ReadUnit, WriteOptions
from ..models import Alignment
from ..signature import Signature
from .profiles import get_profile, profile_langs
from .writer import TranslationUnit, resolve_duplicates, write_tmx


def _units(alignment: Alignment, notes: bool = False) -> Iterator[TranslationUnit]:
    """The units, each with its provenance: ``tuid`` ``<source file>+<target file>#<n>``
    (unique in a merged memory), ``x-document-src``/``x-document-tgt`` props (the file
    names), and with *notes* a ``<note>`` naming the documents and sentences."""
    src_name, tgt_name = Path(alignment.src_path).name, Path(alignment.tgt_path).name
    for n, bead in enumerate(alignment.units, start=1):
        props = {"x-align-score": f"{bead.confidence:.4f}", "x-bead": f"{len(bead.src)}-{len(bead.tgt)}"}
        if src_name or tgt_name:
            props.update({"x-document-src": src_name, "x-document-tgt": tgt_name})
        note = ""
        if notes:
            note = (f"{src_name or 'source'} {_span(bead.src)} / {tgt_name or 'target'} {_span(bead.tgt)}, "
                    f"alignment confidence {bead.confidence:.2f}")
        yield TranslationUnit(
            alignment.src_text(bead), alignment.tgt_text(bead), props,
            tuid=f"{src_name}+{tgt_name}#{n}" if src_name or tgt_name else "", note=note,
        )


def _span(ids: tuple[int, ...]) -> str:
    """``sentence 4`` or ``sentences 4-5`` (1-based)."""
    return f"sentence {ids[0] + 1}" if len(ids) == 1 else f"sentences {ids[0] + 1}-{ids[-1] + 1}"


def header_props(alignment: Alignment, options: WriteOptions) -> dict[str, str]:
    """``x-signature`` and one ``x-setting-KEY`` prop per setting of the signature (kept apart from
    the units' own props such as ``x-bead``), plus the caller's."""
    props = {"x-signature": alignment.signature} if alignment.signature else {}
    if alignment.signature:
        props.update({f"x-setting-{k}": v for k, v in Signature.parse(alignment.signature).as_props().items()})
    if options.profile:
        props["x-cat-profile"] = options.profile
    props.update(options.header_props)
    return props


class TmxFormat(OutputFormat):
    """TMX 1.4 (``version="1.4"``) for CAT tools; unaligned sentences are not units."""

    name = "tmx"
    suffixes = (".tmx",)
    description = "TMX 1.4 translation memory for CAT tools (OmegaT, Trados, memoQ, Phrase)"
    streamable = False
    keeps_nulls = False

    def write(self, alignment: Alignment, path: str | os.PathLike[str], options: WriteOptions) -> OutputReport:
        src_lang, tgt_lang = alignment.src_lang, alignment.tgt_lang
        profile = get_profile(options.profile) if options.profile else None
        if profile:
            src_lang, tgt_lang = profile_langs(profile, src_lang, tgt_lang)
        if options.tmx_langs:
            src_lang, tgt_lang = options.tmx_langs
        units, duplicates = resolve_duplicates(_units(alignment, options.tmx_notes))
        report = write_tmx(
            path, units, src_lang, tgt_lang, header_props(alignment, options), options.creationdate,
            max_segment_chars=profile.max_segment_chars if profile else None, split_bytes=options.split_bytes,
        )
        notes = [f"duplicate source left out (unit {d.position}; unit {d.kept} scored higher): {d.source[:80]}"
                 for d in duplicates]
        if profile:
            notes += [f"unit {pos} left out: over the {profile.name} limit of {profile.max_segment_chars} "
                      "characters per segment" for pos in report.too_long]
        if len(report.files) > 1:
            notes.append(f"split into {len(report.files)} files: {', '.join(report.files)}")
        if profile and profile.max_file_bytes:
            notes += [f"warning: {f} is over the {profile.name} import limit; use --split-size"
                      for f, size in zip(report.files, report.sizes, strict=True) if size > profile.max_file_bytes]
        return OutputReport(self.name, report.files, notes, report.written)

    def read_units(self, path: str | os.PathLike[str]) -> list[ReadUnit]:
        from .reader import iter_units
        from .tools import languages_of

        if next(iter_units(path), None) is None:
            return []
        src, tgt = languages_of(path)
        return [ReadUnit(u.text(src) or "", u.text(tgt) or "") for u in iter_units(path)]
