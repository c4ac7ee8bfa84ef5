"""Corrections to an alignment, as pure functions: ``apply_edit(alignment, edit) -> alignment``.

An :class:`EditableAlignment` is the two sides' sentences and the list of units
(beads) over them. Every edit returns a new alignment and leaves its argument
alone, so undo is keeping the previous value. Whatever the edit, the result
keeps the invariants of an alignment (:func:`check_invariants`):

* monotonic: reading the units in order gives each side's sentences in order,
  each exactly once (no sentence lost, none used twice);
* a unit with one side empty (an unaligned sentence) holds one sentence.

An edit that cannot apply (a unit that does not exist, a side with nothing to
split) raises :class:`EditError` with what to do instead. The editor server
(:mod:`aligner.review.server`) is a thin layer over this module.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal, Union

from ..errors import AlignerError

#: A unit's review state: untouched, confirmed by the translator, changed by an edit, or refused.
STATES = ("auto", "accepted", "edited", "rejected")
Side = Literal["src", "tgt"]


class EditError(AlignerError):
    """An edit that does not apply to the alignment as it is."""


@dataclass(frozen=True)
class Segment:
    """One sentence; ``original`` is the text as aligned when the translator corrected it."""

    text: str
    kind: str = "sentence"
    original: str | None = None


@dataclass(frozen=True)
class Unit:
    """One bead: sentence indexes on each side, its review state and confidence.

    ``confidence`` is ``None`` until an edited unit is scored again; ``by`` and
    ``at`` say who set the state and when (ISO 8601, UTC), when configured.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    state: str = "auto"
    confidence: float | None = None
    by: str = ""
    at: str = ""

    @property
    def aligned(self) -> bool:
        """True when both sides hold sentences."""
        return bool(self.src) and bool(self.tgt)

    def side(self, side: Side) -> tuple[int, ...]:
        return self.src if side == "src" else self.tgt


@dataclass(frozen=True)
class EditableAlignment:
    """The sentences of both sides and the units over them, in reading order."""

    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    units: tuple[Unit, ...]

    def segments(self, side: Side) -> tuple[Segment, ...]:
        return self.src if side == "src" else self.tgt

    def text(self, unit: Unit, side: Side) -> str:
        """The unit's text on *side*, its sentences joined by a space (as ``aligner align`` writes it)."""
        segs = self.segments(side)
        return " ".join(segs[i].text for i in unit.side(side))


# -- the edits --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Stamp:
    """Who made an edit and when; copied onto the units it changes (empty: not recorded)."""

    by: str = dataclasses.field(default="", kw_only=True)
    when: str = dataclasses.field(default="", kw_only=True)


@dataclass(frozen=True)
class Merge(_Stamp):
    """Merge unit *unit* with the next one (or the previous one)."""

    unit: int
    with_next: bool = True


@dataclass(frozen=True)
class Pair(_Stamp):
    """Pair the unaligned sentence *unit* with the next unit, an unaligned sentence of the other side."""

    unit: int


@dataclass(frozen=True)
class Split(_Stamp):
    """Split unit *unit* into ``src[:src_at] + tgt[:tgt_at]`` and the rest.

    A part left with one side empty becomes unaligned sentences.
    """

    unit: int
    src_at: int
    tgt_at: int


@dataclass(frozen=True)
class Move(_Stamp):
    """Move an edge sentence of *side* to the neighbouring unit: the first one to the
    previous unit (``to_next=False``) or the last one to the next unit."""

    unit: int
    side: Side
    to_next: bool = False


@dataclass(frozen=True)
class Unalign(_Stamp):
    """Take the first (or last) sentence of *side* out of the unit: it becomes unaligned.
    When it was the only sentence of that side, the unit is undone."""

    unit: int
    side: Side
    last: bool = False


@dataclass(frozen=True)
class SetState(_Stamp):
    """Set the review state of a unit (``accepted``, ``rejected``, …)."""

    unit: int
    state: str


@dataclass(frozen=True)
class SetText(_Stamp):
    """Correct the text of sentence *index* of *side* (a typo); the first text is kept as ``original``."""

    side: Side
    index: int
    text: str


Edit = Union[Merge, Pair, Split, Move, Unalign, SetState, SetText]  # noqa: UP007 - a runtime alias
EDITS: dict[str, type] = {"merge": Merge, "pair": Pair, "split": Split, "move": Move, "unalign": Unalign,
                          "state": SetState, "text": SetText}


