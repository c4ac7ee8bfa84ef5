"""What every QA check works with: units, findings, the context, and the two kinds of check.

A *unit check* looks at one unit and yields messages; a *memory check* looks at every unit
of the memory and yields findings. Both are :class:`Check` objects made by the decorators
:func:`unit_check` and :func:`memory_check` (the docstring's first line is the check's
explanation) and named once in :mod:`aligner.qa.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..align.scores import FR_AR_LENGTH_RATIO
from ..config import QA_DEFAULTS, QAConfig
from .glossary import Glossary
from .meaning import PrefixMeaning

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class QAUnit:
    """One unit to check; an empty side means an unaligned sentence."""

    index: int
    src: str
    tgt: str
    confidence: float | None = None
    src_kind: str = "sentence"
    tgt_kind: str = "sentence"


@dataclass(frozen=True)
class Finding:
    """A problem found in a unit."""

    unit: int
    check: str
    severity: str
    message: str


@dataclass
class Context:
    """What the checks may need besides the unit: thresholds, the glossary, memory-wide facts."""

    length_ratio: float = FR_AR_LENGTH_RATIO
    glossary: Glossary | None = None
    common_words: set[str] = field(default_factory=set)  # seen lower-case in the sources
    cfg: QAConfig = QA_DEFAULTS
    meaning: PrefixMeaning | None = None  # meaning evidence (an encoder, loaded on first use)
    never_rendered: dict[str, int] = field(default_factory=dict)  # names that no unit of the memory renders


@dataclass(frozen=True)
class Check:
    """A check: its name, severity, explanation, and function.

    ``scope`` is ``unit`` (``func(unit, ctx)`` yields messages) or ``memory``
    (``func(units, ctx)`` yields :class:`Finding` objects).
    """

    name: str
    severity: str
    explanation: str
    func: Callable[..., Iterable[Any]]
    scope: str = "unit"

    def run(self, units: Sequence[QAUnit], ctx: Context) -> Iterator[Finding]:
        """The findings of this check over *units*."""
        if self.scope == "memory":
            yield from self.func(units, ctx)
            return
        for u in units:
            for msg in self.func(u, ctx):  # a message at the check's severity, or (severity, message)
                severity, text = msg if isinstance(msg, tuple) else (self.severity, msg)
                yield Finding(u.index, self.name, severity, text)


def _make(name: str, severity: str, scope: str) -> Callable[[Callable[..., Iterable[Any]]], Check]:
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")

    def deco(func: Callable[..., Iterable[Any]]) -> Check:
        doc = (func.__doc__ or name).strip().splitlines()[0]
        return Check(name, severity, doc, func, scope)

    return deco


def unit_check(name: str, severity: str) -> Callable[[Callable[[QAUnit, Context], Iterable[Any]]], Check]:
    """Make a unit check of *func(unit, ctx)*, which yields messages at *severity* or
    ``(severity, message)`` pairs; register it in :mod:`aligner.qa.registry`."""
    return _make(name, severity, "unit")


def memory_check(name: str, severity: str) -> Callable[[Callable[[Sequence[QAUnit], Context], Iterable[Finding]]], Check]:
    """Make a memory check of *func(units, ctx) -> findings*; register it in :mod:`aligner.qa.registry`."""
    return _make(name, severity, "memory")


def is_pair(u: QAUnit) -> bool:
    """True when both sides hold text."""
    return bool(u.src.strip()) and bool(u.tgt.strip())
