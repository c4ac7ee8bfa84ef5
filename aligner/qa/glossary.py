"""A glossary: French terms and their accepted Arabic renderings, read from CSV."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from ..errors import InputError
from ..io.guarded import read_text


@dataclass
class Glossary:
    """French terms and their accepted Arabic renderings."""

    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Glossary:
        """CSV: French term, then one or more accepted renderings (columns or ``|``-separated)."""
        text = read_text(path, what="a CSV glossary of French term, Arabic renderings")
        terms: dict[str, tuple[str, ...]] = {}
        rows = csv.reader(io.StringIO(text, newline=""))
        number = 0
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:  # a field over csv's limit (128 kB), a NUL byte, bad quoting
                raise InputError(f"{path}, line {rows.line_num}: not a CSV row ({exc}); give a CSV of "
                                 "French term, Arabic renderings") from None
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            renderings = tuple(r.strip() for cell in row[1:] for r in cell.split("|") if r.strip())
            if not renderings:
                raise InputError(f"{path}, line {number}: term {row[0]!r} has no Arabic rendering")
            terms[row[0].strip()] = renderings
        if not terms:
            raise InputError(f"{path}: holds no terms; give a CSV of French term, Arabic renderings")
        return cls(terms)
