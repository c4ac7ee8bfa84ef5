"""Golden fr–ar cases from the files a user has: reading, segmentation and alignment together.

Each JSON file in ``fixtures/golden_raw`` holds the two files' text, the sentences (and kinds)
reading and segmentation must give, and the gold beads over those sentences. A known
failure is kept as a strict xfail (``"xfail": {"segmentation"|"alignment": "why"}``), so
that a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner import AlignConfig, align_files
from aligner.align.evaluate import parse_beads, score
from aligner.pipeline import load

CASES = sorted((Path(__file__).parent / "fixtures" / "golden_raw").glob("*.json"))


def _case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _files(case: dict, tmp_path: Path) -> tuple[Path, Path]:
    fr = tmp_path / f"fr{case['fr_suffix']}"
    ar = tmp_path / f"ar{case['ar_suffix']}"
    fr.write_text(case["fr_file"], encoding="utf-8")
    ar.write_text(case["ar_file"], encoding="utf-8")
    return fr, ar


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_reading_and_segmentation(path, tmp_path, request):
    case = _case(path)
    if "segmentation" in case.get("xfail", {}):
        request.applymarker(pytest.mark.xfail(reason=case["xfail"]["segmentation"], strict=True))
    fr, ar = _files(case, tmp_path)
    cfg = AlignConfig(encoder="use")
    _doc, src = load(fr, "fr", cfg)
    _doc, tgt = load(ar, "ar", cfg)
    assert [s.text for s in src] == case["fr_sentences"]
    assert [s.text for s in tgt] == case["ar_sentences"]
    assert [s.kind for s in src] == case["fr_kinds"]
    assert [s.kind for s in tgt] == case["ar_kinds"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_alignment_from_files(path, tmp_path, request):
    case = _case(path)
    if "alignment" in case.get("xfail", {}):
        request.applymarker(pytest.mark.xfail(reason=case["xfail"]["alignment"], strict=True))
    fr, ar = _files(case, tmp_path)
    result = align_files(fr, ar, AlignConfig(encoder="use"))
    pred = [(b.src, b.tgt) for b in result.beads]
    s = score([parse_beads("\n".join(case["gold"]))], [pred])
    assert s.f1_strict == 1.0, (pred, case["gold"])
