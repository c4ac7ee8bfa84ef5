"""The output-format contract: write an :class:`~aligner.models.Alignment`, read its units back.

A member subclasses :class:`OutputFormat`, sets ``name``, ``suffixes`` and ``description``,
implements :meth:`~OutputFormat.write_stream` (line formats, which can go to stdout) or
overrides :meth:`~OutputFormat.write` (TMX), and :meth:`~OutputFormat.read_units`; it is
named once in :mod:`aligner.formats.registry`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import IO, ClassVar

from ..errors import OutputError
from ..io.atomic import atomic_writer
from ..models import Alignment, Bead


@dataclass(frozen=True)
class WriteOptions:
    """Options of a write; each format uses what applies to it.

    Attributes:
        tmx_langs: language codes written in a TMX (None: the CAT profile's, else the alignment's).
        profile: name of the CAT tool profile (:mod:`aligner.tmx.profiles`) whose codes and limits apply.
        split_bytes: cut a TMX into files under this size.
        creationdate: TMX creation date (None: now).
        header_props: extra TMX header props.
        tmx_notes: give every TMX unit a ``<note>`` naming its documents and sentences.
        min_confidence: units below this confidence are not written to the output but to
            *low_output* (never silently lost; see :func:`aligner.pipeline.run_align`).
        low_output: where those units go (None: ``NAME.low-confidence.EXT`` beside the output).
    """

    tmx_langs: tuple[str, str] | None = None
    profile: str | None = None
    split_bytes: int | None = None
    creationdate: str | None = None
    header_props: dict[str, str] = field(default_factory=dict)
    tmx_notes: bool = False
    min_confidence: float | None = None
    low_output: str | None = None


@dataclass
class OutputReport:
    """What was written: the format, the files, and what a reader should be told."""

    fmt: str
    files: list[str]
    notes: list[str] = field(default_factory=list)  # units left out, splits, warnings: one line each
    written: int = 0  # units written


@dataclass(frozen=True)
class ReadUnit:
    """A unit read back from an output: its text and, where the format keeps them, its bead."""

    source: str
    target: str
    bead: Bead | None = None


class OutputFormat:
    """One output format."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    streamable: ClassVar[bool] = True  # can be written to stdout
    keeps_whitespace: ClassVar[bool] = True  # text round-trips with tabs and line breaks intact
    keeps_nulls: ClassVar[bool] = True  # unaligned sentences are written too

    def write_stream(self, alignment: Alignment, fh: IO[str], options: WriteOptions) -> int:
        """Write to an open text stream; returns the number of beads or units written."""
        raise OutputError(f"format {self.name!r} cannot be streamed; write it to a file with -o")

    def write(self, alignment: Alignment, path: str | os.PathLike[str], options: WriteOptions) -> OutputReport:
        """Write to *path* atomically (nothing partial is ever left)."""
        with atomic_writer(path) as fh:
            n = self.write_stream(alignment, fh, options)
        return OutputReport(self.name, [str(path)], written=n)

    def read_units(self, path: str | os.PathLike[str]) -> list[ReadUnit]:
        """The units of a file this format wrote, in order (for round trips and conversions)."""
        raise NotImplementedError


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """*text* with each tab and line break made a space (for line formats that cannot hold them)."""
    return _BREAKS.sub(" ", text)