def edit_from_dict(data: dict[str, object], by: str = "", when: str = "") -> Edit:
    """An edit from its JSON form, ``{"op": "merge", "unit": 3, …}`` (what the editor page sends)."""
    op = data.get("op")
    cls = EDITS.get(str(op))
    if cls is None:
        raise EditError(f"unknown edit {op!r}; one of: {', '.join(EDITS)}")
    names = {f.name: f for f in dataclasses.fields(cls) if f.name not in ("by", "when")}
    args: dict[str, object] = {}
    for name, f in names.items():
        if name not in data:
            if f.default is dataclasses.MISSING:
                raise EditError(f"edit {op!r} needs {name!r}")
            continue
        value = data[name]
        expected = {"unit": int, "src_at": int, "tgt_at": int, "index": int, "with_next": bool, "to_next": bool,
                    "last": bool, "side": str, "state": str, "text": str}[name]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise EditError(f"edit {op!r}: {name!r} must be {expected.__name__}, not {value!r}")
        args[name] = value
    if "side" in args and args["side"] not in ("src", "tgt"):
        raise EditError(f"edit {op!r}: side must be 'src' or 'tgt', not {args['side']!r}")
    edit: Edit = cls(**args, by=by, when=when)
    return edit


def _unit(alignment: EditableAlignment, index: int) -> Unit:
    if not 0 <= index < len(alignment.units):
        raise EditError(f"there is no unit {index}; units are numbered 0 to {len(alignment.units) - 1}")
    return alignment.units[index]


