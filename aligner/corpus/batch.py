"""Batch jobs: pair the articles of a folder, align every pair, write one TMX.

Outputs under OUT_DIR: ``pairs/<fr-name>__<ar-name>.tmx`` (one per pair, with
a ``.json`` record beside it once it is complete), ``all.tmx`` (merged and
de-duplicated) and ``manifest.json`` (every input file: its language, its
partner, scores and alignment figures, or why it was not used). Every file is
written atomically; ``resume`` skips pairs whose record exists.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..align.loss import account, loss_warnings
from ..align.scores import document_scores
from ..config import AlignConfig
from ..encoders.cache import EmbeddingCache
from ..errors import AlignerError, OutputError
from ..formats import WriteOptions, write_alignment
from ..io.atomic import write_text_atomic
from ..models import Alignment
from ..pipeline import AlignRequest, align_files, resolve_config, resolve_encoder, write_outputs
from ..tmx.tools import merge
from ..tmx.writer import tmx_date
from .pairing import Pair, pair_documents


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


def pair_name(pair: Pair) -> str:
    """``<fr-name>__<ar-name>`` from the files' names without extension."""
    return f"{Path(pair.fr).stem}__{Path(pair.ar).stem}"


def _dropped(result: Alignment) -> list[dict[str, object]]:
    return [{"side": side, "file": path, "line": d.line, "reason": d.reason, "text": d.text}
            for side, path, dropped in (("fr", result.src_path, result.src_dropped),
                                        ("ar", result.tgt_path, result.tgt_dropped))
            for d in dropped]


def _align_pair(pair: Pair, cfg: AlignConfig, out_dir: str, date: str, cache_dir: str | None,
                outputs: BatchOutputs | None = None) -> PairRecord:
    outputs = outputs or BatchOutputs()
    tmx = Path(out_dir) / "pairs" / f"{pair_name(pair)}.tmx"
    try:
        result = align_files(pair.fr, pair.ar, cfg, cache=EmbeddingCache(cache_dir) if cache_dir else None)
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

            review = str(Path(outputs.review_dir) / f"{pair_name(pair)}.html")
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
    write_text_atomic(tmx.with_suffix(".json"), json.dumps(asdict(record), ensure_ascii=False, indent=1))
    return record


def die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker as soon as the batch process that started it is gone.

    Without it, a batch killed with SIGKILL leaves its workers aligning and
    writing pairs for minutes. Linux: the kernel sends SIGKILL on the parent's
    death (``PR_SET_PDEATHSIG``); everywhere: a thread checks twice a second.
    """
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # died before we got here
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _load_record(path: Path) -> PairRecord | None:
    from ..io.guarded import read_text

    try:
        data = json.loads(read_text(path, "a pair record"))
        record = PairRecord(**data)
    except (AlignerError, ValueError, TypeError):
        return None  # missing or corrupt: redo the pair
    if record.output and not Path(record.output).is_file():
        return None
    return record


def _check_outputs(outputs: BatchOutputs) -> None:
    """Refuse, before any work, options that would fail on every pair."""
    from ..formats import format_for
    from ..tmx.profiles import get_profile

    if outputs.write.profile:
        get_profile(outputs.write.profile)
    if outputs.fmt:
        format_for(None, outputs.fmt)


def run_batch(
    in_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    cfg: AlignConfig,
    jobs: int = 1,
    resume: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: str | None = None,
    outputs: BatchOutputs | None = None,
) -> dict[str, object]:
    """Pair, align every pair (in *jobs* processes), merge; returns the manifest.

    *cache_dir*: embedding cache folder shared by the workers (None: no cache).
    *outputs*: the output options of ``aligner align`` that apply to every pair.
    Every unit of ``all.tmx`` keeps its provenance (``tuid``, ``x-document-src/-tgt``).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; give a folder for the outputs")
    outputs = outputs or BatchOutputs()
    _check_outputs(outputs)
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    if outputs.review_dir:
        Path(outputs.review_dir).mkdir(parents=True, exist_ok=True)
    cfg = resolve_config(cfg)[0]
    pairing = pair_documents([in_dir], cfg)
    date = tmx_date()
    records: dict[int, PairRecord] = {}
    todo: list[int] = []
    for k, pair in enumerate(pairing.pairs):
        done = _load_record(out / "pairs" / f"{pair_name(pair)}.json") if resume else None
        if done is not None:
            records[k] = done
        else:
            todo.append(k)
    total = len(pairing.pairs)
    if progress:
        progress(len(records), total)
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {k: pool.submit(_align_pair, pairing.pairs[k], cfg, str(out), date, cache_dir, outputs) for k in todo}
            for k, fut in futures.items():
                records[k] = fut.result()
                if progress:
                    progress(len(records), total)
    else:
        for k in todo:
            records[k] = _align_pair(pairing.pairs[k], cfg, str(out), date, cache_dir, outputs)
            if progress:
                progress(len(records), total)
    ordered = [records[k] for k in range(total)]
    signature = cfg.signature(resolve_encoder(cfg).version).format()
    tmx_files = [r.output for r in ordered if r.output]
    all_tmx = out / "all.tmx"
    merged_units = 0
    if tmx_files:
        report = merge(tmx_files, all_tmx, {"x-signature": signature})
        merged_units = report.write.written if report.write else 0
    low_files = [r.low_output for r in ordered if r.low_output and r.low_units]
    all_low = out / "all.low-confidence.tmx"
    if low_files:
        merge(low_files, all_low, {"x-signature": signature})
    manifest: dict[str, object] = {
        "signature": signature,
        "all": str(all_tmx) if tmx_files else None,
        "all_units": merged_units,
        "all_low_confidence": str(all_low) if low_files else None,
        "pairs": [asdict(r) for r in ordered],
        "unpaired": [asdict(u) for u in pairing.unpaired],
    }
    write_text_atomic(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


