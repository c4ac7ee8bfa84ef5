"""Reading TMX as CAT tools export it, streaming and safely.

Accepts UTF-8 (with or without BOM) and UTF-16, ``xml:lang`` or the TMX 1.1
``lang`` attribute, region codes, TMX 1.1–1.4, and inline codes
(``<bpt> <ept> <ph> <it> <hi> <ut> <sub>``) kept as markup or flattened.
Units are parsed one at a time and freed, so a 1 GB file is read in bounded
memory. Hostile input is refused before parsing: no external entity is ever
resolved and no network touched (XXE), and entity declarations, the means of
an expansion bomb ("billion laughs"), are refused with a clear error.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import TMXError
from ..io.guarded import MAX_STREAM_BYTES, open_input
from .writer import TranslationUnit
from .xmlscan import encoding_of, release

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}
_PROLOGUE_BYTES = 64 * 1024
#: Longest prologue (before ``<tmx>``) accepted, in characters.
MAX_PROLOGUE_CHARS = 16 * 1024 * 1024


@dataclass(frozen=True)
class TmxHeader:
    """The attributes and props of a TMX header."""

    version: str
    attributes: dict[str, str]
    props: dict[str, str]

    @property
    def srclang(self) -> str:
        return self.attributes.get("srclang", "")


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>``: its position, line, variants (language → text) and props."""

    index: int
    line: int
    variants: tuple[tuple[str, str], ...]
    props: dict[str, str] = field(default_factory=dict)
    tuid: str = ""
    note: str = ""

    def text(self, lang: str) -> str | None:
        """The variant for *lang*: exact code first, then same primary subtag."""
        for code, text in self.variants:
            if code.lower() == lang.lower():
                return text
        primary = lang.split("-")[0].lower()
        for code, text in self.variants:
            if code.split("-")[0].lower() == primary:
                return text
        return None

    def to_unit(self, src_lang: str, tgt_lang: str) -> TranslationUnit | None:
        """As a source/target pair, or None when a language is missing."""
        src, tgt = self.text(src_lang), self.text(tgt_lang)
        if src is None or tgt is None:
            return None
        return TranslationUnit(src, tgt, self.props, self.tuid, self.note)


def _decode_prologue(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    if len(raw) > 1 and raw[0] == 0:
        return raw.decode("utf-16-be", errors="replace")
    if len(raw) > 1 and raw[1] == 0:
        return raw.decode("utf-16-le", errors="replace")
    return raw.decode("utf-8", errors="replace")


def _prologue_decoder(head: bytes) -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder(encoding_of(head))(errors="replace")


def open_tmx(path: str | os.PathLike[str]) -> BinaryIO:
    """The TMX opened through the guarded opener (regular file, no FIFO, size bound)."""
    return open_input(path, "a .tmx file", MAX_STREAM_BYTES)


def prologue(path: str | os.PathLike[str]) -> str:
    """Everything before the root element, however long (comments and padding included).

    Read in chunks, so a DOCTYPE hidden behind megabytes of comments is still
    seen; refused beyond :data:`MAX_PROLOGUE_CHARS` characters.
    """
    out: list[str] = []
    kept = 0
    with open_tmx(path) as fh:
        first = fh.read(_PROLOGUE_BYTES)
        decoder = _prologue_decoder(first)
        pending = decoder.decode(first)
        state = ""  # "", "comment", "pi"
        while True:
            i = 0
            while i < len(pending):
                if state == "comment":
                    j = pending.find("-->", i)
                    if j < 0:
                        i = max(i, len(pending) - 2)
                        break
                    i, state = j + 3, ""
                elif state == "pi":
                    j = pending.find("?>", i)
                    if j < 0:
                        i = max(i, len(pending) - 1)
                        break
                    i, state = j + 2, ""
                else:
                    j = pending.find("<", i)
                    if j < 0:
                        out.append(pending[i:])
                        i = len(pending)
                        break
                    out.append(pending[i:j])
                    if len(pending) - j < 9:  # too short to tell what starts here
                        i = j
                        break
                    if pending.startswith("<!--", j):
                        i, state = j + 4, "comment"
                    elif pending.startswith("<?", j):
                        i, state = j + 2, "pi"
                    elif pending[j + 1].isalpha() or pending[j + 1] in "_:":
                        return "".join(out)
                    else:
                        out.append("<")
                        i = j + 1
            pending = pending[i:]
            kept += i
            if kept > MAX_PROLOGUE_CHARS:
                raise TMXError(f"{path}: more than {MAX_PROLOGUE_CHARS // 1024**2} MB before the <tmx> element; "
                               "a TMX has a short prologue, so this file is refused")
            chunk = fh.read(_PROLOGUE_BYTES)
            if not chunk:
                pending += decoder.decode(b"", final=True)
                out.append(pending if not state else "")
                return "".join(out)
            pending += decoder.decode(chunk)


def check_hostile(path: str | os.PathLike[str]) -> None:
    """Refuse entity declarations (XXE, expansion bombs) before any parsing.

    The whole prologue (everything before the root element, comments skipped)
    is searched, not only its first kilobytes.
    """
    body = prologue(path)
    if re.search(r"<!ENTITY[^>]*\b(SYSTEM|PUBLIC)\b", body):
        raise TMXError(
            f"{path}: declares an external entity (<!ENTITY … SYSTEM>); it could read local "
            "files or the network (XXE), so it is refused. Remove the DOCTYPE's entity declarations"
        )
    if "<!ENTITY" in body:
        raise TMXError(
            f"{path}: declares entities in its DOCTYPE; entity expansion can blow up memory "
            "(\"billion laughs\"), so it is refused. Remove the DOCTYPE's entity declarations"
        )


def _parser_args() -> dict[str, object]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
            "remove_comments": True}


