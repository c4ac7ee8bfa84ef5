"""A sacrebleu-style signature: the settings that produced a figure, formatted once.

Every printed score (align, eval, QA, pairing) carries one, and the same fields go into
the TMX header as ``x-`` props::

    >>> Signature("align", (("langs", "fr-ar"), ("enc", "use-0.2.1"))).format()
    'fr-ar|enc:use-0.2.1|version:…'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signature:
    """Named settings in a fixed order. ``langs`` is written bare (``fr-ar``), others ``key:value``."""

    kind: str  # what it signs: "align", "eval", "qa", "pair"
    fields: tuple[tuple[str, str], ...]

    def format(self) -> str:
        """``fr-ar|enc:use-0.2.1|…|version:0.2.0``."""
        from . import __version__

        parts = [v if k == "langs" else f"{k}:{v}" for k, v in self.fields]
        return "|".join([*parts, f"version:{__version__}"])

    def __str__(self) -> str:
        return self.format()

    def as_props(self) -> dict[str, str]:
        """The fields as TMX header props (``x-`` added by the writer), plus the version."""
        from . import __version__

        return {**{k: v for k, v in self.fields}, "aligner-version": __version__}

    @classmethod
    def parse(cls, text: str, kind: str = "align") -> Signature:
        """The fields of a formatted signature (the inverse of :meth:`format`, version left out)."""
        out = []
        for part in text.split("|"):
            key, sep, value = part.partition(":")
            if not sep:
                out.append(("langs", part))
            elif key != "version":
                out.append((key, value))
        return cls(kind, tuple(out))

    def get(self, key: str) -> str | None:
        """The value of one field."""
        return dict(self.fields).get(key)


def number(value: float) -> str:
    """A threshold as the signature writes it (``0.66``, ``2``)."""
    return f"{value:g}"
