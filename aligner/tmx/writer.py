"""TMX 1.4 writing: the rules CAT tools (OmegaT, Trados, memoQ, Phrase) need.

* ``<tmx version="1.4">`` (the DTD fixes "1.4"; "1.4b" fails validation);
  all seven required header attributes; ``srclang`` = the source language;
  ``segtype="sentence"``, ``datatype="plaintext"``; UTF-8 without BOM.
* One source and one target ``<tuv xml:lang>`` per unit; BCP 47 codes with a
  hyphen (``fr``, ``ar-MA``): OmegaT finds no match for ``fra`` or ``fr_FR``.
* Nothing added inside ``<seg>`` (whitespace there loses OmegaT's match);
  text NFC-normalised with XML-illegal characters removed; no empty segment.
* Only ``x-`` props: ``file``/``id``/``prev``/``next`` props make OmegaT treat a
  unit as a context-bound alternative that is never applied.
"""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..errors import ConfigError, TMXError
from ..io.atomic import AtomicFile
from .xmlscan import release

# Characters XML 1.0 forbids, plus the C1 controls and noncharacters that
# break some TMX importers.
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
#: The seven attributes the TMX 1.4 DTD requires on <header>.
REQUIRED_HEADER = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


#: What :func:`clean_segment` may change besides the ends: XML-illegal characters and line breaks.
_UNCLEAN = re.compile(
    "[\x00-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def clean_segment(text: str) -> str:
    """NFC-normalise, drop XML-illegal characters, fold line breaks, trim."""
    if _UNCLEAN.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text.strip()  # the usual case, the same result as below at a fraction of the cost
    text = _ILLEGAL.sub("", text)  # first: a removed character can leave a composable pair
    text = re.sub(r"[\t\n\r]+", " ", text)
    return unicodedata.normalize("NFC", text).strip()


_ISO639_3 = {"fra": "fr", "fre": "fr", "ara": "ar", "deu": "de", "ger": "de", "eng": "en",
             "spa": "es", "ita": "it", "por": "pt"}


def check_lang_code(code: str) -> str:
    """A BCP 47 code with a hyphen; ``fr_FR`` and ``fra`` are refused with the fix."""
    if "_" in code:
        raise TMXError(
            f"language code {code!r} uses an underscore; TMX needs BCP 47 with a hyphen "
            f"({code.replace('_', '-')!r}); OmegaT finds no match with underscores"
        )
    if not _LANG.match(code):
        raise TMXError(f"language code {code!r} is not a BCP 47 tag such as 'fr', 'ar' or 'ar-MA'")
    two_letter = _ISO639_3.get(code.split("-")[0].lower())
    if two_letter:
        raise TMXError(
            f"language code {code!r} is ISO 639-3; use the two-letter code ({two_letter!r}): "
            "CAT tools give zero matches otherwise"
        )
    return code


def parse_tmx_langs(value: str) -> tuple[str, str]:
    """``fr-FR,ar-MA`` → the two codes, each checked (before any work is done)."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(f"--tmx-langs {value!r}: give two codes separated by a comma, e.g. fr-FR,ar-MA")
    try:
        return check_lang_code(parts[0]), check_lang_code(parts[1])
    except TMXError as exc:
        raise ConfigError(f"--tmx-langs: {exc}") from None


def parse_size(text: str) -> int:
    """``500MB``, ``1GB``, ``20k`` or a number of bytes."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"{text!r} is not a size such as 500MB or 20kB")
    return int(float(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2)])


@dataclass(frozen=True)
class TranslationUnit:
    """One source/target pair as written to (or read from) a TMX."""

    src: str
    tgt: str
    props: Mapping[str, str] = field(default_factory=dict)
    tuid: str = ""  # where the unit comes from, unique in a merged memory (see tmx.format)
    note: str = ""  # a <note> for the translator (e.g. the two documents and sentences)


