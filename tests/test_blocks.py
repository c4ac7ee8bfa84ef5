"""Lists on one side only are aligned as one block (aligner.align.blocks)."""

import numpy as np

from aligner.align.blocks import expand, grouped, list_groups
from aligner.lang.segment import opens_with_title
from aligner.models import Bead, Sentence


def _doc(kinds_texts):
    return [Sentence(i, t, k) for i, (k, t) in enumerate(kinds_texts)]


def test_introduction_and_items_form_one_group_only_when_the_other_side_has_none():
    doc = _doc([("sentence", "Le plan vise :"), ("item", "a."), ("item", "b."), ("sentence", "Fin.")])
    assert list_groups(doc, other_has_items=False) == [(0, 1, 2), (3,)]
    assert list_groups(doc, other_has_items=True) == [(0,), (1,), (2,), (3,)]
    # a single item is no list
    assert list_groups(_doc([("sentence", "Voici :"), ("item", "a.")]), False) == [(0,), (1,)]


def test_grouped_vectors_are_normalised_sums_and_beads_expand_back():
    doc = _doc([("sentence", "Le plan vise :"), ("item", "a."), ("item", "b."), ("sentence", "Fin.")])
    groups = list_groups(doc, other_has_items=False)
    vecs = np.eye(4, dtype=np.float32)
    sents, rows = grouped(doc, vecs, groups)
    assert [s.text for s in sents] == ["Le plan vise : a. b.", "Fin."]
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert np.allclose(rows[0], np.array([1, 1, 1, 0]) / np.sqrt(3))
    out = expand([Bead((0,), (0,), 0.9), Bead((1,), (), 0.8)], [(0,), (1,)], groups)
    assert out == [Bead((0,), (0, 1, 2), 0.9), Bead((1,), (), 0.8)]


def test_glued_titles():
    assert opens_with_title("Baignade : attention aux courants. Les courants de retour…")
    assert opens_with_title("السباحة: احذروا التيارات الساحبة – تيارات")
    assert not opens_with_title("Un communiqué du chef de la Direction générale de la Sûreté nationale précise que")
    assert not opens_with_title("Le taux est de 3.5 pour cent")


def test_a_heading_or_a_dateline_is_no_glued_title():
    from aligner.lang.segment import glued_title

    assert glued_title(Sentence(0, "Baignade : attention aux courants. Les courants de retour…", "sentence"), "fr")
    # a title with its kicker is a heading, not a title glued to a lead
    assert not glued_title(Sentence(0, "Sécheresse : le ministère dévoile un plan d'urgence", "heading"), "fr")
    # place, date and agency open a wire story: a dateline, not a title
    assert not glued_title(Sentence(0, "Rabat, 14 janvier 2025 (MAP) – Le ministère a présenté un plan.", "sentence"), "fr")
    assert not glued_title(Sentence(0, "عمّان، 14 نوفمبر (بترا) – اختتمت بعثة صندوق النقد الدولي مهمتها.", "sentence"), "ar")
