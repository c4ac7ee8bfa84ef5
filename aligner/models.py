"""Dataclasses shared by every stage: sentences, dropped lines, beads, alignments."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dropped:
    """A line removed as boilerplate, kept so that nothing is silently lost."""

    line: int  # 1-based line number in the original file (0: not known, e.g. inside a PDF)
    text: str
    reason: str  # why it was removed, e.g. "share/comment line", "outside the main text (<nav>)"
    kept_before: int = 0  # how many kept lines come before it (its place in the kept text)
    before: int = -1  # index of the first sentence after it on its side (-1: not known yet)


@dataclass(frozen=True)
class Document:
    """An article as read: its extracted text (verbatim) and what was dropped."""

    path: str
    text: str
    dropped: tuple[Dropped, ...] = ()
    headings: frozenset[int] = frozenset()  # 0-based lines of *text* known as headings (<h1>…, Heading styles)
    encoding: str = ""  # how the bytes were decoded, e.g. "utf-8", "cp1256 (declared)"
    extractor: str = ""  # what found the text, e.g. "trafilatura 2.3.1", "python-docx"


@dataclass(frozen=True)
class Sentence:
    """One segment of a document, in reading order."""

    index: int  # 0-based position among the document's sentences
    text: str
    kind: str = "sentence"  # "sentence", "heading" or "item"
    line: int = 0  # 0-based line of the segmented text it comes from


@dataclass(frozen=True)
class Bead:
    """One alignment unit: source and target sentence indexes (possibly empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float
    cost: float = 0.0

    @property
    def is_null(self) -> bool:
        """True for 0-1 and 1-0 beads (a sentence with no counterpart)."""
        return not self.src or not self.tgt


@dataclass
class Alignment:
    """The result of aligning two documents."""

    src: list[Sentence]
    tgt: list[Sentence]
    beads: list[Bead]
    src_lang: str
    tgt_lang: str
    signature: str = ""
    src_dropped: tuple[Dropped, ...] = ()
    tgt_dropped: tuple[Dropped, ...] = field(default_factory=tuple)
    src_path: str = ""
    tgt_path: str = ""
    #: The document read as translated in full (the faithful pass ran; its units' confidence
    #: counts it: aligner.align.confidence)
    translated_in_full: bool = False

    def src_text(self, bead: Bead) -> str:
        """The source side of a bead, its sentences joined by a space."""
        return " ".join(self.src[i].text for i in bead.src)

    def tgt_text(self, bead: Bead) -> str:
        """The target side of a bead, its sentences joined by a space."""
        return " ".join(self.tgt[j].text for j in bead.tgt)

    @property
    def units(self) -> list[Bead]:
        """The beads that have both a source and a target side."""
        return [b for b in self.beads if not b.is_null]
