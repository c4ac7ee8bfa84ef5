"""The seed pair (corpora 000 fr ↔ 003 ar) against a gold written by reading both articles.

Every Arabic sentence with a French counterpart must land in its unit (or a unit the
gold allows where the Arabic reorders), and a unit that is wrong must be flagged
(confidence below 0.5).
"""

import json
from pathlib import Path

import pytest

from aligner.config import AlignConfig
from aligner.pipeline import align_files

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((Path(__file__).parent / "fixtures" / "seed" / "gold_000_003.json").read_text(encoding="utf-8"))
ARABIC = {int(k): v for k, v in GOLD["arabic"].items()}
# Arabic 19 and 20 restate fr 14-15 before fr 12-13's content; the search paired them 1-1 with
# fr 12 and fr 13 (19 opens as fr 12 does, « cette visite incarne ») and left 21, fr 12-13's own
# rendering, unaligned, until fr 12's far better partner 21 re-paired it
# (AlignConfig.reorder_margin): 19 and 20 are unaligned, as the gold allows. 7 and 8 (one 3-3
# unit whose order the Arabic changed) are placed as the gold allows since a 1-1 pair as unlike
# as random sentences costs more than two unaligned ones (AlignConfig.unrelated_weight).


@pytest.fixture(scope="module")
def beads():
    result = align_files(ROOT / "corpora" / "000_7605adee3dac5af9.txt", ROOT / "corpora" / "003_d8871bab029391e4.txt",
                         AlignConfig(encoder="use"))
    assert len(result.src) == GOLD["src_sentences"] and len(result.tgt) == GOLD["tgt_sentences"]
    return result.beads


def placed_right(k: int, src: tuple[int, ...]) -> bool:
    """Whether Arabic sentence *k* in a unit with French *src* is where the gold puts it."""
    gold = ARABIC[k]
    if not gold["fr"]:
        return not src
    if not src:
        return bool(gold.get("may_skip"))
    return sorted(src) == gold["fr"] or sorted(src) in gold.get("alt", [])


@pytest.mark.parametrize("k", sorted(ARABIC))
def test_arabic_sentence_lands_in_its_unit(beads, k):
    bead = next(b for b in beads if k in b.tgt)
    assert placed_right(k, bead.src), (k, bead)


def test_editor_comment_and_added_headings_stay_unaligned(beads):
    by_src = {i: b for b in beads for i in b.src}
    assert not by_src[16].tgt
    for k in (0, 5, 9, 18, 22):
        assert next(b for b in beads if k in b.tgt).src == ()
