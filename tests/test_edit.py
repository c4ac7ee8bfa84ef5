"""The pure edits of aligner.review.edit: each operation, and the invariants under any sequence of edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.review.edit import (
    EditableAlignment,
    EditError,
    Merge,
    Move,
    Pair,
    Segment,
    SetState,
    SetText,
    Split,
    Unalign,
    Unit,
    apply_edit,
    changed_span,
    check_invariants,
    edit_from_dict,
)


def make(beads: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> EditableAlignment:
    n = sum(len(s) for s, _ in beads)
    m = sum(len(t) for _, t in beads)
    return EditableAlignment(tuple(Segment(f"fr{i}") for i in range(n)), tuple(Segment(f"ar{j}") for j in range(m)),
                             tuple(Unit(s, t) for s, t in beads))


def shape(a: EditableAlignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(u.src, u.tgt) for u in a.units]


SEEDISH = make([((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), ()), ((), (4,)), ((4, 5), (5, 6, 7))])


def test_merge_with_next_and_previous():
    after = apply_edit(SEEDISH, Merge(1))
    assert shape(after)[1] == ((0, 1), (1, 2)) and after.units[1].state == "edited"
    assert shape(apply_edit(SEEDISH, Merge(2, with_next=False))) == shape(after)
    assert SEEDISH.units[1].state == "auto"  # the argument is untouched
    with pytest.raises(EditError, match="no next unit"):
        apply_edit(SEEDISH, Merge(6))
    with pytest.raises(EditError, match="nothing to pair"):
        apply_edit(make([((0,), ()), ((1,), ())]), Merge(0))


def test_pair_two_unaligned_neighbours():
    after = apply_edit(SEEDISH, Pair(4))
    assert shape(after)[4] == ((3,), (4,))
    with pytest.raises(EditError, match="not two unaligned"):
        apply_edit(SEEDISH, Pair(1))


def test_split_and_the_parts_left_one_sided():
    after = apply_edit(SEEDISH, Split(6, 1, 1))
    assert shape(after)[6:] == [((4,), (5,)), ((5,), (6, 7))]
    after = apply_edit(SEEDISH, Split(6, 2, 2))
    assert shape(after)[6:] == [((4, 5), (5, 6)), ((), (7,))]
    with pytest.raises(EditError, match="one part empty"):
        apply_edit(SEEDISH, Split(6, 0, 0))
    with pytest.raises(EditError, match="cannot split"):
        apply_edit(SEEDISH, Split(6, 3, 1))


def test_move_edge_sentences():
    after = apply_edit(SEEDISH, Move(6, "tgt", to_next=False))  # Arabic 5 joins the unaligned Arabic 4
    assert shape(after)[5:] == [((), (4,)), ((), (5,)), ((4, 5), (6, 7))]
    after = apply_edit(SEEDISH, Move(1, "src", to_next=True))  # French 0 goes to the next unit
    assert shape(after)[1:3] == [((), (1,)), ((0, 1), (2,))]
    after = apply_edit(SEEDISH, Move(5, "tgt", to_next=False))  # pairs with the unaligned French 3
    assert shape(after)[4] == ((3,), (4,))
    with pytest.raises(EditError, match="no previous unit"):
        apply_edit(SEEDISH, Move(0, "tgt"))


def test_unalign_first_last_and_only_sentence():
    after = apply_edit(SEEDISH, Unalign(6, "tgt"))
    assert shape(after)[6:] == [((), (5,)), ((4, 5), (6, 7))]
    after = apply_edit(SEEDISH, Unalign(6, "src", last=True))
    assert shape(after)[6:] == [((4,), (5, 6, 7)), ((5,), ())]
    after = apply_edit(SEEDISH, Unalign(1, "src"))  # the only French sentence: the unit is undone
    assert shape(after)[1:3] == [((0,), ()), ((), (1,))]
    with pytest.raises(EditError, match="already"):
        apply_edit(SEEDISH, Unalign(0, "tgt"))


def test_states_and_who_when():
    after = apply_edit(SEEDISH, SetState(1, "accepted", by="amina", when="2026-11-24T10:00:00Z"))
    assert after.units[1] == Unit((0,), (1,), "accepted", None, "amina", "2026-11-24T10:00:00Z")
    with pytest.raises(EditError, match="unknown state"):
        apply_edit(SEEDISH, SetState(1, "great"))


def test_text_fix_keeps_the_original():
    after = apply_edit(SEEDISH, SetText("src", 4, "  fr4  corrigé "))
    assert after.src[4] == Segment("fr4 corrigé", "sentence", "fr4")
    assert after.units[6].state == "edited" and after.units[5].state == "auto"
    again = apply_edit(after, SetText("src", 4, "fr4 encore"))
    assert again.src[4].original == "fr4"
    back = apply_edit(again, SetText("src", 4, "fr4"))
    assert back.src[4].original is None
    assert changed_span(SEEDISH, after) == (6, 1, 1)
    with pytest.raises(EditError, match="cannot be emptied"):
        apply_edit(SEEDISH, SetText("tgt", 0, "  "))


def test_edit_from_dict_checks_types():
    assert edit_from_dict({"op": "merge", "unit": 2}) == Merge(2)
    assert edit_from_dict({"op": "unalign", "unit": 1, "side": "tgt", "last": True}, by="x") == Unalign(
        1, "tgt", True, by="x")
    for bad in ({"op": "drop"}, {"op": "merge"}, {"op": "merge", "unit": "2"}, {"op": "merge", "unit": True},
                {"op": "move", "unit": 1, "side": "left"}):
        with pytest.raises(EditError):
            edit_from_dict(bad)


def test_changed_span_is_the_smallest_window():
    after = apply_edit(SEEDISH, Merge(2))
    assert changed_span(SEEDISH, after) == (2, 2, 1)
    assert changed_span(SEEDISH, SEEDISH) == (len(SEEDISH.units), 0, 0)


# -- properties ------------------------------------------------------------------------------------


@st.composite
def alignments(draw: st.DrawFn) -> EditableAlignment:
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i = j = 0
    for _ in range(draw(st.integers(1, 12))):
        a, b = draw(st.sampled_from([(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]))
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return make(beads)


@st.composite
def edits(draw: st.DrawFn, n_units: int) -> object:
    unit = draw(st.integers(-1, n_units))
    side = draw(st.sampled_from(["src", "tgt"]))
    return draw(st.sampled_from([
        Merge(unit, draw(st.booleans())), Pair(unit), Split(unit, draw(st.integers(0, 3)), draw(st.integers(0, 3))),
        Move(unit, side, draw(st.booleans())), Unalign(unit, side, draw(st.booleans())),
        SetState(unit, draw(st.sampled_from(["accepted", "rejected", "auto"]))),
        SetText(side, draw(st.integers(-1, 6)), draw(st.text(min_size=0, max_size=8))),  # type: ignore[arg-type]
    ]))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_sequence_of_edits_keeps_every_sentence_once_in_order(data):
    alignment = data.draw(alignments())
    for _ in range(data.draw(st.integers(1, 8))):
        texts = ([s.text for s in alignment.src], [s.text for s in alignment.tgt])
        edit = data.draw(edits(len(alignment.units)))
        try:
            after = apply_edit(alignment, edit)  # type: ignore[arg-type]
        except EditError:
            continue
        check_invariants(after)  # monotonic, each sentence once, unaligned units of one sentence
        start, removed, added = changed_span(alignment, after)
        assert alignment.units[:start] == after.units[:start]
        assert alignment.units[start + removed:] == after.units[start + added:]
        if not isinstance(edit, SetText):
            assert [s.text for s in after.src] == texts[0] and [s.text for s in after.tgt] == texts[1]
        alignment = after
