"""What every reader produces: the document's text blocks in reading order, each with its
kind and its line in the original file, and what was left out with the reason.

:func:`assemble` turns them into a :class:`~aligner.models.Document`: the line-level
boilerplate rules run on the blocks, paragraphs are separated by a blank line, lines
broken inside a paragraph (``<br>``) stay separate lines, and every removal keeps its
place in the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..models import Document, Dropped
from .boilerplate import classify_lines

KINDS = ("heading", "paragraph", "item")


@dataclass(frozen=True)
class Block:
    """One line of article text: verbatim, its kind, its 1-based line in the original
    file (0 when unknown, e.g. a PDF page's text), and its paragraph number (lines of one
    paragraph, broken by ``<br>``, share it)."""

    text: str
    line: int
    kind: str = "paragraph"
    para: int = 0


@dataclass(frozen=True)
class Removed:
    """Text left out by a reader's structure analysis (menus, banners, footers…): where
    it was in the original file, why, and *at*, the index of the first block after it."""

    line: int
    text: str
    reason: str
    at: int


@dataclass
class Extracted:
    """A reader's result, before the boilerplate rules."""

    blocks: list[Block]
    removed: list[Removed] = field(default_factory=list)
    how: str = ""  # the extractor, e.g. "trafilatura 2.3.1", "python-docx"


def assemble(extracted: Extracted, name: str, *, rules: bool = True, encoding: str = "") -> Document:
    """The document's text from the blocks kept, with structural and rule removals
    reported at their line in the original file (see :class:`~aligner.models.Dropped`)."""
    blocks = extracted.blocks
    reasons = classify_lines([b.text for b in blocks]) if rules else [None] * len(blocks)
    lines: list[str] = []
    first_line_of: list[int] = []  # text line of block i (kept) or of the next kept block
    headings: list[int] = []
    para = None
    for block, reason in zip(blocks, reasons, strict=True):
        if reason is None:
            if para is not None and block.para != para:
                lines.append("")
            para = block.para
            if block.kind == "heading":
                headings.append(len(lines))
            first_line_of.append(len(lines))
            lines.append(block.text)
        else:
            first_line_of.append(len(lines))
    first_line_of.append(len(lines))
    dropped = [Dropped(r.line, r.text, r.reason, kept_before=first_line_of[min(r.at, len(blocks))])
               for r in extracted.removed]
    dropped += [Dropped(b.line, b.text.strip(), reason, kept_before=first_line_of[i])
                for i, (b, reason) in enumerate(zip(blocks, reasons, strict=True)) if reason is not None]
    dropped.sort(key=lambda d: (d.kept_before, d.line))
    text = "\n".join(lines)
    if not text.strip():
        if dropped:
            raise InputError(
                f"{name}: no article text left ({len(dropped)} parts left out: "
                f"{', '.join(sorted({d.reason for d in dropped})[:4])}); check that it is the article"
            )
        raise InputError(f"{name}: is empty (no text to align); check that it is the right file")
    return Document(path=name, text=text, dropped=tuple(dropped), headings=frozenset(headings),
                    encoding=encoding, extractor=extracted.how)
