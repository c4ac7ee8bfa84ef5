"""Reading articles: plain text and HTML, in UTF-8 (with or without BOM) or UTF-16.

The text of a document is kept exactly as written; only whole boilerplate
lines are removed, and each removal is reported (see :mod:`aligner.io.boilerplate`).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..errors import InputError
from ..models import Document
from .boilerplate import strip_boilerplate
from .guarded import decode_error, read_bytes

#: Files above this size are refused (a communiqué is a few kB; a book a few MB).
MAX_BYTES = 64 * 1024 * 1024

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Elements whose content is never article text.
_SKIP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td",
               "th", "dt", "dd", "figcaption", "caption")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 (with BOM, or plainly UTF-16 text)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1:40:2].count(0) >= len(data[1:40:2]) * 0.8:
        encoding = "utf-16-le"
    elif len(data) >= 4 and data[0:40:2].count(0) >= len(data[0:40:2]) * 0.8:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    if encoding == "utf-8" and b"\x00" in data:
        raise InputError(
            f"{name}: looks like a binary file (it contains NUL bytes), not a text or HTML "
            "article; give a .txt or .html file"
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise decode_error(name, data, exc, encoding) from None
    if _control_share(text) > 0.05:
        raise InputError(
            f"{name}: looks like a binary file (many control characters), not a text or "
            "HTML article; give a .txt or .html file"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / len(sample)


def html_to_text(markup: str) -> str:
    """The visible article text of an HTML page, one block element per line.

    Uses ``<article>`` or ``<main>`` when the page has one; drops scripts,
    navigation, headers, footers, forms and asides.
    """
    import lxml.html

    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception:  # lxml raises ParserError or ValueError on junk
        return ""
    for bad in list(root.iter(*_SKIP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    candidates = (next(iter(root.iter("article")), None), next(iter(root.iter("main")), None),
                  root.find("body"))
    scope = next((c for c in candidates if c is not None), root)
    lines: list[str] = []
    title = root.find(".//title")
    has_h1 = next(iter(scope.iter("h1")), None) is not None
    if title is not None and not has_h1 and (title.text or "").strip():
        lines.append(" ".join((title.text or "").split()))
    for el in scope.iter(*_BLOCK_TAGS):
        # Skip containers whose block children are emitted on their own.
        if any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
            own = (el.text or "").strip()
            if own:
                lines.append(" ".join(own.split()))
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    if not lines:
        text = " ".join(scope.text_content().split())
        if text:
            lines.append(text)
    return "\n\n".join(lines)


def read_document(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Document:
    """Read a .txt or .html article, strip boilerplate, and report what was dropped.

    Raises :class:`InputError` naming the file when it is missing, a folder,
    empty, binary, too large or in an unsupported encoding.
    """
    p = Path(path)
    name = str(path)
    text = decode_bytes(_read_bytes(p, name, max_bytes, "a .txt or .html file"), name)
    if p.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    _check_not_empty(text, name)
    kept, dropped = strip_boilerplate(text)
    kept_text = "\n".join(line for _, line in kept)
    if not kept_text.strip():
        raise InputError(
            f"{name}: holds only boilerplate ({len(dropped)} lines dropped: "
            f"{', '.join(sorted({d.reason for d in dropped}))}); check that it is the article"
        )
    return Document(path=name, text=kept_text, dropped=tuple(dropped))


def read_lines(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Document:
    """Read a pre-split file (one sentence per line) without removing anything."""
    name = str(path)
    text = decode_bytes(_read_bytes(Path(path), name, max_bytes, "a text file with one sentence per line"), name)
    _check_not_empty(text, name)
    return Document(path=name, text=text)


def _read_bytes(p: Path, name: str, max_bytes: int, wanted: str) -> bytes:
    """The file's bytes, after the checks every input gets (see :mod:`aligner.io.guarded`)."""
    return read_bytes(p, wanted, max_bytes)


def _check_not_empty(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: is empty (no text to align); check that it is the right file")