def seg_text(seg: etree._Element, keep_codes: bool = False) -> str:
    """The text of a ``<seg>``; inline codes dropped (flattened) or kept as markup."""
    if keep_codes:
        inner = (seg.text or "") + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in seg
        )
        return inner
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in _CODE_TAGS:
            pass  # native code (e.g. "<b>"): not text
        else:  # <hi>, <sub>: their text is text
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang_of(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _error(path: str | os.PathLike[str], exc: etree.XMLSyntaxError) -> TMXError:
    line = exc.lineno if exc.lineno else "?"
    return TMXError(f"{path}, line {line}: malformed TMX: {exc.msg}; fix the XML (is the file complete?)")


def read_header(path: str | os.PathLike[str]) -> TmxHeader:
    """The ``<tmx>`` version and ``<header>`` of a TMX file (reads only the start)."""
    check_hostile(path)
    try:
        with open_tmx(path) as fh:
            return _header_of(path, fh)
    except etree.XMLSyntaxError as exc:
        raise _error(path, exc) from None


def _header_of(path: str | os.PathLike[str], fh: BinaryIO) -> TmxHeader:
    version = ""
    for event, el in etree.iterparse(fh, events=("start", "end"), **_parser_args()):  # type: ignore[call-overload]
        if event == "start" and el.tag == "tmx":
            version = el.get("version", "")
        elif event == "end" and el.tag == "header":
            props = {p.get("type", ""): p.text or "" for p in el.iter("prop")}
            return TmxHeader(version, dict(el.attrib), props)
        elif event == "start" and el.tag == "body":
            break
    raise TMXError(f"{path}: no <header> element; is it a TMX file?")


def iter_units(path: str | os.PathLike[str], keep_codes: bool = False) -> Iterator[TmxUnit]:
    """Stream the ``<tu>`` elements of *path*, in order, in bounded memory."""
    p = Path(path)
    check_hostile(p)
    with open_tmx(p) as fh:
        yield from _units_of(path, fh, keep_codes)


def _units_of(path: str | os.PathLike[str], fh: BinaryIO, keep_codes: bool) -> Iterator[TmxUnit]:
    index = 0
    root_seen = False
    try:
        context = etree.iterparse(fh, events=("start", "end"), **_parser_args())  # type: ignore[call-overload]
        for event, el in context:
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if el.tag != "tmx":
                        raise TMXError(f"{path}: the root element is <{el.tag}>, not <tmx>; is it a TMX file?")
                continue
            if el.tag != "tu":
                continue
            variants = tuple(
                (_lang_of(tuv), seg_text(seg, keep_codes) if (seg := tuv.find("seg")) is not None else "")
                for tuv in el.iter("tuv")
            )
            props = {pr.get("type", ""): pr.text or "" for pr in el.findall("prop")}
            note = " ".join((n.text or "").strip() for n in el.findall("note")).strip()
            yield TmxUnit(index, el.sourceline or 0, variants, props, el.get("tuid", ""), note)
            index += 1
            release(el)
    except etree.XMLSyntaxError as exc:
        raise _error(path, exc) from None
