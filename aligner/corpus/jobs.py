"""The steps of a batch job that every engine shares, so that engines give the same files:
where each pair's outputs go, aligning one pair (TMX, then its record), reading a finished
pair's record back (``--resume``), and the merged memory and manifest at the end."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..align.loss import account, loss_warnings
from ..align.scores import document_scores
from ..config import AlignConfig
from ..encoders.cache import EmbeddingCache
from ..errors import AlignerError, InputError, OutputError
from ..formats import WriteOptions, write_alignment
from ..io.atomic import clean_leftovers, refuse_dash, write_text_atomic
from ..models import Alignment
from ..pipeline import AlignRequest, align_files, resolve_encoder, write_outputs
from ..tmx.tools import merge
from .manifest import local_copy, safe_name
from .pairing import Pair, PairingResult


@dataclass(frozen=True)
class PairRecord:
    """The alignment figures of one pair, as the manifest lists them.

    ``dropped`` lists what was left out when reading each file (side, file, line, reason,
    text); ``warnings`` the sides that lost much text or are poorly covered; ``low_output``
    the units below ``--min-confidence``; ``review`` the review page; ``extra_output`` the
    pair in the ``--format`` asked for besides the TMX.
    """

    fr: str
    ar: str
    score: float
    output: str
    units: int
    src_coverage: float
    tgt_coverage: float
    mean_confidence: float
    verdict: str
    error: str = ""
    low_output: str = ""
    low_units: int = 0
    warnings: list[str] = field(default_factory=list)
    dropped: list[dict[str, object]] = field(default_factory=list)
    review: str = ""
    extra_output: str = ""


@dataclass(frozen=True)
class BatchOutputs:
    """What ``aligner batch`` writes besides one TMX per pair (the options ``align`` has).

    Attributes:
        write: TMX codes, CAT profile, split size, notes, ``min_confidence``.
        review_dir: a review page per pair in this folder (None: none).
        fmt: also write each pair in this format (jsonl, tsv, beads), beside its TMX.
    """

    write: WriteOptions = field(default_factory=WriteOptions)
    review_dir: str | None = None
    fmt: str | None = None


@dataclass(frozen=True)
class PairJob:
    """One pair to align and where its outputs go (``<tmx>`` and the ``.json`` record beside it)."""

    pair: Pair
    tmx: str


def pair_name(pair: Pair) -> str:
    """``<fr-name>__<ar-name>``: the documents' ids (a folder's files: names without extension)."""
    fr = pair.fr_id or Path(pair.fr).stem
    ar = pair.ar_id or Path(pair.ar).stem
    return f"{safe_name(fr)}__{safe_name(ar)}"


def plan_jobs(pairing: PairingResult, out: Path) -> list[PairJob]:
    """Each pair's output path, ``pairs/[<group>/]<fr-name>__<ar-name>.tmx``; two pairs that would
    share a name (same file names in two folders) get a short hash of their paths appended."""
    jobs: list[PairJob] = []
    used: set[str] = set()
    for pair in pairing.pairs:
        folder = out / "pairs" / safe_name(pair.group) if pair.group else out / "pairs"
        tmx = str(folder / f"{pair_name(pair)}.tmx")
        if tmx in used:
            digest = hashlib.sha1(f"{pair.fr}\n{pair.ar}".encode()).hexdigest()[:8]
            tmx = str(folder / f"{pair_name(pair)}-{digest}.tmx")
        used.add(tmx)
        jobs.append(PairJob(pair, tmx))
    return jobs


def _dropped(result: Alignment) -> list[dict[str, object]]:
    return [{"side": side, "file": path, "line": d.line, "reason": d.reason, "text": d.text}
            for side, path, dropped in (("fr", result.src_path, result.src_dropped),
                                        ("ar", result.tgt_path, result.tgt_dropped))
            for d in dropped]


def align_pair(job: PairJob, cfg: AlignConfig, date: str, cache: EmbeddingCache | None = None,
               outputs: BatchOutputs | None = None) -> PairRecord:
    """Align one pair, write its TMX (and the other outputs asked for), then its record (last:
    a record means the pair is done)."""
    outputs = outputs or BatchOutputs()
    pair, tmx = job.pair, Path(job.tmx)
    try:
        with local_copy(pair.fr) as fr, local_copy(pair.ar) as ar:
            result = align_files(fr, ar, cfg, cache=cache)
        result.src_path, result.tgt_path = pair.fr, pair.ar
        tmx.parent.mkdir(parents=True, exist_ok=True)
        write = dataclasses.replace(outputs.write, creationdate=date, low_output=None)
        req = AlignRequest(pair.fr, pair.ar, cfg, str(tmx), "tmx", write)
        written, low = write_outputs(result, req)
        extra = ""
        if outputs.fmt and outputs.fmt != "tmx":
            extra_path = tmx.with_suffix(f".{outputs.fmt}")
            write_alignment(result, extra_path, outputs.fmt, dataclasses.replace(write, min_confidence=None))
            extra = str(extra_path)
        review = ""
        if outputs.review_dir:
            from ..review import review_alignment, write_review

            review = str(Path(outputs.review_dir) / f"{tmx.stem}.html")
            write_review(review_alignment(result), review)
        s = document_scores(result)
        warnings = loss_warnings(account(result), cfg.warn_coverage, cfg.warn_lost)
        record = PairRecord(pair.fr, pair.ar, round(pair.score, 4), written.files[0] if written.files else "",
                            s.units, s.src_coverage, s.tgt_coverage, s.mean_confidence, s.verdict,
                            low_output=low.files[0] if low and low.files else "",
                            low_units=low.written if low else 0, warnings=warnings, dropped=_dropped(result),
                            review=review, extra_output=extra)
    except AlignerError as exc:
        record = PairRecord(pair.fr, pair.ar, round(pair.score, 4), "", 0, 0.0, 0.0, 0.0, "", str(exc))
    tmx.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(tmx.with_suffix(".json"), json.dumps(asdict(record), ensure_ascii=False, indent=1))
    return record


def load_record(job: PairJob) -> PairRecord | None:
    """The record of a finished pair, or None when it must be (re)done (missing, corrupt, or
    its TMX gone)."""
    from ..io.guarded import read_text

    try:
        data = json.loads(read_text(Path(job.tmx).with_suffix(".json"), "a pair record"))
        record = PairRecord(**data)
    except (AlignerError, ValueError, TypeError):
        return None  # missing or corrupt: redo the pair
    if record.output and not Path(record.output).is_file():
        return None
    return record


def check_outputs(outputs: BatchOutputs) -> None:
    """Refuse, before any work, options that would fail on every pair."""
    from ..formats import format_for
    from ..tmx.profiles import get_profile

    if outputs.write.profile:
        get_profile(outputs.write.profile)
    if outputs.fmt:
        format_for(None, outputs.fmt)


def check_inputs(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str]) -> None:
    """Every input of a batch is a folder or a corpus manifest, and the output folder is not one
    of the input folders (the outputs would be mixed with the articles)."""
    from ..io.guarded import check_input
    from .manifest import is_manifest, is_url

    out = Path(refuse_dash(out_dir, "a folder")).resolve()
    for item in inputs:
        if is_url(str(item)):
            continue
        p = Path(str(item).removeprefix("file://"))
        if is_manifest(item):
            check_input(p, "a corpus manifest (.jsonl or .parquet)")
            continue
        if not p.is_dir():
            if not p.exists():
                raise InputError(f"{item}: no such folder; check the path (give the folder of the articles "
                                 "or a corpus manifest)")
            raise InputError(f"{item}: not a folder or a corpus manifest (.jsonl, .parquet); give the folder "
                             "that holds the articles (`aligner align` takes two files)")
        if out == p.resolve():
            raise OutputError(f"cannot write into {out_dir}: it is the input folder {item}, whose articles "
                              "would be mixed with the outputs; choose another output folder")


def prepare_output(out_dir: str | os.PathLike[str], outputs: BatchOutputs) -> Path:
    """The output folder, created with its ``pairs/`` folder (and the review folder); refuses a
    file, and options that would fail on every pair, before any work."""
    out = Path(out_dir)
    if outputs.review_dir:
        refuse_dash(outputs.review_dir, "a folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; give a folder for the outputs")
    check_outputs(outputs)
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    if outputs.review_dir:
        Path(outputs.review_dir).mkdir(parents=True, exist_ok=True)
    # a killed run's temporary files, wherever its workers were writing (a resumed run may
    # write nothing in a folder, which would otherwise keep them)
    folders = [out, *(Path(root) for root, _, _ in os.walk(out / "pairs"))]
    for folder in folders + ([Path(outputs.review_dir)] if outputs.review_dir else []):
        clean_leftovers(folder)
    return out


def finish(out: Path, cfg: AlignConfig, pairing: PairingResult, records: Sequence[PairRecord]) -> dict[str, object]:
    """Merge the pairs' TMX files into ``all.tmx`` (one unit per source segment) and write
    ``manifest.json``; returns the manifest."""
    signature = cfg.signature(resolve_encoder(cfg).version).format()
    tmx_files = [r.output for r in records if r.output]
    all_tmx = out / "all.tmx"
    merged_units = 0
    if tmx_files:
        report = merge(tmx_files, all_tmx, {"x-signature": signature})
        merged_units = report.write.written if report.write else 0
    low_files = [r.low_output for r in records if r.low_output and r.low_units]
    all_low = out / "all.low-confidence.tmx"
    if low_files:
        merge(low_files, all_low, {"x-signature": signature})
    manifest: dict[str, object] = {
        "signature": signature,
        "all": str(all_tmx) if tmx_files else None,
        "all_units": merged_units,
        "all_low_confidence": str(all_low) if low_files else None,
        "pairs": [asdict(r) for r in records],
        "unpaired": [asdict(u) for u in pairing.unpaired],
    }
    write_text_atomic(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest
