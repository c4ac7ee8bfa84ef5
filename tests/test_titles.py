"""A story title one side left unaligned joins its lead's unit when the other side's lead
renders it (``AlignConfig.title_fold``, :func:`aligner.align.headlines.fold_titles`)."""

from pathlib import Path

import numpy as np
import pytest

from aligner.align.headlines import TITLE_WINDOW, fold_titles
from aligner.config import AlignConfig
from aligner.errors import ConfigError
from aligner.lang.segment import pre_split
from aligner.pipeline import align_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "titles"


def _read(name: str):
    return pre_split((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stories():
    return _read("stories.fr"), _read("stories.ar")


def _units(stories, **settings):
    src, tgt = stories
    cfg = AlignConfig(encoder="use", pre_split=True, **settings)
    return [(b.src, b.tgt) for b in align_sentences(src, tgt, cfg).beads]


def test_a_title_the_other_side_renders_in_its_lead_joins_the_leads_unit(stories):
    src, tgt = stories
    assert src[0].kind == "heading" and tgt[0].kind == "sentence"
    units = _units(stories)
    # « Maroc : la Banque centrale maintient son taux directeur à 2,75 % » + « RABAT, 17 septembre
    # (MAP) – Bank Al-Maghrib a décidé… » ↔ «قرر بنك المغرب… الإبقاء على سعر الفائدة الرئيسي…»
    assert ((0, 1), (0,)) in units
    # the second story's Arabic has its own headline: the French title is not folded into the lead
    assert ((7,), (6,)) in units
    assert not any(6 in s and len(s) > 1 for s, _ in units)
    # switched off, the title stays unaligned
    off = _units(stories, title_fold=None)
    assert ((0,), ()) in off and ((1,), (0,)) in off


def _path_case(rank_first: bool, own_heading: bool):
    """Side 0: title 0, lead 1 (dateline), 2…; side 1: (an own heading,) lead, …; a path with
    the title unaligned before the lead's 1-1 unit."""
    rng = np.random.default_rng(3)
    dim = 64
    x = rng.normal(size=(12, dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    off = 1 if own_heading else 0
    y = np.zeros((12 - 1 + off, dim))
    y[off:] = x[1:] + 0.3 * rng.normal(size=(11, dim))
    if own_heading:
        y[0] = rng.normal(size=dim)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    # the title leans towards the lead's partner, or towards another sentence nearby more
    x[0] = y[off] + 0.5 * x[1] + (0.0 if rank_first else 2.0 * (y[off + 2] + y[off + 3]))
    x[0] /= np.linalg.norm(x[0])
    heads = (np.arange(12) == 0, np.arange(len(y)) == 0 if own_heading else np.zeros(len(y), bool))
    leads = (np.arange(12) == 1, np.arange(len(y)) == off)
    # the other side's own headline, unaligned, comes first (the order in which it stands next
    # to the lead's partner)
    raw = ([(0, 1, 0, 1)] if own_heading else []) + [(1, off, 1, 0)] + [(i + 1, i + off, 1, 1) for i in range(1, 12)]
    return x, y, heads, leads, raw


def test_fold_titles_joins_only_a_title_whose_lead_partner_is_among_its_best_matches():
    x, y, heads, leads, raw = _path_case(rank_first=True, own_heading=False)
    folded = fold_titles(raw, x, y, heads, leads, 0.2, 5, lambda: (0.0, 0.7))
    assert folded[0] == (2, 1, 2, 1) and folded[1:] == raw[2:]
    # a rubric heading on the story's topic: nearer other sentences than the lead's partner
    x, y, heads, leads, raw = _path_case(rank_first=False, own_heading=False)
    assert int((y[:TITLE_WINDOW] @ x[0] > y[0] @ x[0]).sum()) >= 2
    assert fold_titles(raw, x, y, heads, leads, 0.2, 5, lambda: (0.0, 0.7)) == raw
    # too far below the spread, or switched off, or the document's levels unknown
    x, y, heads, leads, raw = _path_case(rank_first=True, own_heading=False)
    assert fold_titles(raw, x, y, heads, leads, 1.0, 5, lambda: (0.5, 0.7)) == raw
    assert fold_titles(raw, x, y, heads, leads, None, 5, lambda: (0.0, 0.7)) == raw
    assert fold_titles(raw, x, y, heads, leads, 0.2, 5, lambda: None) == raw
    # no dateline opens the next sentence: not a story's lead
    assert fold_titles(raw, x, y, heads, (np.zeros(12, bool), leads[1]), 0.2, 5, lambda: (0.0, 0.7)) == raw
    # the unit would outgrow the largest bead
    assert fold_titles(raw, x, y, heads, leads, 0.2, 2, lambda: (0.0, 0.7)) == raw


def test_fold_titles_leaves_a_title_alone_when_the_other_side_has_its_own():
    x, y, heads, leads, raw = _path_case(rank_first=True, own_heading=True)
    assert fold_titles(raw, x, y, heads, leads, 0.2, 5, lambda: (0.0, 0.7)) == raw


def test_title_fold_share_is_checked():
    with pytest.raises(ConfigError, match="title fold"):
        AlignConfig(title_fold=1.5)
