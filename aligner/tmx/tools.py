"""``aligner tmx`` operations: validate, stats, merge, filter, split, convert.

All stream their input (see :mod:`aligner.tmx.reader`) and write atomically.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, TMXError
from ..io.atomic import atomic_writer
from ..io.records import BeadRecord, dumps
from .reader import XML_LANG, TmxUnit, check_hostile, iter_units, open_tmx, read_header
from .writer import (
    REQUIRED_HEADER,
    TranslationUnit,
    WriteReport,
    check_lang_code,
    clean_segment,
    parse_score,
    unit_score,
    validate_dtd,
    write_tmx,
)
from .xmlscan import encoding_of

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#(x0*[0-8bcef]|x0*1[0-9a-f]|0*([0-8]|1[124-9]|2[0-9]|3[01]));", re.I)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a TMX: where (unit index, line) and what."""

    message: str
    unit: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line:
            where.append(f"line {self.line}")
        if self.unit is not None:
            where.append(f"unit {self.unit}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


def _scan_controls(path: Path) -> list[Problem]:
    problems: list[Problem] = []
    with open_tmx(path) as fh:
        encoding = encoding_of(fh.read(4))
        fh.seek(0)
        text = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
        problems = _control_problems(text)
        text.detach()
    return problems


def _control_problems(text_lines: Iterable[str]) -> list[Problem]:
    problems: list[Problem] = []
    for number, line in enumerate(text_lines, start=1):
        m = _CONTROL.search(line)
        if m:
            problems.append(Problem(
                f"control character {m.group(0)!r} is not allowed in XML 1.0 (CAT tools reject "
                "the file); remove it", line=number))
            if len(problems) >= 20:
                break
    return problems


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem that would make a CAT tool reject or mis-read *path*."""
    p = Path(path)
    open_tmx(p).close()  # the guarded opener's checks (missing, folder, FIFO, permission): InputError
    try:
        check_hostile(p)
    except TMXError as exc:
        return [Problem(str(exc).split(": ", 1)[1])]
    problems = _scan_controls(p)
    if problems:
        return problems
    try:
        header = read_header(p)
    except TMXError as exc:
        return [Problem(str(exc).split(": ", 1)[1])]
    if header.version != "1.4":
        problems.append(Problem(
            f'<tmx version="{header.version}">: the TMX 1.4 DTD fixes version="1.4" '
            '(TMX 1.4b files are written version="1.4"); write version="1.4"'))
    for attr in REQUIRED_HEADER:
        if not header.attributes.get(attr):
            extra = " OmegaT ignores the whole file without it." if attr == "srclang" else ""
            problems.append(Problem(f"the header has no {attr} attribute.{extra} Add it"))
    if header.srclang:
        problems.extend(_lang_problems(header.srclang, None, None))
    try:
        for unit in iter_units(p):
            problems.extend(_unit_problems(unit, header.srclang))
    except TMXError as exc:
        problems.append(Problem(str(exc).split(": ", 1)[1]))
        return problems
    problems.extend(Problem(f"DTD: {msg}") for msg in validate_dtd(p))
    return problems


def _lang_problems(code: str, unit: int | None, line: int | None) -> list[Problem]:
    try:
        check_lang_code(code)
    except TMXError as exc:
        return [Problem(str(exc), unit, line)]
    return []


def _unit_problems(unit: TmxUnit, srclang: str) -> list[Problem]:
    out: list[Problem] = []
    if len(unit.variants) < 2:
        out.append(Problem(f"has {len(unit.variants)} <tuv>; a translation unit needs a source and a target",
                           unit.index, unit.line))
    for code, text in unit.variants:
        if not code:
            out.append(Problem("a <tuv> has no xml:lang", unit.index, unit.line))
        else:
            out.extend(_lang_problems(code, unit.index, unit.line))
        if not text.strip():
            side = "source" if code and code.split("-")[0] == srclang.split("-")[0] else "target"
            out.append(Problem(f"empty {side} segment ({code}); OmegaT inserts an empty target as an "
                               "empty translation. Remove the unit", unit.index, unit.line))
    if srclang and srclang != "*all*" and unit.text(srclang) is None:
        out.append(Problem(f"no variant in the source language {srclang}", unit.index, unit.line))
    return out


@dataclass
class Stats:
    """Counts of a TMX: units, languages, and a histogram of alignment scores."""

    units: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    scores: Counter[str] = field(default_factory=Counter)  # "0.9-1.0" → count
    unscored: int = 0

    def as_json(self) -> dict[str, object]:
        """Units, languages, the score histogram and the unscored count, for ``--json``."""
        return {"units": self.units, "languages": dict(self.languages),
                "scores": dict(sorted(self.scores.items())), "unscored": self.unscored}


def stats(path: str | os.PathLike[str]) -> Stats:
    """Units, languages and the ``x-align-score`` histogram (bins of 0.1)."""
    out = Stats()
    for unit in iter_units(path):
        out.units += 1
        out.languages.update(code for code, _ in unit.variants)
        score = parse_score(unit.props.get("x-align-score"))
        if score is not None:
            lo = int(min(score, 0.999999) * 10) / 10
            out.scores[f"{lo:.1f}-{lo + 0.1:.1f}"] += 1
        else:
            out.unscored += 1
    return out


def languages_of(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Source (header ``srclang``) and target (first other language) of a TMX."""
    header = read_header(path)
    src = header.srclang
    for unit in iter_units(path):
        for code, _ in unit.variants:
            if code.split("-")[0].lower() != src.split("-")[0].lower():
                return src, code
    raise TMXError(f"{path}: no unit has a language other than the source {src!r}")


def _pairs(path: str | os.PathLike[str], src: str, tgt: str, keep_codes: bool = False) -> Iterator[TranslationUnit]:
    for unit in iter_units(path, keep_codes):
        pair = unit.to_unit(src, tgt)
        if pair is not None:
            yield pair


def _digest(text: str) -> bytes:
    return hashlib.blake2b(clean_segment(text).encode("utf-8"), digest_size=16).digest()


@dataclass
class MergeReport:
    """What ``merge`` did."""

    read: int = 0
    exact_duplicates: int = 0
    conflicts: int = 0  # same source, other target: the lower-scoring unit was dropped
    write: WriteReport | None = None


def merge(inputs: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str],
          header_props: dict[str, str] | None = None) -> MergeReport:
    """Merge TMX files, one unit per source segment (the highest-scoring).

    Two streaming passes: the first finds the winner of every source by hash,
    the second writes winners in input order, so memory holds hashes only.
    """
    from ..io.atomic import check_outputs

    check_outputs([output], list(inputs))
    if not inputs:
        raise TMXError("give at least one TMX to merge")
    src, tgt = languages_of(inputs[0])
    best: dict[bytes, tuple[float, int, bytes]] = {}
    seen_pairs: set[bytes] = set()
    report = MergeReport()
    position = 0
    for path in inputs:
        for unit in _pairs(path, src, tgt):
            report.read += 1
            key = _digest(unit.src)
            pair_key = _digest(unit.src + "\x00" + unit.tgt)
            if pair_key in seen_pairs:
                report.exact_duplicates += 1
            else:
                seen_pairs.add(pair_key)
                score = unit_score(unit)
                if key in best:
                    report.conflicts += 1
                if key not in best or score > best[key][0]:
                    best[key] = (score, position, pair_key)
            position += 1
    winners = {pos for _, pos, _ in best.values()}

    def chosen() -> Iterator[TranslationUnit]:
        pos = 0
        for path in inputs:
            for unit in _pairs(path, src, tgt):
                if pos in winners:
                    yield unit
                pos += 1

    report.write = write_tmx(output, chosen(), src, tgt, header_props)
    return report


