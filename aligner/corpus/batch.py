"""Batch jobs: pair the articles of a folder or a corpus manifest, align every pair, write one TMX.

Outputs under OUT_DIR: ``pairs/<fr-name>__<ar-name>.tmx`` (one per pair, with
a ``.json`` record beside it once it is complete), ``all.tmx`` (merged and
de-duplicated) and ``manifest.json`` (every input file: its language, its
partner, scores and alignment figures, or why it was not used). Every file is
written atomically; ``resume`` skips pairs whose record exists.

Two engines run the same steps with the same functions, so they give the same
outputs: ``local`` (this process, and ``jobs`` processes for the alignments) and
``ray`` (:mod:`aligner.corpus.ray_engine`, a Ray cluster).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from ..config import AlignConfig
from ..encoders.cache import EmbeddingCache
from ..errors import ConfigError
from ..pipeline import resolve_config, resolve_encoder
from ..tmx.writer import tmx_date
from .jobs import (
    BatchOutputs,
    PairJob,
    PairRecord,
    align_pair,
    check_inputs,
    finish,
    load_record,
    pair_name,
    plan_jobs,
    prepare_output,
)
from .manifest import load_corpus
from .pairing import pair_corpus

__all__ = ["ENGINES", "BatchOutputs", "PairRecord", "pair_name", "run_batch"]

ENGINES = ("local", "ray")


def _align_in_worker(job: PairJob, cfg: AlignConfig, date: str, cache_dir: str | None,
                     outputs: BatchOutputs) -> PairRecord:
    return align_pair(job, cfg, date, EmbeddingCache(cache_dir) if cache_dir else None, outputs)


def die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker as soon as the batch process that started it is gone.

    Without it, a batch killed with SIGKILL leaves its workers aligning and
    writing pairs for minutes. Linux: the kernel sends SIGKILL on the parent's
    death (``PR_SET_PDEATHSIG``); everywhere: a thread checks twice a second.
    """
    import signal
    import sys

    from ..encoders.parallel import disable_side_processes, exit_with_parent

    disable_side_processes()  # this worker has its core: no second process per pair
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    exit_with_parent(parent, 1)


def run_batch(
    in_dir: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    cfg: AlignConfig,
    jobs: int = 1,
    resume: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: str | None = None,
    engine: str = "local",
    address: str | None = None,
    outputs: BatchOutputs | None = None,
) -> dict[str, object]:
    """Pair, align every pair (in *jobs* processes, or *jobs* Ray workers), merge; returns the manifest.

    *in_dir*: a folder, a manifest (``.jsonl``/``.parquet``, see :mod:`.manifest`) or a list
    of them. *cache_dir*: embedding cache folder shared by the workers (None: no cache).
    *engine*: ``local`` or ``ray`` (*address*: the Ray cluster to join; None: start one here).
    *outputs*: the output options of ``aligner align`` that apply to every pair.
    Every unit of ``all.tmx`` keeps its provenance (``tuid``, ``x-document-src/-tgt``).
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    cfg = resolve_config(cfg)[0]
    inputs = [in_dir] if isinstance(in_dir, (str, os.PathLike)) else list(in_dir)
    check_inputs(inputs, out_dir)
    if engine == "ray":
        from .ray_engine import run_ray_batch

        return run_ray_batch(inputs, out_dir, cfg, workers=max(0, jobs), resume=resume, progress=progress,
                             cache_dir=cache_dir, address=address, outputs=outputs)
    jobs = max(1, jobs)
    outputs = outputs or BatchOutputs()
    docs = load_corpus(inputs)  # a bad folder or manifest is refused before the output folder is made
    encoder = resolve_encoder(cfg)
    out = prepare_output(out_dir, outputs)
    pair_cache = EmbeddingCache(cache_dir) if cache_dir else None
    pairing = pair_corpus(docs, encoder, pair_cache)
    if pair_cache is not None:
        pair_cache.close()  # no SQLite connection carried into the forked workers
    date = tmx_date()
    planned = plan_jobs(pairing, out)
    records: dict[int, PairRecord] = {}
    todo: list[int] = []
    for k, job in enumerate(planned):
        done = load_record(job) if resume else None
        if done is not None:
            records[k] = done
        else:
            todo.append(k)
    total = len(planned)
    if progress:
        progress(len(records), total)
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {k: pool.submit(_align_in_worker, planned[k], cfg, date, cache_dir, outputs) for k in todo}
            for k, fut in futures.items():
                records[k] = fut.result()
                if progress:
                    progress(len(records), total)
    else:
        cache = EmbeddingCache(cache_dir) if cache_dir else None
        for k in todo:
            records[k] = align_pair(planned[k], cfg, date, cache, outputs)
            if progress:
                progress(len(records), total)
    return finish(out, cfg, pairing, [records[k] for k in range(total)])
