"""Which encoding a text or HTML file is in: BOM, then valid UTF-8, then the page's
declared charset, then charset-normalizer with a confidence.

A guess that could corrupt the text is never made silently: when the detector
is unsure, the error names the candidate encodings and how to check them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError

#: Encodings translators' files are usually in, most likely first; a detector's
#: candidate from this list wins over an exotic one that decodes the same bytes.
COMMON = ("cp1252", "cp1256", "iso8859_6", "iso8859_15", "latin_1", "mac_roman", "cp1250")
#: What each language's legacy files are usually in, most likely first.
BY_LANGUAGE = {
    "fr": ("cp1252", "iso8859_15", "latin_1", "mac_roman"),
    "ar": ("cp1256", "iso8859_6", "mac_arabic"),
}
#: Labels that browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "iso-ir-100"}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.\-]{2,40})""",
    re.IGNORECASE,
)
#: Detector results within this much "chaos" of the best one count as ties.
CHAOS_TIE = 0.05
#: Above this chaos (share of odd characters) no detector result is trusted.
CHAOS_MAX = 0.2


@dataclass(frozen=True)
class Decoded:
    """A file's text and how its encoding was found."""

    text: str
    encoding: str  # Python codec name
    how: str  # "BOM", "UTF-8", "declared", "detected"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first 4 kB, as a Python codec name."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, name: str, *, html: bool = False, lang: str | None = None) -> Decoded:
    """Decode a file's bytes; *lang* (``fr``/``ar``) breaks ties between legacy code pages.

    Order: BOM; UTF-16 without BOM (NUL bytes in a regular pattern); UTF-8 when the bytes
    are valid UTF-8; the page's declared charset (*html*); charset-normalizer, accepted
    only when sure. Raises :class:`InputError` for binary data or an unsure guess.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _finish(_strict(data, codec, name), codec, "BOM", name)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not a text, "
                             "HTML or office document; give a .txt, .html, .docx, .odt or .pdf file")
        return _finish(_strict(data, utf16, name), utf16, "UTF-16 pattern", name)
    try:
        return _finish(data.decode("utf-8"), "utf-8", "UTF-8", name)
    except UnicodeDecodeError:
        pass
    if html:
        declared = declared_charset(data)
        if declared is not None and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
            text = _try(data, declared) or (_try(data, "latin_1") if declared == "cp1252" else None)
            if text is not None:
                return _finish(text, declared, "declared", name)
    return _detect(data, name, lang)


def _detect(data: bytes, name: str, lang: str | None) -> Decoded:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.chaos <= CHAOS_MAX]
    if matches:
        best = min(m.chaos for m in matches)
        tied = [m.encoding for m in matches if m.chaos <= best + CHAOS_TIE]
        prefer = BY_LANGUAGE.get(lang or "", ()) + COMMON
        for codec in prefer:
            if codec in tied:
                text = _try(data, codec)
                if text is not None and _plausible(text, lang):
                    return _finish(text, codec, "detected", name)
    # The detector may miss the usual code page of the language (short files): try it.
    for codec in BY_LANGUAGE.get(lang or "", ())[:1]:
        text = _try(data, codec)
        if text is not None and _plausible(text, lang) and _odd_share(text) < 0.01:
            return _finish(text, codec, "language's code page", name)
    candidates = [m.encoding for m in matches][:4] or list(BY_LANGUAGE.get(lang or "", COMMON[:2]))
    raise InputError(
        f"{name}: is not UTF-8 and its encoding cannot be told for sure (candidates: "
        f"{', '.join(candidates)}); convert it to UTF-8 with the one that reads correctly, e.g. "
        f"`iconv -f {candidates[0]} -t UTF-8 {name} | head` to check, or save it as UTF-8 from "
        "the editor that made it"
    )


def _plausible(text: str, lang: str | None) -> bool:
    """Letters of the expected script dominate (a wrong code page gives the wrong script)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return True
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff")
    latin = sum(1 for ch in letters if ch < "\u0250")
    if lang == "ar":
        return arabic >= 0.5 * len(letters)
    if lang == "fr":
        return latin >= 0.97 * len(letters)
    return max(arabic, latin) >= 0.9 * len(letters)


def _odd_share(text: str) -> float:
    sample = text[:20000]
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t\f")
    return odd / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when one byte of each pair varies little (the script's block,
    e.g. 0x00 for Latin and 0x06 for Arabic) and the decoded text reads as text."""
    sample = data[: 40000 - 40000 % 2] if len(data) > 40000 else data[: len(data) - len(data) % 2]
    if len(sample) < 4:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if sum(counts[:3]) < 0.9 * len(high):
            continue
        text = _try(sample, codec)
        if text is not None and _odd_share(text) < 0.02 and _plausible(text, None):
            return codec
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is marked as {codec.upper()} but byte {exc.start} is not valid "
                         f"{codec.upper()}; the file is damaged or not text") from None


def _finish(text: str, codec: str, how: str, name: str) -> Decoded:
    if _odd_share(text) > 0.05:
        raise InputError(f"{name}: looks like a binary file (many control characters), not a text, "
                         "HTML or office document; give a .txt, .html, .docx, .odt or .pdf file")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), codec, how)
