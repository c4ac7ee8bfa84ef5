"""The review page: rows in reading order, dropped lines in place, dot plot, nothing fetched."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.errors import InputError
from aligner.io.records import parse_record
from aligner.review.html import render_review
from aligner.review.model import build_review as _build_review

from .conftest import SEED_AR, SEED_FR


def build_review(dicts):
    return _build_review([r for r in (parse_record(d, 'test') for d in dicts) if r is not None])


def records():
    sig = "fr-ar|enc:test"
    return [
        {"type": "header", "source": "/x/fr.txt", "target": "/x/ar.txt", "src_lang": "fr", "tgt_lang": "ar",
         "signature": sig},
        {"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "Titre", "target": "عنوان",
         "confidence": 0.95, "src_kinds": ["heading"], "tgt_kinds": ["heading"]},
        {"type": "bead", "src_ids": [1], "tgt_ids": [1, 2], "source": "Il y a 300 cas le 5 mai.",
         "target": "هناك 310 حالة. في 5 ماي.", "confidence": 0.62},
        {"type": "bead", "src_ids": [2], "tgt_ids": [], "source": "Une phrase sans traduction aucune ici.",
         "target": "", "confidence": 0.0},
        {"type": "bead", "src_ids": [], "tgt_ids": [3], "source": "", "target": "جملة مضافة.", "confidence": 0.0},
        {"type": "bead", "src_ids": [3], "tgt_ids": [4], "source": "Fin <script>alert(1)</script> & co.",
         "target": "النهاية.", "confidence": 0.2},
        {"type": "dropped", "side": "src", "line": 1, "text": "Par Jean Dupont", "reason": "byline", "before": 0},
        {"type": "dropped", "side": "tgt", "line": 9, "text": "شاهد أيضا", "reason": "teaser", "before": 5},
        {"type": "dropped", "side": "src", "line": 4, "text": "Photo: AFP", "reason": "source line", "before": 2},
    ]


def test_rows_keep_reading_order_and_place_dropped_lines():
    review = build_review(records())
    kinds = [(r.kind, r.source or r.target) for r in review.rows]
    assert kinds[0] == ("dropped", "Par Jean Dupont")
    assert kinds[1][0] == "unit" and kinds[2][0] == "unit"
    assert kinds[3] == ("dropped", "Photo: AFP")  # before French sentence 2
    assert [k for k, _ in kinds[4:]] == ["unaligned", "unaligned", "unit", "dropped"]
    assert kinds[-1] == ("dropped", "شاهد أيضا")  # after the last Arabic sentence
    assert review.source_name == "fr.txt" and review.signature == "fr-ar|enc:test"
    assert (review.src_count, review.tgt_count) == (4, 5)


def test_findings_land_on_their_row_and_bands_follow_confidence():
    review = build_review(records())
    by_unit = {r.unit: r for r in review.rows if r.unit is not None}
    assert "number" in {f.check for f in by_unit[1].findings}
    assert by_unit[1].flagged
    assert [by_unit[n].band for n in (0, 1, 4)] == ["high", "medium", "low"]
    assert by_unit[2].band == "none" and by_unit[2].reason == "no counterpart in the target"


def test_rows_are_numbered_as_aligner_qa_numbers_units(tmp_path):
    """The review page and `aligner qa` on the same JSONL give a unit the same number."""
    review = build_review(records())
    numbers = [(r.kind, r.number) for r in review.rows if r.kind != "dropped"]
    # pairs 0, 1; two unaligned sentences take the number of the pair after them (2); that pair is 2
    assert numbers == [("unit", 0), ("unit", 1), ("unaligned", 2), ("unaligned", 2), ("unit", 2)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    out = tmp_path / "qa.json"
    result = CliRunner().invoke(main, ["qa", str(path), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    qa_findings = {(f["unit"], f["check"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
    page_findings = {(r.number, f.check) for r in review.rows for f in r.findings}
    assert qa_findings == page_findings
    page = render_review(review)
    assert re.search(r'<td class="n" title="French 3 / Arabic 4">2</td>', page)


def test_page_is_self_contained_and_escapes_text():
    page = render_review(build_review(records()))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "default-src 'none'" in page
    # No URL that a browser would fetch: the only http address is the SVG namespace.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert not re.search(r"\b(src|href)=\"(?!#)", page)
    assert page.count('class="bead ') == 5  # one mark per bead, null beads included
    assert page.count('lang="ar" dir="rtl"') == 8 and page.count('lang="fr" dir="ltr"') == 8


def test_the_header_says_whether_the_document_read_as_translated_in_full():
    from aligner.io.records import HeaderRecord

    book = parse_record(HeaderRecord(signature="x", translated_in_full=True).to_json(), "test")
    assert isinstance(book, HeaderRecord) and book.translated_in_full and book.extra == {}
    older = parse_record({"type": "header", "signature": "x"}, "test")  # a file from before the field
    assert isinstance(older, HeaderRecord) and not older.translated_in_full
    with pytest.raises(InputError, match="translated_in_full"):
        parse_record({"type": "header", "translated_in_full": "yes"}, "test")


def test_review_needs_beads():
    with pytest.raises(InputError, match="no aligned units"):
        build_review([{"type": "header"}])


def test_report_cli_and_errors(tmp_path):
    runner = CliRunner()
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records()) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    res = runner.invoke(main, ["report", str(jsonl), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "id=\"dotplot\"" in out.read_text(encoding="utf-8")

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = runner.invoke(main, ["report", str(bad), "-o", str(tmp_path / "b.html")])
    assert res.exit_code == 1 and "line 1: not JSON" in res.output
    assert not (tmp_path / "b.html").exists()

    res = runner.invoke(main, ["report", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "c.html")])
    assert res.exit_code == 1 and "no such file" in res.output

    res = runner.invoke(main, ["report", str(jsonl), "-o", str(tmp_path / "no" / "dir" / "r.html")])
    assert res.exit_code == 1 and "Error:" in res.output and "Traceback" not in res.output


def test_align_report_matches_report_from_jsonl(tmp_path):
    runner = CliRunner()
    jsonl, page1, page2 = tmp_path / "s.jsonl", tmp_path / "1.html", tmp_path / "2.html"
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(jsonl), "--report", str(page1), "-q"])
    assert res.exit_code == 0, res.output
    assert runner.invoke(main, ["report", str(jsonl), "-o", str(page2)]).exit_code == 0
    text = page1.read_text(encoding="utf-8")
    assert text == page2.read_text(encoding="utf-8")
    assert "comparable" in text and "000_7605adee3dac5af9.txt" in text
    # The editorial comment at the end of 000 is shown, greyed, with no counterpart.
    assert "no counterpart in the target" in text
    assert "dropped as boilerplate: byline" in text
