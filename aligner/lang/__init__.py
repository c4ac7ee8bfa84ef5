"""Language rules, one module per language (French, Arabic) plus script helpers."""

from __future__ import annotations

import unicodedata
from collections import Counter


def script_of(ch: str) -> str:
    """"arabic", "latin", or "other" for one character."""
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF \
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "arabic" if unicodedata.category(ch).startswith("L") else "other"
    if ch.isalpha() and "LATIN" in unicodedata.name(ch, ""):
        return "latin"
    return "other"


def script_shares(text: str) -> dict[str, float]:
    """Share of Arabic and Latin letters among the letters of *text*."""
    counts = {"arabic": 0, "latin": 0, "other": 0}
    letters = 0
    for ch, n in Counter(text).items():  # each distinct character classified once
        if ch.isalpha():
            letters += n
            counts[script_of(ch)] += n
    if not letters:
        return {"arabic": 0.0, "latin": 0.0, "other": 0.0}
    return {k: v / letters for k, v in counts.items()}


def parse_forms(table: str) -> dict[str, tuple[str, ...]]:
    """A language-data table ``key: form، form | key: form`` (entries split by ``|`` or lines,
    forms by the Arabic comma) as key → forms."""
    out: dict[str, tuple[str, ...]] = {}
    for entry in table.replace("\n", "|").split("|"):
        if ":" in entry:
            key, forms = entry.split(":", 1)
            out[key.strip()] = tuple(f.strip() for f in forms.split("،") if f.strip())
    return out
