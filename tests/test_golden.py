"""Golden fr–ar documents with gold beads (FLORES-200 devtest, see fixtures/README.md)."""

import pytest

from aligner.align.evaluate import parse_beads, score
from aligner.config import AlignConfig
from aligner.lang.segment import pre_split
from aligner.pipeline import align_sentences

from .conftest import golden_cases


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c["label"])
@pytest.mark.parametrize("encoder", ["use", "e5"])
def test_golden_alignment(case, encoder):
    # Each line is one segment; its kind (heading or sentence) is found as
    # segmentation would find it.
    src = pre_split("\n".join(case["fr"]) + "\n")
    tgt = pre_split("\n".join(case["ar"]) + "\n")
    result = align_sentences(src, tgt, AlignConfig(encoder=encoder))
    gold = parse_beads("\n".join(case["gold"]))
    pred = [(b.src, b.tgt) for b in result.beads]
    s = score([gold], [pred])
    assert s.f1_strict >= 0.9, (pred, gold)
    assert s.f1_lax >= 0.97
