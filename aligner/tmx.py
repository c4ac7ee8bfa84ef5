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

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from .atomic import atomic_writer
from .errors import TMXError

# Characters XML 1.0 forbids, plus the C1 controls and noncharacters that
# break some TMX importers.
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def clean_segment(text: str) -> str:
    """NFC-normalise, drop XML-illegal characters, fold line breaks, trim."""
    text = unicodedata.normalize("NFC", text)
    text = _ILLEGAL.sub("", text)
    text = re.sub(r"[\t\n\r]+", " ", text)
    return text.strip()


def check_lang_code(code: str) -> str:
    """A BCP 47 code with a hyphen; ``fr_FR`` and ``fra`` are refused with the fix."""
    if "_" in code:
        raise TMXError(
            f"language code {code!r} uses an underscore; TMX needs BCP 47 with a hyphen "
            f"({code.replace('_', '-')!r}); OmegaT finds no match with underscores"
        )
    if not _LANG.match(code):
        raise TMXError(f"language code {code!r} is not a BCP 47 tag such as 'fr', 'ar' or 'ar-MA'")
    primary = code.split("-")[0]
    if len(primary) == 3 and primary.lower() in {"fra", "fre", "ara", "deu", "ger", "eng"}:
        raise TMXError(
            f"language code {code!r} is ISO 639-3; use the two-letter code "
            f"({ {'fra': 'fr', 'fre': 'fr', 'ara': 'ar', 'deu': 'de', 'ger': 'de', 'eng': 'en'}[primary.lower()]!r}): "
            "CAT tools give zero matches otherwise"
        )
    return code


@dataclass(frozen=True)
class TranslationUnit:
    """One source/target pair as written to (or read from) a TMX."""

    src: str
    tgt: str
    props: Mapping[str, str] = field(default_factory=dict)


def tmx_date(moment: datetime | None = None) -> str:
    """``YYYYMMDDThhmmssZ`` in UTC, as TMX wants."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _prop(name: str, value: str) -> str:
    if not name.startswith("x-"):
        name = "x-" + name
    return f"<prop type={quoteattr(name)}>{escape(clean_segment(value))}</prop>"


def write_tmx(
    path: str | os.PathLike[str],
    units: Iterable[TranslationUnit],
    src_lang: str,
    tgt_lang: str,
    header_props: Mapping[str, str] | None = None,
    creationdate: str | None = None,
) -> int:
    """Stream *units* into a TMX 1.4 file, atomically. Returns the units written.

    Units whose source or target is empty after cleaning are skipped (an empty
    ``<seg/>`` is inserted by OmegaT as an empty translation).
    """
    from . import __version__

    src_lang = check_lang_code(src_lang)
    tgt_lang = check_lang_code(tgt_lang)
    date = creationdate or tmx_date()
    written = 0
    with atomic_writer(path) as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        fh.write(
            f'<header creationtool="aligner" creationtoolversion="{escape(__version__)}" '
            f'segtype="sentence" o-tmf="aligner" adminlang="en" srclang={quoteattr(src_lang)} '
            f'datatype="plaintext" o-encoding="UTF-8" creationdate="{date}">'
        )
        for name, value in sorted((header_props or {}).items()):
            fh.write(_prop(name, value))
        fh.write("</header>\n<body>\n")
        for unit in units:
            src = clean_segment(unit.src)
            tgt = clean_segment(unit.tgt)
            if not src or not tgt:
                continue
            props = "".join(_prop(k, v) for k, v in unit.props.items())
            fh.write(
                f'<tu creationdate="{date}">{props}'
                f"<tuv xml:lang={quoteattr(src_lang)}><seg>{escape(src)}</seg></tuv>"
                f"<tuv xml:lang={quoteattr(tgt_lang)}><seg>{escape(tgt)}</seg></tuv></tu>\n"
            )
            written += 1
        fh.write("</body>\n</tmx>\n")
    return written


def dtd_text() -> str:
    """The official TMX 1.4 DTD shipped with the package."""
    return resources.files("aligner").joinpath("data/tmx14.dtd").read_text(encoding="utf-8")


def validate_dtd(path: str | os.PathLike[str]) -> list[str]:
    """Problems found by validating *path* against the TMX 1.4 DTD (empty: valid)."""
    import io

    from lxml import etree

    dtd = etree.DTD(io.StringIO(dtd_text()))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if dtd.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