def _singles(src: tuple[int, ...], tgt: tuple[int, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The beads for these sentences: one unit if both sides hold some, else one per sentence."""
    if src and tgt:
        return [(src, tgt)]
    return [((i,), ()) for i in src] + [((), (j,)) for j in tgt]


def _replace(alignment: EditableAlignment, start: int, stop: int,
             parts: list[tuple[tuple[int, ...], tuple[int, ...]]], edit: Edit) -> EditableAlignment:
    """Units ``start:stop`` replaced by *parts*, each normalised and marked ``edited``."""
    new: list[Unit] = []
    for src, tgt in parts:
        for s, t in _singles(src, tgt):
            new.append(Unit(s, t, "edited", None, edit.by, edit.when))
    units = alignment.units[:start] + tuple(new) + alignment.units[stop:]
    return dataclasses.replace(alignment, units=units)


def apply_edit(alignment: EditableAlignment, edit: Edit) -> EditableAlignment:
    """The alignment after *edit*; *alignment* itself is not changed.

    Raises :class:`EditError` when the edit does not apply.
    """
    if isinstance(edit, Merge):
        return _merge(alignment, edit)
    if isinstance(edit, Pair):
        a, b = _unit(alignment, edit.unit), _unit(alignment, edit.unit + 1) if edit.unit + 1 < len(
            alignment.units) else None
        if b is None or a.aligned or b.aligned or bool(a.src) == bool(b.src):
            raise EditError(f"unit {edit.unit} and the next are not two unaligned sentences of opposite "
                            "sides; use merge to join units")
        return _replace(alignment, edit.unit, edit.unit + 2, [(a.src + b.src, a.tgt + b.tgt)], edit)
    if isinstance(edit, Split):
        return _split(alignment, edit)
    if isinstance(edit, Move):
        return _move(alignment, edit)
    if isinstance(edit, Unalign):
        return _unalign(alignment, edit)
    if isinstance(edit, SetState):
        unit = _unit(alignment, edit.unit)
        if edit.state not in STATES:
            raise EditError(f"unknown state {edit.state!r}; one of: {', '.join(STATES)}")
        units = list(alignment.units)
        units[edit.unit] = dataclasses.replace(unit, state=edit.state, by=edit.by, at=edit.when)
        return dataclasses.replace(alignment, units=tuple(units))
    if isinstance(edit, SetText):
        return _set_text(alignment, edit)
    raise EditError(f"unknown edit {edit!r}")


def _merge(alignment: EditableAlignment, edit: Merge) -> EditableAlignment:
    _unit(alignment, edit.unit)
    first = edit.unit if edit.with_next else edit.unit - 1
    if not 0 <= first < len(alignment.units) - 1:
        where = "next" if edit.with_next else "previous"
        raise EditError(f"unit {edit.unit} has no {where} unit to merge with")
    a, b = alignment.units[first], alignment.units[first + 1]
    src, tgt = a.src + b.src, a.tgt + b.tgt
    if not (src and tgt):
        side = "French" if src else "Arabic"
        raise EditError(f"units {first} and {first + 1} are both unaligned {side} sentences: there is "
                        "nothing to pair them with; merge one with a unit instead")
    return _replace(alignment, first, first + 2, [(src, tgt)], edit)


def _split(alignment: EditableAlignment, edit: Split) -> EditableAlignment:
    unit = _unit(alignment, edit.unit)
    if not (0 <= edit.src_at <= len(unit.src) and 0 <= edit.tgt_at <= len(unit.tgt)):
        raise EditError(f"unit {edit.unit} has {len(unit.src)} French and {len(unit.tgt)} Arabic sentences; "
                        f"cannot split after {edit.src_at} and {edit.tgt_at}")
    head = (unit.src[:edit.src_at], unit.tgt[:edit.tgt_at])
    tail = (unit.src[edit.src_at:], unit.tgt[edit.tgt_at:])
    if not (head[0] or head[1]) or not (tail[0] or tail[1]):
        raise EditError(f"splitting unit {edit.unit} there leaves one part empty; choose a boundary "
                        "between two sentences")
    return _replace(alignment, edit.unit, edit.unit + 1, [head, tail], edit)


def _move(alignment: EditableAlignment, edit: Move) -> EditableAlignment:
    unit = _unit(alignment, edit.unit)
    ids = unit.side(edit.side)
    other = edit.unit + 1 if edit.to_next else edit.unit - 1
    if not ids:
        raise EditError(f"unit {edit.unit} has no {_name(edit.side)} sentence to move")
    if not 0 <= other < len(alignment.units):
        raise EditError(f"unit {edit.unit} has no {'next' if edit.to_next else 'previous'} unit to move a "
                        "sentence to; use unalign instead")
    moved, kept = (ids[-1:], ids[:-1]) if edit.to_next else (ids[:1], ids[1:])
    neighbour = alignment.units[other]
    n_ids = neighbour.side(edit.side)
    n_ids = moved + n_ids if edit.to_next else n_ids + moved
    if edit.side == "src":
        here, there = (kept, unit.tgt), (n_ids, neighbour.tgt)
    else:
        here, there = (unit.src, kept), (neighbour.src, n_ids)
    parts = [here, there] if edit.to_next else [there, here]
    parts = [p for p in parts if p[0] or p[1]]
    return _replace(alignment, min(edit.unit, other), max(edit.unit, other) + 1, parts, edit)


def _unalign(alignment: EditableAlignment, edit: Unalign) -> EditableAlignment:
    unit = _unit(alignment, edit.unit)
    if not unit.aligned:
        raise EditError(f"unit {edit.unit} is already an unaligned sentence")
    ids = unit.side(edit.side)
    single, rest = (ids[-1:], ids[:-1]) if edit.last else (ids[:1], ids[1:])
    alone = (single, ()) if edit.side == "src" else ((), single)
    remainder = (rest, unit.tgt) if edit.side == "src" else (unit.src, rest)
    parts = [remainder, alone] if edit.last else [alone, remainder]
    return _replace(alignment, edit.unit, edit.unit + 1, parts, edit)


def _set_text(alignment: EditableAlignment, edit: SetText) -> EditableAlignment:
    segs = alignment.segments(edit.side)
    if not 0 <= edit.index < len(segs):
        raise EditError(f"there is no {_name(edit.side)} sentence {edit.index}")
    text = " ".join(edit.text.split())
    if not text:
        raise EditError("a sentence cannot be emptied; mark it unaligned or reject its unit instead")
    seg = segs[edit.index]
    original = seg.original if seg.original is not None else seg.text
    new_seg = dataclasses.replace(seg, text=text, original=None if text == original else original)
    new_segs = segs[:edit.index] + (new_seg,) + segs[edit.index + 1:]
    units = tuple(
        dataclasses.replace(u, state="edited", confidence=None, by=edit.by, at=edit.when)
        if edit.index in u.side(edit.side) else u
        for u in alignment.units
    )
    if edit.side == "src":
        return dataclasses.replace(alignment, src=new_segs, units=units)
    return dataclasses.replace(alignment, tgt=new_segs, units=units)


def _name(side: Side) -> str:
    return "source" if side == "src" else "target"


def check_invariants(alignment: EditableAlignment) -> None:
    """Raise :class:`EditError` unless every sentence is used once, in order, and unaligned units hold one."""
    for side in ("src", "tgt"):
        order = [i for u in alignment.units for i in u.side(side)]  # type: ignore[arg-type]
        if order != list(range(len(alignment.segments(side)))):  # type: ignore[arg-type]
            raise EditError(f"the {_name(side)} sentences are not each used once, in order")  # type: ignore[arg-type]
    for k, u in enumerate(alignment.units):
        if not u.aligned and len(u.src) + len(u.tgt) != 1:
            raise EditError(f"unit {k} has one side empty and more than one sentence")
        if u.state not in STATES:
            raise EditError(f"unit {k} has an unknown state {u.state!r}")


def changed_span(before: EditableAlignment, after: EditableAlignment) -> tuple[int, int, int]:
    """``(start, removed, added)``: units ``before[start:start+removed]`` became ``after[start:start+added]``.

    The smallest such window (common prefix and suffix left out): what the editor
    page redraws, and the units whose findings and confidence are recomputed.
    """
    a, b = before.units, after.units
    retyped: dict[str, set[int]] = {"src": set(), "tgt": set()}
    for side in ("src", "tgt"):
        old, new = before.segments(side), after.segments(side)  # type: ignore[arg-type]
        if old is not new:
            retyped[side] = {i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y}

    def same(x: Unit, y: Unit) -> bool:
        if not (x is y or x == y):
            return False
        return not (retyped["src"] and retyped["src"].intersection(y.src)) and not (
            retyped["tgt"] and retyped["tgt"].intersection(y.tgt))

    start = 0
    limit = min(len(a), len(b))
    while start < limit and same(a[start], b[start]):
        start += 1
    end = 0
    while end < limit - start and same(a[len(a) - 1 - end], b[len(b) - 1 - end]):
        end += 1
    return start, len(a) - start - end, len(b) - start - end
