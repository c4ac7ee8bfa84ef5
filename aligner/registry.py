"""One registry form for every plug-in family: encoders, output formats, QA checks, CAT profiles.

An entry is named once and points at ``"module:attribute"``; the module is imported the
first time the entry is used, so ``aligner --help`` and a warm job never import what they
do not need. Plug-ins (and tests) add entries with the family's public ``register_*``
function, e.g. :func:`aligner.encoders.register_encoder`::

    register_encoder("mine", "my_package.encoder:MyEncoder")

What the attribute is depends on the family (an :class:`~aligner.encoders.base.Encoder`
class, an :class:`~aligner.io.formats.base.OutputFormat` class, a check object, a
:class:`~aligner.tmx.profiles.CatProfile`); the registry only names and loads.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import AlignerError, ConfigError

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """A registered name and where its object lives (``"module:attribute"``), or the object itself."""

    name: str
    target: object
    description: str = ""


class Registry(Generic[T]):
    """Named plug-ins of one family, loaded lazily from ``"module:attribute"`` targets."""

    def __init__(self, family: str, option: str = "", error: type[AlignerError] = ConfigError) -> None:
        self.family = family  # e.g. "encoder": used in error messages
        self.option = option  # the CLI option that picks one, e.g. "--encoder"
        self.error = error  # what an unknown or broken entry raises
        self._entries: dict[str, Entry] = {}
        self._loaded: dict[str, T] = {}

    def register(self, name: str, target: str | T, description: str = "") -> None:
        """Add (or replace) the entry *name*; *target* is ``"module:attribute"`` or the object."""
        if not name or any(c.isspace() for c in name):
            raise ConfigError(f"{self.family} name {name!r} must be a non-empty word")
        if isinstance(target, str) and ":" not in target:
            raise ConfigError(f"{self.family} {name!r}: target {target!r} must read 'module:attribute'")
        self._entries[name] = Entry(name, target, description)
        self._loaded.pop(name, None)

    def unregister(self, name: str) -> None:
        """Remove the entry *name* (tests that add a throw-away member)."""
        self._entries.pop(name, None)
        self._loaded.pop(name, None)

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._entries)

    def entry(self, name: str) -> Entry:
        """The entry *name*; a :class:`ConfigError` naming the choices when there is none."""
        try:
            return self._entries[name]
        except KeyError:
            how = f" with {self.option}" if self.option else ""
            raise self.error(
                f"unknown {self.family} {name!r}; choose{how} one of: {', '.join(self._entries)}"
            ) from None

    def get(self, name: str) -> T:
        """The object registered as *name*, importing its module on first use."""
        if name not in self._loaded:
            target = self.entry(name).target
            if isinstance(target, str):
                module, _, attr = target.partition(":")
                try:
                    obj = getattr(importlib.import_module(module), attr)
                except (ImportError, AttributeError) as exc:
                    raise self.error(f"{self.family} {name!r} cannot be loaded from {target!r}: {exc}") from exc
            else:
                obj = target
            self._loaded[name] = obj  # type: ignore[assignment]
        return self._loaded[name]

    def items(self) -> Iterator[tuple[str, T]]:
        """Every (name, object), loading them all."""
        for name in list(self._entries):
            yield name, self.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)
