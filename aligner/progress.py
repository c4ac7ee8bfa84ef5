"""Progress bars on stderr, only for a person watching: none when quiet or when stderr is
not a terminal (a log file, a CI job, a pipe)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

#: ``progress(done, total)``: called as work advances; the library never prints.
Progress = Callable[[int, int], None]


def progress_bar(quiet: bool, unit: str = "pair", desc: str | None = None) -> Progress | None:
    """A tqdm bar on stderr, or None when quiet or stderr is not a terminal.

    The bar appears at the first ``progress(done, total)`` call, with its total, and
    goes when the work is done. The returned object also has ``stage(name)``: the
    pipeline names the stages that have no count (reading, aligning, writing), shown as
    one line with the time spent in the stage; ``stage(None)`` ends it.
    """
    if quiet or not sys.stderr.isatty():
        return None
    return _Bars(unit, desc)


class _Bars:
    """One bar at a time on stderr: the counted stage, or the named stage in course."""

    def __init__(self, unit: str, desc: str | None) -> None:
        self.unit, self.desc = unit, desc
        self._bar: Any = None
        self._ticker: threading.Event | None = None
        self._thread: threading.Thread | None = None

    def __call__(self, done: int, total: int) -> None:
        from tqdm import tqdm

        if self._bar is None or self._ticker is not None:
            self.stage(None)
            self._bar = tqdm(total=total, unit=self.unit, desc=self.desc, file=sys.stderr, leave=False)
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()
        if done >= total:
            self._close()

    def stage(self, name: str | None) -> None:
        from tqdm import tqdm

        self._close()
        if name is None:
            return
        bar = tqdm(total=None, desc=name, bar_format="{desc}… {elapsed}", file=sys.stderr, leave=False)
        stop = threading.Event()

        def tick() -> None:  # the elapsed time moves while the stage works
            while not stop.wait(0.5):
                bar.refresh()

        thread = threading.Thread(target=tick, name="aligner-progress", daemon=True)
        thread.start()
        self._bar, self._ticker, self._thread = bar, stop, thread

    def _close(self) -> None:
        if self._ticker is not None:
            self._ticker.set()
            self._ticker = None
            if self._thread is not None:
                self._thread.join(timeout=2)
                self._thread = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def stage(progress: Progress | None, name: str | None) -> None:
    """Tell *progress* (when it shows stages, see :func:`progress_bar`) that stage *name* begins;
    None: the job's stages are over."""
    hook = getattr(progress, "stage", None)
    if hook is not None:
        hook(name)


def both_sides(progress: Progress | None, n_src: int, n_tgt: int) -> tuple[Progress | None, Progress | None]:
    """Per-side callbacks (the sides may be encoded in two threads at once) that report the
    sentences done on both sides together to *progress*, which never goes backwards."""
    if progress is None:
        return None, None
    done = [0, 0]
    lock = threading.Lock()
    progress(0, n_src + n_tgt)  # the total from the start

    def side(k: int) -> Progress:
        def report(d: int, _t: int) -> None:
            with lock:
                done[k] = d
                progress(done[0] + done[1], n_src + n_tgt)
        return report

    return side(0), side(1)
