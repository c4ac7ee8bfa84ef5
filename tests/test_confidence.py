"""The confidence's features: an unaligned sentence that reads as a member of the pair next
to it lowers the confidence of both, and a document read as translated in full is a feature of
every unit, in the aligner and in the editor's rescoring alike."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from aligner.align.confidence import (
    CONF_WEIGHTS,
    FEATURES,
    JOIN_FLOOR,
    confidence,
    feature_row,
    join_candidates,
    join_gains,
)
from aligner.cli import main
from aligner.config import AlignConfig
from aligner.pipeline import align_files

ROOT = Path(__file__).resolve().parent.parent
PATH = [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), ()), ((), (3,))]


def test_join_candidates_pair_each_unaligned_sentence_with_its_neighbouring_pairs():
    assert join_candidates(PATH, 0) == [(((0,), (1,)), ((0,), (0, 1)))]
    assert join_candidates(PATH, 1) == [(((0,), (1,)), ((0,), (0, 1)))]
    assert join_candidates(PATH, 2) == [(((1,), (2,)), ((1, 2), (2,)))]
    assert join_candidates(PATH, 3) == [(((1,), (2,)), ((1, 2), (2,)))]  # not the other unaligned one
    assert join_candidates(PATH, 4) == []


def test_join_gain_is_the_best_change_of_the_pairs_score():
    scores = {((0,), (1,)): 0.6, ((0,), (0, 1)): 0.7, ((1,), (2,)): 0.8, ((1, 2), (2,)): 0.5}
    gains = join_gains(PATH, scores.__getitem__)
    assert gains[:4] == pytest.approx([0.1, 0.1, -0.3, -0.3])
    assert gains[4] is None


def test_feature_row_marks_the_join_and_floors_its_gain():
    has, gain = FEATURES.index("has_join"), FEATURES.index("join_gain")
    none = feature_row(1, 1, 0.3, 0.3, 0.4, [(1, 1)])
    assert none[has] == 0 and none[gain] == 0
    row = feature_row(1, 1, 0.3, 0.3, 0.4, [(0, 1)], join=0.05)
    assert row[has] == 1 and row[gain] == pytest.approx(0.05 - JOIN_FLOOR)
    assert feature_row(1, 1, 0.3, 0.3, 0.4, [(0, 1)], join=-2.0)[gain] == 0.0


@pytest.mark.parametrize("encoder", sorted(CONF_WEIGHTS))
def test_a_neighbour_that_reads_as_a_member_lowers_the_confidence(encoder: str):
    weights = CONF_WEIGHTS[encoder]
    assert len(weights) == len(FEATURES)
    apart = confidence(weights, feature_row(1, 1, 0.3, 0.3, 0.4, [(0, 1)], join=-0.25))
    member = confidence(weights, feature_row(1, 1, 0.3, 0.3, 0.4, [(0, 1)], join=0.05))
    assert member < apart


def test_a_document_read_as_translated_in_full_is_one_feature():
    news = feature_row(1, 1, 0.3, 0.3, 0.4, [(1, 1)])
    book = feature_row(1, 1, 0.3, 0.3, 0.4, [(1, 1)], in_full=True)
    assert FEATURES[12] == "translated_in_full" and news[12] == 0.0 and book[12] == 1.0
    assert list(np.delete(news, 12)) == list(np.delete(book, 12))


def test_the_editor_scores_a_book_as_the_aligner_did(tmp_path: Path):
    """A document read as translated in full says so in its JSONL header, and the editor's
    rescoring gives its unedited units the aligner's confidence."""
    from aligner.review.session import EditSession

    tb = ROOT / "tests" / "fixtures" / "textberg"
    out = tmp_path / "book.jsonl"
    res = CliRunner().invoke(main, ["align", "--pre-split", "--src-lang", "de", "--tgt-lang", "fr",
                                    str(tb / "test0.de"), str(tb / "test0.fr"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    header = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert header["translated_in_full"] is True
    session = EditSession(out)
    assert session.file.header.translated_in_full
    assert session.rescorer is not None and session.rescorer.wait(300), session.rescorer.error
    units = session.alignment.units
    again = session.rescorer.confidences(session.alignment, range(len(units)))
    gaps = [abs(again[k] - units[k].confidence) for k in range(len(units))]  # type: ignore[operator]
    assert max(gaps) < 0.01, max(gaps)


def test_the_editor_scores_an_unedited_unit_as_the_aligner_did(tmp_path: Path):
    """The rescoring (aligner.review.rescore) computes the same features, the join's included,
    for every unit of the seed pair, the one holding the Arabic list (which the search aligns
    as one block) included."""
    from aligner.review.edit import Split
    from aligner.review.rescore import _blocks
    from aligner.review.session import EditSession

    src, tgt = ROOT / "corpora" / "000_7605adee3dac5af9.txt", ROOT / "corpora" / "003_d8871bab029391e4.txt"
    result = align_files(src, tgt, AlignConfig(encoder="use"))
    out = tmp_path / "seed.jsonl"
    res = CliRunner().invoke(main, ["align", str(src), str(tgt), "--encoder", "use", "-o", str(out)])
    assert res.exit_code == 0, res.output
    session = EditSession(out)
    assert session.rescorer is not None and session.rescorer.wait(300), session.rescorer.error
    units = session.alignment.units
    again = session.rescorer.confidences(session.alignment, range(len(units)))
    items = {i for i, s in enumerate(result.tgt) if s.kind == "item"}
    assert any(items & set(u.tgt) for u in units)
    compared = range(len(units))
    assert [u.src for u in units] == [b.src for b in result.beads]
    gaps = [abs(again[k] - units[k].confidence) for k in compared]  # type: ignore[operator]
    assert max(gaps) < 0.01, list(zip(compared, np.round(gaps, 3), strict=True))

    # once an edit splits the list across two units, its items count one by one
    listed = next(k for k, u in enumerate(units) if items & set(u.tgt))
    assert [len(g) for g in _blocks(session.alignment)[1] if len(g) > 1] == [len(units[listed].tgt)]
    session.apply(Split(listed, src_at=1, tgt_at=3))
    assert all(len(g) == 1 for side in _blocks(session.alignment) for g in side)
    parts = session.alignment.units[listed:listed + 2]
    assert [(len(u.src), len(u.tgt)) for u in parts] == [(1, 3), (1, 3)]
    assert all(u.confidence is not None and 0.0 < u.confidence < 1.0 for u in parts)
