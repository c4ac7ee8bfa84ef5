"""Atomic file writes: a reader never sees a half-written output."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import OutputError


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Fail early, with the fix, when the output folder does not exist."""
    out = Path(path)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {out}: folder {folder} does not exist; create it first "
            f"(mkdir -p {folder}) or choose another output path"
        )
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; give a file name")
    return out


@contextmanager
def atomic_writer(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside *path*; rename it over *path* only on success."""
    out = check_output_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        if binary:
            fh: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg]
        else:
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* as UTF-8 to *path* atomically."""
    with atomic_writer(path) as fh:
        fh.write(text)
