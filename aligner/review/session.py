"""One editing session over a pair: the current alignment, undo/redo, saving, QA, export.

``EditSession(PAIR.jsonl)`` reads the alignment (or, when ``PAIR.edited.jsonl``
exists, resumes it), and every :meth:`EditSession.apply` runs the pure
:func:`~aligner.review.edit.apply_edit`, recomputes the QA findings and the
confidence of the touched units, and saves the whole file atomically before it
returns. The original JSONL is never written to.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError, OutputError
from ..io.records import dumps
from ..qa.base import Finding, QAUnit
from ..qa.run import run_checks
from .edit import Edit, EditableAlignment, EditError, Unit, apply_edit, changed_span, check_invariants
from .edited import EditedFile, bead_record, from_records
from .rescore import Rescorer, encoder_name

#: What an export keeps: translator-reviewed units only, or everything but the rejected.
INCLUDE = {"reviewed": ("accepted", "edited"), "all": ("auto", "accepted", "edited")}
EXPORT_FORMATS = ("tmx", "tsv", "jsonl")
HISTORY = 500


def edited_path(path: str | os.PathLike[str]) -> Path:
    """Where the edits of *path* are saved: ``PAIR.edited.jsonl`` beside ``PAIR.jsonl``."""
    p = Path(path)
    if p.name.endswith(".edited.jsonl"):
        return p
    stem = p.name[:-6] if p.name.endswith(".jsonl") else p.name
    return p.with_name(stem + ".edited.jsonl")


def _sha256(path: Path) -> str:
    from ..io.guarded import read_bytes

    return hashlib.sha256(read_bytes(path, "a .jsonl written by `aligner align`")).hexdigest()


def _read(path: Path) -> EditedFile:
    from ..io.records import read_records

    return from_records(read_records(path), str(path))


@dataclass(frozen=True)
class Change:
    """What an edit changed: units ``start:start+removed`` replaced by ``added`` units."""

    start: int
    removed: int
    added: int


class EditSession:
    """The state of one editing session (one pair, one translator)."""

    def __init__(self, path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None,
                 user: str = "", rescore: bool = True, background_qa: bool = False) -> None:
        """*rescore*: compute the confidence of edited units (loads the encoder in the background);
        *background_qa*: run the first QA of every unit in the background (the page shows the findings
        when they are ready) instead of before returning."""
        self.source = Path(path)
        self.output = Path(output) if output else edited_path(self.source)
        self.user = user
        if not self.source.is_file():
            raise InputError(f"{self.source}: no such file; give the .jsonl written by `aligner align -o FILE.jsonl`")
        if self.output.resolve() == self.source.resolve() and not self.source.name.endswith(".edited.jsonl"):
            raise OutputError(f"the edits would overwrite {self.source}; give another output name")
        original_sha = _sha256(self.source)
        self.resumed = False
        if self.output.exists() and self.output.resolve() != self.source.resolve():
            edited = _read(self.output)
            made_from = edited.meta("edited_from_sha256")
            if made_from and made_from != original_sha:
                raise InputError(
                    f"{self.output} holds edits of another version of {self.source.name}; move it aside to "
                    f"start again, or continue it with `aligner edit {self.output}`")
            self.file = edited
            self.resumed = True
        else:
            self.file = _read(self.source)
            self.resumed = self.source.name.endswith(".edited.jsonl")
        if not self.resumed:
            h = self.file.header
            self.file.header = replace(h, extra={**h.extra, "edited_from": self.source.name,
                                                 "edited_from_sha256": original_sha})
        # each side's sentence kinds: no edit changes them (the figures are computed from them)
        self.kinds = ([x.kind for x in self.alignment.src], [x.kind for x in self.alignment.tgt])
        self._lines: list[str] = []
        self.undo_stack: list[EditableAlignment] = []
        self.redo_stack: list[EditableAlignment] = []
        #: held by whoever reads or changes the session (the server's request threads, the QA thread)
        self.lock = threading.RLock()
        self.qa_ready = threading.Event()
        self.qa_seconds = 0.0
        self.findings: list[tuple[Finding, ...]] = [() for _ in self.alignment.units]
        if background_qa:
            threading.Thread(target=self._qa_all, daemon=True, name="aligner-qa").start()
        else:
            self._qa_all()
        self.rescorer: Rescorer | None = None
        if rescore:
            self.rescorer = Rescorer(self.file.src_lang, self.file.tgt_lang, encoder_name(self.file.signature),
                                     self.file.header.translated_in_full)
            self.rescorer.start(self.alignment)

    # -- state ------------------------------------------------------------------------------------

    @property
    def alignment(self) -> EditableAlignment:
        return self.file.alignment

    @property
    def cursor(self) -> int:
        value = self.file.meta("cursor", 0)
        return value if isinstance(value, int) else 0

    def set_cursor(self, unit: int) -> None:
        """Remember the unit the translator is on (saved with the next edit)."""
        self.file.header.extra["cursor"] = max(0, min(unit, len(self.alignment.units) - 1))

    def _qa_units(self, alignment: EditableAlignment, indexes: range) -> list[QAUnit]:
        out = []
        for k in indexes:
            u = alignment.units[k]
            out.append(QAUnit(k, alignment.text(u, "src"), alignment.text(u, "tgt"), u.confidence,
                              alignment.src[u.src[0]].kind if u.src else "sentence",
                              alignment.tgt[u.tgt[0]].kind if u.tgt else "sentence"))
        return out

    def _qa_all(self) -> None:
        """Findings of every unit (checks across units included); edits made meanwhile keep theirs."""
        started = time.perf_counter()
        with self.lock:
            snapshot = self.alignment
        try:
            units = snapshot.units
            report = run_checks(self._qa_units(snapshot, range(len(units))))
            by_unit: list[list[Finding]] = [[] for _ in units]
            for f in report.findings:
                if 0 <= f.unit < len(units):
                    by_unit[f.unit].append(f)
            with self.lock:
                # units are immutable: one still in place is the same object as in the snapshot
                found = {id(u): tuple(fs) for u, fs in zip(units, by_unit, strict=True)}
                self.findings = [found.get(id(u), mine) for u, mine in zip(self.alignment.units, self.findings, strict=True)]
        finally:
            self.qa_seconds = time.perf_counter() - started
            self.qa_ready.set()

    def _qa_span(self, start: int, count: int) -> list[tuple[Finding, ...]]:
        """Findings of units ``start:start+count`` alone (checks across units are left to a full run)."""
        if count <= 0:
            return []
        report = run_checks(self._qa_units(self.alignment, range(start, start + count)),
                            only=[c for c in _unit_checks()])
        out: list[list[Finding]] = [[] for _ in range(count)]
        for f in report.findings:
            out[f.unit - start].append(f)
        return [tuple(fs) for fs in out]

    def _rescore(self, indexes: list[int]) -> None:
        """Confidence of the units at *indexes*, and of any unit still waiting for one."""
        if self.rescorer is None:
            return
        waiting = [k for k, u in enumerate(self.alignment.units) if u.confidence is None]
        wanted = sorted(set(indexes) | set(waiting))
        scores = self.rescorer.confidences(self.alignment, wanted)
        if not scores:
            return
        units = list(self.alignment.units)
        for k, c in scores.items():
            units[k] = replace(units[k], confidence=c)
        self.file.alignment = replace(self.alignment, units=tuple(units))

    def _commit(self, before: EditableAlignment, after: EditableAlignment) -> Change:
        check_invariants(after)
        self.file.alignment = after
        start, _, added = changed_span(before, after)
        # a unit's confidence depends on its neighbours' shapes: score those too
        self._rescore(list(range(max(0, start - 1), min(len(after.units), start + added + 1))))
        start, removed, added = changed_span(before, self.alignment)
        self.findings[start:start + removed] = self._qa_span(start, added)
        self.set_cursor(min(start, len(self.alignment.units) - 1))
        self.save(start, removed, added)
        return Change(start, removed, added)

    def apply(self, edit: Edit) -> Change:
        """Apply *edit*, save, and say what changed. :class:`EditError` when it does not apply."""
        if not edit.by and self.user:
            by, when = self.stamp()
            edit = replace(edit, by=by, when=when)
        before = self.alignment
        after = apply_edit(before, edit)
        change = self._commit(before, after)
        self.undo_stack.append(before)
        del self.undo_stack[:-HISTORY]
        self.redo_stack.clear()
        return change

    def undo(self) -> Change:
        if not self.undo_stack:
            raise EditError("nothing to undo")
        before = self.alignment
        change = self._commit(before, self.undo_stack.pop())
        self.redo_stack.append(before)
        return change

    def redo(self) -> Change:
        if not self.redo_stack:
            raise EditError("nothing to redo")
        before = self.alignment
        change = self._commit(before, self.redo_stack.pop())
        self.undo_stack.append(before)
        return change

    def stamp(self) -> tuple[str, str]:
        """``(by, when)`` to record on an edit: empty unless a user name is configured."""
        if not self.user:
            return "", ""
        return self.user, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # -- files ------------------------------------------------------------------------------------

    def _line(self, k: int) -> str:
        return dumps(bead_record(self.alignment, self.alignment.units[k], self.file.signature))

    def save(self, start: int = 0, removed: int | None = None, added: int | None = None) -> None:
        """Write the whole edited file atomically (a temporary file, then a rename).

        The JSON lines of units ``start:start+removed`` are made again (all of them when not given); the
        others are kept from the last save, so that an edit on a long pair stays quick.
        """
        from ..io.atomic import atomic_writer

        n = len(self.alignment.units)
        if removed is None or added is None or len(self._lines) - removed + added != n:
            self._lines = [self._line(k) for k in range(n)]
        else:
            self._lines[start:start + removed] = [self._line(k) for k in range(start, start + added)]
        text = "".join([dumps(self.file.header), *self._lines, *(dumps(rec) for rec in self.file.dropped)])
        with atomic_writer(self.output) as fh:
            fh.write(text)

    def kept_units(self, include: str = "reviewed") -> list[Unit]:
        """Aligned units whose state *include* keeps (``reviewed``: accepted and edited; ``all``: all but rejected)."""
        if include not in INCLUDE:
            raise OutputError(f"unknown export choice {include!r}; one of: {', '.join(INCLUDE)}")
        return [u for u in self.alignment.units if u.aligned and u.state in INCLUDE[include]]

    def export(self, path: str | os.PathLike[str], fmt: str | None = None, include: str = "reviewed",
               tmx_langs: tuple[str, str] | None = None) -> int:
        """Write the kept units as TMX, TSV or JSONL; returns how many were written."""
        from .export import export_units

        return export_units(self, path, fmt, include, tmx_langs)


def _unit_checks() -> list[str]:
    """The checks that look at one unit at a time (not those across the memory)."""
    from ..qa.registry import QA_CHECKS

    return [name for name, c in QA_CHECKS.items() if c.scope == "unit"]