def tmx_date(moment: datetime | None = None) -> str:
    """``YYYYMMDDThhmmssZ`` in UTC, as TMX wants."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@functools.lru_cache(maxsize=4096)  # most units repeat their props' values (bead shape, file names)
def _prop(name: str, value: str) -> str:
    if not name.startswith("x-"):
        name = "x-" + name
    return f"<prop type={quoteattr(name)}>{escape(clean_segment(value))}</prop>"


@dataclass
class WriteReport:
    """What a TMX write did: files, units written, and units left out and why."""

    files: list[str] = field(default_factory=list)
    written: int = 0
    empty: list[int] = field(default_factory=list)  # input positions of units with an empty side
    too_long: list[int] = field(default_factory=list)  # over the CAT tool's segment limit
    sizes: list[int] = field(default_factory=list)  # bytes of each file (known before an output set renames it)


@dataclass(frozen=True)
class Duplicate:
    """A unit dropped because another unit with the same source scored higher."""

    position: int  # position of the dropped unit in the input
    kept: int  # position of the unit kept instead
    source: str


def parse_score(value: object) -> float | None:
    """A score property as a finite number in [0, 1]; None when absent, unreadable, NaN or infinite."""
    if value is None or isinstance(value, bool):
        return None
    try:
        score = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(score):
        return None
    return min(max(score, 0.0), 1.0)


def unit_score(unit: TranslationUnit) -> float:
    """The unit's ``x-align-score`` (0 when absent or unreadable: ``abc``, ``nan``, ``inf``)."""
    return parse_score(unit.props.get("x-align-score")) or 0.0


def resolve_duplicates(units: Iterable[TranslationUnit]) -> tuple[list[TranslationUnit], list[Duplicate]]:
    """Keep one unit per source segment: the highest-scoring (first on ties).

    CAT tools resolve duplicate sources arbitrarily (OmegaT: the last unit
    wins), so the choice is made here, deliberately, and the rest reported.
    Identical source *and* target pairs are simply merged.
    """
    items = list(units)
    keys = [clean_segment(u.src) for u in items]
    best: dict[str, int] = {}
    for pos, (unit, key) in enumerate(zip(items, keys, strict=True)):
        if key not in best or unit_score(unit) > unit_score(items[best[key]]):
            best[key] = pos
    kept_positions = set(best.values())
    dropped = [
        Duplicate(pos, best[key], key)
        for pos, (unit, key) in enumerate(zip(items, keys, strict=True))
        if pos not in kept_positions and clean_segment(unit.tgt) != clean_segment(items[best[key]].tgt)
    ]
    return [items[p] for p in sorted(kept_positions)], dropped


class _TmxFile:
    """One TMX file being written: header on open, footer on close; renamed into place by the caller."""

    def __init__(self, path: Path, header: str, counted: bool) -> None:
        self.file = AtomicFile(path)
        self.file.write(header)
        self.counted = counted  # whether the size in bytes is kept (only a split needs it)
        self.size = len(header.encode("utf-8")) if counted else 0

    def write(self, text: str) -> None:
        self.file.write(text)
        if self.counted:
            self.size += len(text.encode("utf-8"))

    def close(self) -> None:
        self.file.write("</body>\n</tmx>\n")
        self.file.close_file()


def _split_name(path: Path, number: int) -> Path:
    return path.with_name(f"{path.stem}_{number:03d}{path.suffix}")


def header_xml(src_lang: str, header_props: Mapping[str, str] | None, date: str) -> str:
    """The XML declaration, ``<tmx>`` and the ``<header>`` with its props."""
    from .. import __version__

    props = "".join(_prop(k, v) for k, v in sorted((header_props or {}).items()))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'<header creationtool="aligner" creationtoolversion="{escape(__version__)}" '
        f'segtype="sentence" o-tmf="aligner" adminlang="en" srclang={quoteattr(src_lang)} '
        f'datatype="plaintext" o-encoding="UTF-8" creationdate="{date}">{props}</header>\n<body>\n'
    )


