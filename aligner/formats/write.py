"""Writing an alignment: to a file (atomically) or, for line formats, to a stream such as stdout."""

from __future__ import annotations

import os
from typing import IO

from ..errors import OutputError
from ..models import Alignment
from .base import OutputReport, WriteOptions
from .registry import format_for


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike[str] | None,
    fmt: str | None = None,
    options: WriteOptions | None = None,
    stream: IO[str] | None = None,
) -> OutputReport:
    """Write *alignment* to *path* in *fmt* (default: from the extension), or, when *path* is
    None, to *stream* (a line format; TSV by default)."""
    options = options or WriteOptions()
    out = format_for(path, fmt)
    if path is not None:
        return out.write(alignment, path, options)
    if stream is None:
        raise OutputError("no output file and no stream to write to")
    if not out.streamable:
        raise OutputError(f"format {out.name!r} cannot be written to standard output; give -o FILE.{out.name}")
    n = out.write_stream(alignment, stream, options)
    return OutputReport(out.name, [], written=n)
