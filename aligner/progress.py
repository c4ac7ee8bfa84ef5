"""Progress bars on stderr, only for a person watching: none when quiet or when stderr is
not a terminal (a log file, a CI job, a pipe)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

#: ``progress(done, total)``: called as work advances; the library never prints.
Progress = Callable[[int, int], None]


def progress_bar(quiet: bool, unit: str = "pair", desc: str | None = None) -> Progress | None:
    """A tqdm bar on stderr, or None when quiet or stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=0, unit=unit, desc=desc, file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def both_sides(progress: Progress | None, n_src: int, n_tgt: int) -> tuple[Progress | None, Progress | None]:
    """Per-side callbacks (the sides may be encoded in two threads at once) that report the
    sentences done on both sides together to *progress*, which never goes backwards."""
    if progress is None:
        return None, None
    done = [0, 0]
    lock = threading.Lock()

    def side(k: int) -> Progress:
        def report(d: int, _t: int) -> None:
            with lock:
                done[k] = d
                progress(done[0] + done[1], n_src + n_tgt)
        return report

    return side(0), side(1)
