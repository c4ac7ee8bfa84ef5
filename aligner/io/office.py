"""Office files: .docx (python-docx), .odt (odfpy) and .pdf with a text layer (pypdf).

Paragraphs come in reading order with their kind (heading from ``Heading``/``Title``
styles or ``text:h``; item for list paragraphs); a line break inside a paragraph
stays a line. A block's *line* is its paragraph's number in the document (1-based),
or, for a PDF, its page number. Page headers and footers of a .docx are left out and
reported.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from typing import Any

from ..errors import InputError
from .blocks import Block, Extracted, Removed


def extract_office(data: bytes, suffix: str, name: str) -> Extracted:
    """The blocks of a .docx, .odt or .pdf file's bytes."""
    if suffix == ".pdf":
        return extract_pdf(data, name)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: is not a {suffix} document (not a zip package); check the file, or save it "
                         f"again as {suffix} from the word processor")
    check_package(data, suffix, name)
    return extract_docx(data, name) if suffix == ".docx" else extract_odt(data, name)


#: Most bytes of XML a .docx/.odt may unpack to (its text is bounded like a text file's), and
#: most members: a zip bomb (300 MB of XML in 1 MB) is refused before it is parsed.
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_package(data: bytes, suffix: str, name: str) -> None:
    """Refuse a package whose XML parts unpack to more than :data:`MAX_XML_BYTES` (sizes as
    recorded in the zip, which reading never exceeds) or with more than :data:`MAX_MEMBERS` parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"{name}: cannot be read as a {suffix} document ({exc}); open it in a word "
                         "processor and save it again") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name}: holds {len(members):,} parts (limit {MAX_MEMBERS:,}); is it a {suffix} "
                         "document? Save it again from the word processor")
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise InputError(f"{name}: its text parts unpack to {xml / 1024**2:,.0f} MB (limit "
                         f"{MAX_XML_BYTES // 1024**2} MB); split the document, or save it as .txt")


def extract_docx(data: bytes, name: str) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise InputError(f"{name}: cannot be read as a .docx document ({exc}); open it in a word "
                         "processor and save it again") from None
    blocks: list[Block] = []
    number = 0

    def add_paragraph(par: Any, kind: str | None = None) -> None:
        nonlocal number
        number += 1
        style = (par.style.name if par.style is not None else "") or ""
        if kind is None:
            if style.lower().startswith(("heading", "title", "titre", "subtitle")):
                kind = "heading"
            elif "list" in style.lower() or par._p.pPr is not None and par._p.pPr.numPr is not None:
                kind = "item"
            else:
                kind = "paragraph"
        for piece in par.text.split("\n"):
            if piece.strip():
                blocks.append(Block(piece.strip(), number, kind, number))

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            add_paragraph(Paragraph(child, document))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    for par in cell.paragraphs:
                        add_paragraph(par, "paragraph")
    removed: list[Removed] = []
    seen: set[str] = set()
    for section in document.sections:
        for part, label in ((section.header, "page header"), (section.footer, "page footer")):
            if part is None or part.is_linked_to_previous and seen:
                continue
            for par in part.paragraphs:
                text = par.text.strip()
                if text and text not in seen:
                    seen.add(text)
                    removed.append(Removed(0, text, f"{label} of the document", 0))
    return Extracted(blocks, removed, f"python-docx {_version('python-docx')}")


def extract_odt(data: bytes, name: str) -> Extracted:
    from odf import teletype
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises several kinds on a damaged package
        raise InputError(f"{name}: cannot be read as an .odt document ({exc}); open it in a word "
                         "processor and save it again") from None
    blocks: list[Block] = []
    number = 0

    def walk(node: Any, in_list: bool) -> None:
        nonlocal number
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if not qname:
                continue
            local = qname[1]
            if local in ("h", "p"):
                number += 1
                kind = "heading" if local == "h" else ("item" if in_list else "paragraph")
                for piece in teletype.extractText(child).split("\n"):
                    if piece.strip():
                        blocks.append(Block(" ".join(piece.split()), number, kind, number))
            elif local in ("list", "list-item"):
                walk(child, True)
            elif local in ("section", "table", "table-row", "table-cell", "table-header-rows", "list-header",
                           "text", "body", "table-rows"):
                walk(child, in_list)

    walk(document.text, False)
    return Extracted(blocks, [], f"odfpy {_version('odfpy')}")


#: A PDF line shorter than this share of the page's longest line that ends a sentence
#: ends its paragraph.
SHORT_LINE = 0.8
_SENTENCE_END = re.compile(r"[.!?:؟…»\"”)]$")


def extract_pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its repairs as warnings ("EOF marker not found"), which would reach the
    # terminal beside our own error; what matters of them comes back as an exception.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is password-protected; save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name}: cannot be read as a PDF ({exc}); check the file") from None
    finally:
        pypdf_log.setLevel(level)
    if not any(p.strip() for p in pages):
        raise InputError(
            f"{name}: the PDF has no text layer ({len(pages)} page(s) of images: a scan?); run OCR "
            "first (e.g. `ocrmypdf --language fra+ara in.pdf out.pdf`) or give the original .docx/.odt"
        )
    blocks: list[Block] = []
    para = 0
    for number, page in enumerate(pages, start=1):
        # NFKC turns Arabic presentation forms and ligatures (ﻻ, ﬁ) back into letters.
        lines = [_logical(unicodedata.normalize("NFKC", line).strip()) for line in page.split("\n")]
        longest = max((len(line) for line in lines), default=0)
        current: list[str] = []
        for line in lines + [""]:
            if not line:
                if current:
                    blocks.append(Block(_join(current), number, "paragraph", para))
                    para += 1
                    current = []
                continue
            current.append(line)
            if _SENTENCE_END.search(line) and len(line) < SHORT_LINE * longest or not _SENTENCE_END.search(
                    line) and len(line) < 0.5 * longest and len(current) == 1:
                heading = len(current) == 1 and not _SENTENCE_END.search(line)
                blocks.append(Block(_join(current), number, "heading" if heading else "paragraph", para))
                para += 1
                current = []
    return Extracted(blocks, [], f"pypdf {_version('pypdf')}")


_RTL_LEAD = re.compile(r"^([.!؟?،؛:…]+)\s*(.*?)$")


def _logical(line: str) -> str:
    """An Arabic line whose final stop came out first (the text layer's visual order puts
    the neutral mark of a right-to-left line at its left end): the mark back at the end."""
    m = _RTL_LEAD.match(line)
    if not m or not m.group(2):
        return line
    letters = [ch for ch in m.group(2) if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    if letters and arabic > 0.5 * len(letters) and not _SENTENCE_END.search(m.group(2)):
        return f"{m.group(2)}{m.group(1)}"
    return line


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined; a word hyphenated at a line end is joined back."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"\w-$", out) and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
