"""Any Unicode through every output and back through every reader of the project.

The per-format round trip (write, then the format's own ``read_units``) is in
tests/test_contracts.py; here the same text goes on through the readers the
other commands use: the JSONL record reader, QA's unit loader (JSONL and
TMX), the review builder and its page, the QA JSON report, and ``tmx convert``
both ways (TMX → JSONL/TSV → TMX). Line separators (U+2028, U+2029, U+0085),
controls, BOMs, markup and combining marks are drawn often.
"""

from __future__ import annotations

import html
import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.formats import write_alignment
from aligner.formats.base import one_line
from aligner.io.records import read_beads
from aligner.models import Alignment, Bead, Sentence
from aligner.qa.report import render
from aligner.qa.run import load_units, run_checks
from aligner.review.html import render_review
from aligner.review.model import review_file
from aligner.tmx.reader import iter_units
from aligner.tmx.tools import convert
from aligner.tmx.writer import clean_segment

TRICKY = list("\u2028\u2029\u0085\r\n\t\x00\x01\x0b\x0c\x1c\x7f\ufeff\ufffe<>&\"'\u0301\u0651\u200f\u202e") + [
    "]]>", "</script>", "&amp;", "\r\n", "e\u0301", "\U0001f600"]
TEXT = st.lists(st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), st.sampled_from(TRICKY)),
                min_size=1, max_size=6).map("".join).filter(lambda t: clean_segment(t) != "")
PAIRS = st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4)
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _alignment(pairs: list[tuple[str, str]]) -> Alignment:
    src = [Sentence(i, s) for i, (s, _t) in enumerate(pairs)]
    tgt = [Sentence(i, t) for i, (_s, t) in enumerate(pairs)]
    beads = [Bead((i,), (i,), 0.9) for i in range(len(pairs))]
    return Alignment(src, tgt, beads, "fr", "ar", signature="fr-ar|enc:standin-1")


@SETTINGS
@given(pairs=PAIRS)
def test_jsonl_through_every_reader(tmp_path_factory, pairs) -> None:
    folder = tmp_path_factory.mktemp("rt")
    path = folder / "out.jsonl"
    write_alignment(_alignment(pairs), path)
    assert [(r.source, r.target) for r in read_beads(path)] == pairs
    assert [(u.src, u.tgt) for u in load_units(path)] == pairs
    review = review_file(path)
    assert [(r.source, r.target) for r in review.rows if r.kind == "unit"] == pairs
    page = render_review(review)
    for s, t in pairs:
        assert html.escape(s) in page and html.escape(t) in page
    report = json.loads(render(run_checks(load_units(path)), "json"))
    assert [(u["source"], u["target"]) for u in report["units"]] == pairs
    tmx = folder / "back.tmx"
    convert(path, tmx)  # JSONL → TMX: cleaned text, NFC
    _check_tmx(tmx, pairs)


def _check_tmx(path: Path, pairs: list[tuple[str, str]]) -> None:
    got = [(u.text("fr"), u.text("ar")) for u in iter_units(path)]
    want = {(clean_segment(s), clean_segment(t)) for s, t in pairs}
    assert set(got) <= want and {s for s, _ in got} == {s for s, _ in want}
    for s, t in got:
        assert s is not None and t is not None
        assert unicodedata.is_normalized("NFC", s) and unicodedata.is_normalized("NFC", t)


@SETTINGS
@given(pairs=PAIRS)
def test_tmx_through_every_reader(tmp_path_factory, pairs) -> None:
    folder = tmp_path_factory.mktemp("rt")
    tmx = folder / "out.tmx"
    write_alignment(_alignment(pairs), tmx)
    _check_tmx(tmx, pairs)
    units = load_units(tmx)
    assert all(unicodedata.is_normalized("NFC", u.src) and unicodedata.is_normalized("NFC", u.tgt) for u in units)
    for suffix in (".jsonl", ".tsv"):
        flat = folder / f"conv{suffix}"
        convert(tmx, flat)
        again = folder / f"again{suffix}.tmx"
        convert(flat, again)
        assert [(u.text("fr"), u.text("ar")) for u in iter_units(again)] == \
            [(u.text("fr"), u.text("ar")) for u in iter_units(tmx)]


@SETTINGS
@given(pairs=PAIRS)
def test_tsv_through_convert(tmp_path_factory, pairs) -> None:
    folder = tmp_path_factory.mktemp("rt")
    tsv = folder / "out.tsv"
    write_alignment(_alignment(pairs), tsv)
    tmx = folder / "back.tmx"
    convert(tsv, tmx)
    _check_tmx(tmx, [(one_line(s), one_line(t)) for s, t in pairs])


def test_nfc_is_applied_after_illegal_characters_are_removed() -> None:
    """'e', U+0001, U+0301: removing the control makes a composable pair; the TMX text must be NFC."""
    assert clean_segment("e\x01\u0301") == "\u00e9"
    assert unicodedata.is_normalized("NFC", clean_segment("A\ufffe\u030a"))
