"""Reading articles: plain text, web pages, .docx, .odt and .pdf, in any common encoding.

The text of a document is kept exactly as written. A web page's article is found by
trafilatura (:mod:`aligner.io.html`), an office file's paragraphs by its own library
(:mod:`aligner.io.office`); whole boilerplate lines are then removed by rule
(:mod:`aligner.io.boilerplate`). Every removal is reported with its reason and its
line in the original file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..models import Document
from .blocks import assemble
from .boilerplate import strip_boilerplate
from .charset import decode_bytes as _decode
from .guarded import read_bytes

#: Files above this size are refused (a communiqué is a few kB; a book a few MB).
MAX_BYTES = 64 * 1024 * 1024

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
OFFICE_SUFFIXES = (".docx", ".odt", ".pdf")
#: Every suffix :func:`read_document` reads (others are read as plain text).
SUFFIXES = (".txt", *HTML_SUFFIXES, *OFFICE_SUFFIXES)


def decode_bytes(data: bytes, name: str, html: bool = False, lang: str | None = None) -> str:
    """The text of *data* (see :func:`aligner.io.charset.decode_bytes`), newlines as ``\n``."""
    return _decode(data, name, html=html, lang=lang).text


def read_document(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, lang: str | None = None) -> Document:
    """Read an article (.txt, .html, .docx, .odt, .pdf), strip boilerplate, report what was dropped.

    *lang* (``fr``, ``ar``) helps tell legacy code pages apart. Raises
    :class:`InputError` naming the file when it is missing, a folder, empty, binary,
    too large, in an encoding that cannot be told, or an office file without text.
    """
    p = Path(path)
    name = str(path)
    suffix = p.suffix.lower()
    data = read_input_bytes(p, name, max_bytes, "a .txt, .html, .docx, .odt or .pdf file")
    if suffix in OFFICE_SUFFIXES:
        from .office import extract_office

        return assemble(extract_office(data, suffix, name), name, encoding="")
    decoded = _decode(data, name, html=suffix in HTML_SUFFIXES, lang=lang)
    encoding = decoded.encoding if decoded.how in ("UTF-8", "BOM") else f"{decoded.encoding} ({decoded.how})"
    if suffix in HTML_SUFFIXES:
        from .html import extract_html

        return assemble(extract_html(decoded.text), name, encoding=encoding)
    text = decoded.text
    _check_not_empty(text, name)
    kept, dropped = strip_boilerplate(text)
    kept_text = "\n".join(line for _, line in kept)
    if not kept_text.strip():
        raise InputError(
            f"{name}: holds only boilerplate ({len(dropped)} lines dropped: "
            f"{', '.join(sorted({d.reason for d in dropped}))}); check that it is the article"
        )
    return Document(path=name, text=kept_text, dropped=tuple(dropped), encoding=encoding, extractor="lines")


def read_lines(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, lang: str | None = None) -> Document:
    """Read a pre-split file (one sentence per line) without removing anything."""
    name = str(path)
    text = decode_bytes(read_input_bytes(Path(path), name, max_bytes, "a text file with one sentence per line"), name, lang=lang)
    _check_not_empty(text, name)
    return Document(path=name, text=text)


def read_input_bytes(p: Path, name: str, max_bytes: int, wanted: str) -> bytes:
    """The file's bytes, after the checks every input gets (see :mod:`aligner.io.guarded`:
    a regular file, never blocking on a FIFO, within the size limit)."""
    return read_bytes(p, wanted, max_bytes)


def _check_not_empty(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: is empty (no text to align); check that it is the right file")
