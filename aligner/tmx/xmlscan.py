"""Two helpers every streaming pass over a TMX shares: its encoding from its first bytes, and
the release of a parsed unit (so that a file of any size is read in bounded memory)."""

from __future__ import annotations

from typing import Any


def encoding_of(head: bytes) -> str:
    """The encoding of an XML file from its first bytes: a UTF-16 byte-order mark, UTF-16
    without one (a zero byte in the first two), or UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) > 1 and head[0] == 0:
        return "utf-16-be"
    if len(head) > 1 and head[1] == 0:
        return "utf-16-le"
    return "utf-8"


def release(el: Any) -> None:
    """Free an lxml element parsed by ``iterparse`` and the siblings before it."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]
