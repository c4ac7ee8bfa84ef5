"""Batch jobs: pair the articles of a folder, align every pair, write one TMX.

Outputs under OUT_DIR: ``pairs/<fr-name>__<ar-name>.tmx`` (one per pair, with
a ``.json`` record beside it once it is complete), ``all.tmx`` (merged and
de-duplicated) and ``manifest.json`` (every input file: its language, its
partner, scores and alignment figures, or why it was not used). Every file is
written atomically; ``resume`` skips pairs whose record exists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from ..align.scores import document_scores
from ..config import AlignConfig
from ..encoders.cache import EmbeddingCache
from ..errors import AlignerError, OutputError
from ..formats import WriteOptions, write_alignment
from ..io.atomic import write_text_atomic
from ..pipeline import align_files, resolve_config, resolve_encoder
from ..tmx.tools import merge
from ..tmx.writer import tmx_date
from .pairing import Pair, pair_documents


@dataclass(frozen=True)
class PairRecord:
    """The alignment figures of one pair, as the manifest lists them."""

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


def pair_name(pair: Pair) -> str:
    """``<fr-name>__<ar-name>`` from the files' names without extension."""
    return f"{Path(pair.fr).stem}__{Path(pair.ar).stem}"


def _align_pair(pair: Pair, cfg: AlignConfig, out_dir: str, date: str, cache_dir: str | None) -> PairRecord:
    tmx = Path(out_dir) / "pairs" / f"{pair_name(pair)}.tmx"
    try:
        result = align_files(pair.fr, pair.ar, cfg, cache=EmbeddingCache(cache_dir) if cache_dir else None)
        write_alignment(result, tmx, options=WriteOptions(creationdate=date))
        s = document_scores(result)
        record = PairRecord(pair.fr, pair.ar, round(pair.score, 4), str(tmx), s.units, s.src_coverage,
                            s.tgt_coverage, s.mean_confidence, s.verdict)
    except AlignerError as exc:
        record = PairRecord(pair.fr, pair.ar, round(pair.score, 4), "", 0, 0.0, 0.0, 0.0, "", str(exc))
    write_text_atomic(tmx.with_suffix(".json"), json.dumps(asdict(record), ensure_ascii=False, indent=1))
    return record


def _load_record(path: Path) -> PairRecord | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = PairRecord(**data)
    except (OSError, ValueError, TypeError):
        return None  # missing or corrupt: redo the pair
    if record.output and not Path(record.output).is_file():
        return None
    return record


def run_batch(
    in_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    cfg: AlignConfig,
    jobs: int = 1,
    resume: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: str | None = None,
) -> dict[str, object]:
    """Pair, align every pair (in *jobs* processes), merge; returns the manifest.

    *cache_dir*: embedding cache folder shared by the workers (None: no cache).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; give a folder for the outputs")
    (out / "pairs").mkdir(parents=True, exist_ok=True)
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
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {k: pool.submit(_align_pair, pairing.pairs[k], cfg, str(out), date, cache_dir) for k in todo}
            for k, fut in futures.items():
                records[k] = fut.result()
                if progress:
                    progress(len(records), total)
    else:
        for k in todo:
            records[k] = _align_pair(pairing.pairs[k], cfg, str(out), date, cache_dir)
            if progress:
                progress(len(records), total)
    ordered = [records[k] for k in range(total)]
    signature = cfg.signature(resolve_encoder(cfg).version).format()
    outputs = [r.output for r in ordered if r.output]
    all_tmx = out / "all.tmx"
    merged_units = 0
    if outputs:
        report = merge(outputs, all_tmx, {"x-signature": signature})
        merged_units = report.write.written if report.write else 0
    manifest: dict[str, object] = {
        "signature": signature,
        "all": str(all_tmx) if outputs else None,
        "all_units": merged_units,
        "pairs": [asdict(r) for r in ordered],
        "unpaired": [asdict(u) for u in pairing.unpaired],
    }
    write_text_atomic(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


