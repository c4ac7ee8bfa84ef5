import pytest

from aligner.align.evaluate import parse_beads, score
from aligner.errors import InputError


def test_parse_gold_and_prediction_formats():
    assert parse_beads("[0]:[0, 1]\n[]:[2]\n[1, 2]:[3]:0.93\n") == [((0,), (0, 1)), ((), (2,)), ((1, 2), (3,))]


def test_parse_error_names_line():
    with pytest.raises(InputError, match="line 2"):
        parse_beads("[0]:[0]\nnonsense\n", "g.beads")


def test_scores_match_vecalign_convention():
    gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]")
    test = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]")
    s = score([gold], [test])
    # precision over 5 predicted beads: strict tp = [0]:[0], []:[2], [3]:[3]
    assert s.precision_strict == pytest.approx(3 / 5)
    # [1]:[1] is a lax hit; [2]:[] has no target, so a lax miss
    assert s.precision_lax == pytest.approx(4 / 5)
    # recall over the 3 gold beads with both sides: [1,2]:[1] is missed strictly
    assert s.recall_strict == pytest.approx(2 / 3)
    assert s.recall_lax == pytest.approx(1.0)


def test_agrees_with_sentalign_scorer():
    sentalign_score = pytest.importorskip("sentalign.score")
    gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3, 4]\n[4]:[]")
    test = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[]:[4]\n[4]:[]")
    ours = score([gold, test], [test, gold])
    ref = sentalign_score.score_multiple([gold, test], [test, gold])
    assert ours.f1_strict == pytest.approx(ref["f1_strict"])
    assert ours.f1_lax == pytest.approx(ref["f1_lax"])
    assert ours.precision_lax == pytest.approx(ref["precision_lax"])
    assert ours.recall_strict == pytest.approx(ref["recall_strict"])


def test_pairs_must_match():
    with pytest.raises(InputError, match="in pairs"):
        score([[]], [])
