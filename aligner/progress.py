"""Progress bars on stderr, only for a person watching: none when quiet or when stderr is
not a terminal (a log file, a CI job, a pipe)."""

from __future__ import annotations

import sys
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