def filter_units(input_path: str | os.PathLike[str], output: str | os.PathLike[str],
                 keep: Callable[[int, TranslationUnit], bool]) -> WriteReport:
    """Copy the units for which ``keep(index, unit)`` is true."""
    src, tgt = languages_of(input_path)
    header = read_header(input_path)
    kept = (u for i, u in enumerate(_pairs(input_path, src, tgt)) if keep(i, u))
    return write_tmx(output, kept, src, tgt, {k: v for k, v in header.props.items() if k.startswith("x-")})


def split(input_path: str | os.PathLike[str], output: str | os.PathLike[str], max_bytes: int) -> WriteReport:
    """Cut a TMX into files of at most *max_bytes* each (``NAME_001.tmx`` …)."""
    from ..io.atomic import check_outputs

    check_outputs([output], [input_path])
    if max_bytes < 4096:
        raise TMXError(f"split size {max_bytes} bytes is too small; give at least 4 kB")
    src, tgt = languages_of(input_path)
    header = read_header(input_path)
    return write_tmx(output, _pairs(input_path, src, tgt), src, tgt,
                     {k: v for k, v in header.props.items() if k.startswith("x-")}, split_bytes=max_bytes)


def convert(input_path: str | os.PathLike[str], output: str | os.PathLike[str],
            src_lang: str = "fr", tgt_lang: str = "ar", keep_codes: bool = False) -> int:
    """TMX → TSV/JSONL, or TSV/JSONL (ours) → TMX, by the files' extensions.

    Inline codes are flattened unless *keep_codes*.
    """
    in_ext = Path(input_path).suffix.lower()
    out_ext = Path(output).suffix.lower()
    from ..io.atomic import check_output_path
    from ..io.guarded import check_input

    check_input(input_path, "a .tmx, .tsv or .jsonl file")
    check_output_path(output, [input_path])
    if in_ext == ".tmx" and out_ext in (".tsv", ".jsonl"):
        src, tgt = languages_of(input_path)
        count = 0
        with atomic_writer(output) as fh:
            if out_ext == ".tsv":
                fh.write("source\ttarget\tscore\n")
            for unit in _pairs(input_path, src, tgt, keep_codes):
                score = unit.props.get("x-align-score", "")
                if out_ext == ".tsv":
                    fh.write(f"{clean_segment(unit.src)}\t{clean_segment(unit.tgt)}\t{score}\n")
                else:
                    fh.write(dumps(BeadRecord(unit.src, unit.tgt, props=dict(unit.props),
                                              extra={"src_lang": src, "tgt_lang": tgt})))
                count += 1
        return count
    if in_ext in (".tsv", ".jsonl") and out_ext == ".tmx":
        return write_tmx(output, _nonempty(_read_flat(Path(input_path)), input_path), src_lang, tgt_lang).written
    raise TMXError(f"cannot convert {in_ext or 'no extension'} to {out_ext or 'no extension'}; "
                   "convert .tmx to .tsv/.jsonl or .tsv/.jsonl to .tmx")


