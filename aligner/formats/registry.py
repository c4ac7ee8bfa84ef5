"""The output-format registry: ``--format NAME`` or the file's extension → an :class:`OutputFormat`.

Add a format with one module (a subclass of :class:`~aligner.formats.base.OutputFormat`) and
one line::

    register_format("xliff", "my_package.xliff:XliffFormat")
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..registry import Registry
from .base import OutputFormat

OUTPUT_FORMATS: Registry[type[OutputFormat]] = Registry("output format", "--format")
OUTPUT_FORMATS.register("tmx", "aligner.tmx.format:TmxFormat", "TMX 1.4 for CAT tools")
OUTPUT_FORMATS.register("tsv", "aligner.formats.lines:TsvFormat", "tab-separated values")
OUTPUT_FORMATS.register("jsonl", "aligner.formats.lines:JsonlFormat", "JSON lines with text, kinds, dropped lines")
OUTPUT_FORMATS.register("beads", "aligner.formats.lines:BeadsFormat", "Vecalign bead lines")


def register_format(name: str, target: str | type[OutputFormat], description: str = "") -> None:
    """Add an output format: *target* is ``"module:Class"`` naming an :class:`OutputFormat` subclass."""
    OUTPUT_FORMATS.register(name, target, description)


def get_format(name: str) -> OutputFormat:
    """The format registered as *name*."""
    return OUTPUT_FORMATS.get(name)()


def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> OutputFormat:
    """The output format: *fmt* if given, else from *path*'s extension (TSV for stdout)."""
    if fmt:
        return get_format(fmt)
    if path is None:
        return get_format("tsv")
    suffix = Path(path).suffix.lower()
    for _name, cls in OUTPUT_FORMATS.items():
        if suffix in cls.suffixes:
            return cls()
    known = ", ".join(s for _n, c in OUTPUT_FORMATS.items() for s in c.suffixes)
    raise OutputError(f"cannot tell the format of {path} from its extension {suffix or '(none)'}; "
                      f"name it {known}, or give --format")
