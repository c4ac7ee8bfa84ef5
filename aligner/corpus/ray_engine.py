"""``aligner batch --engine ray``: the batch job on a Ray cluster, from a laptop to many nodes.

The same steps and functions as the local engine (:mod:`aligner.corpus.jobs`), so the
same pairs, units and files:

1. **describe** — each document read, its language told, segmented, its evidence
   gathered and its sentences encoded into a document vector
   (:func:`~aligner.corpus.pairing.describe`, :func:`~aligner.corpus.pairing.add_vector`),
   in a pool of Ray actors that load the encoder once each (``num_gpus`` where the
   cluster has GPUs and the encoder uses one). What comes back is the vector and the
   evidence only; the driver spills it to a temporary file per group, so its memory
   holds one group at a time, never the corpus.
2. **pair** — each group paired on the driver (:func:`~aligner.corpus.pairing.pair_group`:
   exact nearest documents, HNSW above ``ANN_ABOVE`` documents).
3. **align** — each pair aligned, scored and written by the same actors
   (:func:`~aligner.corpus.jobs.align_pair`: TMX then its ``.json`` record, atomically).
4. **finish** — ``all.tmx`` and ``manifest.json`` as the local engine writes them.

Work is handed out in small batches through :class:`ray.util.ActorPool`, a few per
worker at a time, so nothing waits in memory. Faults: an actor that dies (a killed
process, a lost node) is restarted by Ray and its call retried (``max_restarts``,
``max_task_retries``); every step is a pure function of its input and every file is
written atomically under a name given by its pair, so a retry writes the same bytes.
A killed driver loses only the pairs in flight: ``--resume`` skips every pair whose
record exists. Nothing of Ray is imported unless this engine is chosen.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import AlignConfig
from ..encoders.cache import EmbeddingCache
from ..encoders.registry import ENCODERS, register_encoder
from ..errors import AlignerError, ConfigError
from ..io.atomic import atomic_writer
from ..io.guarded import open_input
from ..pipeline import resolve_encoder
from ..tmx.writer import tmx_date
from .jobs import (
    BatchOutputs,
    PairJob,
    PairRecord,
    align_pair,
    finish,
    load_record,
    plan_jobs,
    prepare_output,
)
from .manifest import CorpusDoc, load_corpus
from .pairing import DocInfo, PairingResult, add_vector, describe, join_groups, pair_group

#: Documents per describe call and pairs per align call: small enough to spread the work
#: and bound what a retry redoes, large enough that Ray's per-call cost stays small.
DOCS_PER_CALL = 16
PAIRS_PER_CALL = 4
#: Calls queued per worker beyond the running one.
QUEUED_PER_WORKER = 2
MAX_RESTARTS = 4


class RayEngineError(AlignerError):
    """The Ray engine cannot start or a worker failed past its retries."""


@dataclass(frozen=True)
class RayOptions:
    """How to run on Ray.

    Attributes:
        address: the cluster to join (``ray://…`` or ``host:port`` or ``auto``); None: start a
            local Ray with this machine's cores.
        workers: actors (each loads the encoder once); 0: one per CPU of the cluster.
        gpus_per_worker: GPUs each actor asks for; None: 1 when the cluster has GPUs and the
            encoder runs on one (LASER with ``--device auto/cuda``), else 0.
    """

    address: str | None = None
    workers: int = 0
    gpus_per_worker: float | None = None


def import_ray() -> Any:
    """The ``ray`` module, or an error saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError("--engine ray needs Ray; install it with `pip install 'fr-ar-aligner[ray]'`") from exc
    return ray


class _Worker:
    """A Ray actor: the encoder (and cache) loaded once, then describe and align calls."""

    def __init__(self, cfg: AlignConfig, plugin: tuple[str, object, str] | None, cache_dir: str | None,
                 date: str, outputs: BatchOutputs) -> None:
        from ..encoders.parallel import disable_side_processes

        disable_side_processes()  # each actor has its CPU: no second process per pair
        if plugin is not None:
            register_encoder(*plugin)  # type: ignore[arg-type]  # a plug-in of the driver, registered here too
        self.cfg = cfg
        self.encoder = resolve_encoder(cfg)
        self.cache = EmbeddingCache(cache_dir) if cache_dir else None
        self.date = date
        self.outputs = outputs

    def describe(self, docs: list[CorpusDoc]) -> list[DocInfo]:
        return [add_vector(describe(d), self.encoder, self.cache) for d in docs]

    def align(self, jobs: list[tuple[int, PairJob]]) -> list[tuple[int, PairRecord]]:
        return [(k, align_pair(job, self.cfg, self.date, self.cache, self.outputs)) for k, job in jobs]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stream(ray: Any, actors: list[Any], method: str, batches: Iterable[Any]) -> Iterator[Any]:
    """Results of ``actor.method(batch)`` for every batch, as they finish, with at most
    QUEUED_PER_WORKER + 1 batches per actor submitted at a time."""
    from ray.util import ActorPool

    pool = ActorPool(actors)
    pending = iter(batches)
    window = len(actors) * (QUEUED_PER_WORKER + 1)

    def submit() -> bool:
        batch = next(pending, None)
        if batch is None:
            return False
        pool.submit(lambda actor, value: getattr(actor, method).remote(value), batch)
        return True

    for _ in range(window):
        if not submit():
            break
    while pool.has_next():
        try:
            result = pool.get_next_unordered()
        except ray.exceptions.RayTaskError as exc:  # the call raised: the error itself, as the local engine gives it
            cause = getattr(exc, "cause", None)
            if isinstance(cause, (AlignerError, OSError, MemoryError)):
                raise cause from None
            raise RayEngineError(f"a Ray worker failed: {cause or exc}; rerun with --resume to keep the "
                                 "pairs already done") from exc
        except ray.exceptions.RayError as exc:  # the worker died past its restarts, or the cluster went away
            raise RayEngineError(f"a Ray worker failed past {MAX_RESTARTS} restarts ({exc}); "
                                 "rerun with --resume to keep the pairs already done") from exc
        submit()
        yield result


class _GroupSpill:
    """Described documents, written to temporary files per group (one per call), read back a
    group at a time."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self.files: dict[str, list[Path]] = {}
        self.numbers: dict[str, int] = {}

    def add(self, infos: Sequence[DocInfo]) -> None:
        by_group: dict[str, list[DocInfo]] = {}
        for info in infos:
            by_group.setdefault(info.group, []).append(info)
        for group, items in by_group.items():
            number = self.numbers.setdefault(group, len(self.numbers))
            files = self.files.setdefault(group, [])
            path = self.folder / f"group{number}-{len(files)}.pkl"
            with atomic_writer(path, binary=True) as fh:
                pickle.dump(items, fh, protocol=pickle.HIGHEST_PROTOCOL)
            files.append(path)

    def groups(self) -> Iterator[list[DocInfo]]:
        for group in sorted(self.files):
            items: list[DocInfo] = []
            for path in self.files[group]:
                with open_input(path, "a temporary file of described documents", max_bytes=None) as fh:
                    items.extend(pickle.load(fh))
            yield sorted(items, key=lambda d: d.index)


def _gpus(ray: Any, cfg: AlignConfig, options: RayOptions) -> float:
    if options.gpus_per_worker is not None:
        return options.gpus_per_worker
    uses_gpu = cfg.encoder == "laser" and cfg.device in ("auto", "cuda")
    return 1.0 if uses_gpu and ray.cluster_resources().get("GPU", 0) >= 1 else 0.0


def _plugin(name: str) -> tuple[str, object, str] | None:
    """The registry entry of encoder *name* when it is not one of the toolkit's own (a plug-in
    registered in this process, which the workers must register too)."""
    entry = ENCODERS.entry(name)
    target = entry.target
    module = target if isinstance(target, str) else getattr(target, "__module__", "")
    if module.startswith("aligner."):
        return None
    return entry.name, entry.target, entry.description


def _worker_count(resources: dict[str, float], wanted: int, gpus: float) -> int:
    """Workers to start: *wanted* (0: one per CPU), no more than the cluster can place at once
    (an actor that cannot be placed would hold its share of the work forever)."""
    cpus = max(1, int(resources.get("CPU", 1)))
    count = min(wanted, cpus) if wanted else cpus
    if gpus:
        count = min(count, max(1, int(resources.get("GPU", 0) / gpus)))
    return count


def check_reachable(address: str, seconds: float = 5.0) -> None:
    """Refuse at once a ``host:port`` or ``ray://host:port`` nobody answers on (Ray itself retries
    for minutes); ``auto`` and other forms are left to Ray."""
    import socket

    m = re.fullmatch(r"(?:ray://)?\[?([^\]/]+?)\]?:(\d{1,5})", address.strip())
    if not m:
        return
    try:
        with socket.create_connection((m.group(1), int(m.group(2))), timeout=seconds):
            pass
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise RayEngineError(f"cannot reach the Ray cluster at {address} ({reason}); check --address "
                             "or run `ray status` there") from None


def start_ray(ray: Any, address: str | None) -> bool:
    """Connect to *address*, or start a local Ray with this machine's cores; False when Ray was
    already running in this process (then it is left running)."""
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        check_reachable(address)
    try:
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=os.cpu_count() or 1, **kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise RayEngineError(f"cannot start {where} ({exc}); check --address or run `ray status`") from exc
    return True


def run_ray_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    cfg: AlignConfig,
    workers: int = 0,
    resume: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: str | None = None,
    address: str | None = None,
    options: RayOptions | None = None,
    outputs: BatchOutputs | None = None,
) -> dict[str, object]:
    """:func:`aligner.corpus.batch.run_batch` on Ray (*cfg* with its encoder resolved); returns the manifest."""
    options = options or RayOptions(address=address, workers=workers)
    outputs = outputs or BatchOutputs()
    docs = load_corpus(inputs)  # a bad input is refused before the output folder is made
    ray = import_ray()
    started = start_ray(ray, options.address)
    try:
        out = prepare_output(out_dir, outputs)
        gpus = _gpus(ray, cfg, options)
        count = _worker_count(ray.cluster_resources(), options.workers, gpus)
        plugin = _plugin(cfg.encoder)
        actor_cls = ray.remote(num_cpus=1, num_gpus=gpus, max_restarts=MAX_RESTARTS,
                               max_task_retries=MAX_RESTARTS)(_Worker)
        date = tmx_date()
        actors = [actor_cls.remote(cfg, plugin, cache_dir, date, outputs) for _ in range(count)]
        with tempfile.TemporaryDirectory(prefix="aligner-ray-") as spill_dir:
            spill = _GroupSpill(spill_dir)
            for infos in _stream(ray, actors, "describe", _batches(docs, DOCS_PER_CALL)):
                spill.add(infos)
            results: list[PairingResult] = []
            described: list[DocInfo] = []
            for group in spill.groups():
                results.append(pair_group(group))
                described.extend(DocInfo(d.path, d.language, index=d.index) for d in group)
        pairing = join_groups(results, described)
        planned = plan_jobs(pairing, out)
        records: dict[int, PairRecord] = {}
        todo: list[tuple[int, PairJob]] = []
        for k, job in enumerate(planned):
            done = load_record(job) if resume else None
            if done is not None:
                records[k] = done
            else:
                todo.append((k, job))
        if progress:
            progress(len(records), len(planned))
        for finished in _stream(ray, actors, "align", _batches(todo, PAIRS_PER_CALL)):
            records.update(finished)
            if progress:
                progress(len(records), len(planned))
        for actor in actors:
            ray.kill(actor)
    finally:
        if started:
            ray.shutdown()
    return finish(out, cfg, pairing, [records[k] for k in range(len(planned))])