def write_tmx(
    path: str | os.PathLike[str],
    units: Iterable[TranslationUnit],
    src_lang: str,
    tgt_lang: str,
    header_props: Mapping[str, str] | None = None,
    creationdate: str | None = None,
    max_segment_chars: int | None = None,
    split_bytes: int | None = None,
) -> WriteReport:
    """Stream *units* into a TMX 1.4 file (or several), each written atomically.

    Units with an empty side are left out (OmegaT inserts an empty ``<seg/>``
    as an empty translation), and so are units over *max_segment_chars*; both
    are listed in the report, never silently cut. With *split_bytes*, output
    goes to ``NAME_001.tmx``, ``NAME_002.tmx``… each under that size.
    """
    src_lang = check_lang_code(src_lang)
    tgt_lang = check_lang_code(tgt_lang)
    date = creationdate or tmx_date()
    header = header_xml(src_lang, header_props, date)
    out = Path(path)
    report = WriteReport()
    src_tuv, tgt_tuv = f"<tuv xml:lang={quoteattr(src_lang)}><seg>", f"<tuv xml:lang={quoteattr(tgt_lang)}><seg>"
    current: _TmxFile | None = None
    finished: list[_TmxFile] = []  # parts complete but not renamed: all appear together, or none
    try:
        for pos, unit in enumerate(units):
            src = clean_segment(unit.src)
            tgt = clean_segment(unit.tgt)
            if not src or not tgt:
                report.empty.append(pos)
                continue
            if max_segment_chars and max(len(src), len(tgt)) > max_segment_chars:
                report.too_long.append(pos)
                continue
            props = "".join(_prop(k, v) for k, v in unit.props.items())
            if unit.note:
                props = f"<note>{escape(clean_segment(unit.note))}</note>" + props
            tuid = f" tuid={quoteattr(clean_segment(unit.tuid))}" if unit.tuid else ""
            xml = (
                f'<tu{tuid} creationdate="{date}">{props}'
                f"{src_tuv}{escape(src)}</seg></tuv>{tgt_tuv}{escape(tgt)}</seg></tuv></tu>\n"
            )
            if current is not None and split_bytes and current.size + len(xml.encode()) + 20 > split_bytes:
                current.close()
                finished.append(current)
                current = None
            if current is None:
                name = _split_name(out, len(report.files) + 1) if split_bytes else out
                current = _TmxFile(name, header, bool(split_bytes))
                report.files.append(str(name))
            current.write(xml)
            report.written += 1
        if current is None:
            name = _split_name(out, 1) if split_bytes else out
            current = _TmxFile(name, header, bool(split_bytes))
            report.files.append(str(name))
        current.close()
        finished.append(current)
        current = None
        report.sizes = [part.file.size for part in finished]
        for part in finished:
            part.file.commit()
    except BaseException:
        for part in [*finished, *([current] if current is not None else [])]:
            part.file.discard()
        raise
    return report


def dtd_text() -> str:
    """The official TMX 1.4 DTD shipped with the package."""
    return resources.files("aligner").joinpath("data/tmx14.dtd").read_text(encoding="utf-8")


def validate_dtd(path: str | os.PathLike[str], max_problems: int = 50) -> list[str]:
    """Problems found by validating *path* against the TMX 1.4 DTD (empty: valid).

    Streamed: the root (with its header and an empty body) and then each
    ``<tu>`` are validated one at a time and freed, so memory stays bounded
    whatever the file's size.
    """
    import copy
    import io

    from lxml import etree

    from ..io.guarded import MAX_STREAM_BYTES, open_input

    dtd = etree.DTD(io.StringIO(dtd_text()))
    problems: list[str] = []

    def check(el: etree._Element, line: int | None) -> None:
        if dtd.validate(el):
            return
        for e in dtd.error_log.filter_from_errors():
            if "xmlns:xml" in e.message:  # lxml's view of the xml: prefix on a detached element
                continue
            problems.append(f"line {line or e.line}: {e.message}")

    root: etree._Element | None = None
    header: etree._Element | None = None
    try:
        with open_input(path, "a .tmx file", MAX_STREAM_BYTES) as fh:
            for event, el in etree.iterparse(fh, events=("start", "end"), resolve_entities=False,
                                             no_network=True, load_dtd=False, remove_comments=True):
                if len(problems) >= max_problems:
                    break
                if event == "start":
                    if root is None:
                        root = el
                        continue
                    parent = el.getparent()
                    if parent is root and el.tag not in ("header", "body"):
                        problems.append(f"line {el.sourceline}: <{el.tag}> is not allowed in <tmx>")
                    elif parent is not None and parent.tag == "body" and parent.getparent() is root \
                            and el.tag != "tu":
                        problems.append(f"line {el.sourceline}: <{el.tag}> is not allowed in <body>")
                    continue
                if el.tag == "header" and el.getparent() is root:
                    header = copy.deepcopy(el)
                elif el.tag == "tu":
                    check(el, el.sourceline)
                    release(el)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root is not None and len(problems) < max_problems:
        skeleton = etree.Element(root.tag, dict(root.attrib))
        if header is not None:
            skeleton.append(header)
        etree.SubElement(skeleton, "body")
        check(skeleton, root.sourceline)
    return problems[:max_problems]