def _nonempty(units: Iterator[TranslationUnit], path: str | os.PathLike[str]) -> Iterator[TranslationUnit]:
    """*units*, failing at the end (so that nothing is written) when there was none."""
    count = 0
    for unit in units:
        count += 1
        yield unit
    if not count:
        raise InputError(f"{path}: holds no units; give a .tsv or .jsonl written by `aligner`")


def _read_flat(path: Path) -> Iterator[TranslationUnit]:
    if path.suffix.lower() == ".jsonl":
        from ..io.records import read_beads

        for rec in read_beads(path):
            props = ({"x-align-score": f"{rec.confidence:.4f}"} if rec.confidence is not None else dict(rec.props))
            yield TranslationUnit(rec.source, rec.target, props)
        return
    from ..io.guarded import iter_lines

    columns: list[str] = []
    for _number, line in iter_lines(path, "a .tsv with source and target columns"):
        cells = line.split("\t")
        if not columns:
            columns = cells
            if "source" not in columns or "target" not in columns:
                raise InputError(f"{path}, line 1: no 'source' and 'target' columns in the header; "
                                 "give a .tsv written by `aligner align` or `aligner tmx convert`")
            continue
        row = dict(zip(columns, cells, strict=False))
        score = parse_score(row.get("confidence") or row.get("score"))
        yield TranslationUnit(row.get("source") or "", row.get("target") or "",
                              {"x-align-score": f"{score:.4f}"} if score is not None else {})


__all__ = ["XML_LANG", "Problem", "Stats", "MergeReport", "validate", "stats", "merge",
           "filter_units", "split", "convert", "languages_of"]
