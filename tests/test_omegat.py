"""A real CAT tool imports our TMX: OmegaT fills every segment from it."""

import os
import re

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.tmx.reader import iter_units

from .conftest import SEED_AR, SEED_FR, golden_cases
from .omegat_project import OMEGAT_JAR, translate_with_omegat

pytestmark = [
    pytest.mark.omegat,
    pytest.mark.skipif(not OMEGAT_JAR.exists() and not os.environ.get("ALIGNER_REQUIRE_OMEGAT"),
                       reason="OmegaT is not installed (apt-get install omegat); CI requires it"),
]


def _fill_rate(tmp_path, tmx):
    units = list(iter_units(tmx))
    fr = [u.text("fr") for u in units]
    ar = [u.text("ar") for u in units]
    assert units, "the TMX has no units"
    target, stats = translate_with_omegat(tmp_path, fr, tmx)
    remaining = re.search(r"Remaining:\s+(\d+)", stats)
    assert remaining is not None
    return target, ar, int(remaining.group(1))


def test_omegat_fills_every_segment_of_the_seed_pair(tmp_path):
    tmx = tmp_path / "seed.tmx"
    res = CliRunner().invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(tmx), "-q"])
    assert res.exit_code == 0, res.output
    target, ar, remaining = _fill_rate(tmp_path, tmx)
    assert target == ar
    assert remaining == 0


def test_omegat_fills_every_segment_of_a_benchmark_document(tmp_path):
    case = next(c for c in golden_cases() if c["label"] == "flores-merge-heading-drop")
    (tmp_path / "fr.txt").write_text("\n".join(case["fr"]) + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("\n".join(case["ar"]) + "\n", encoding="utf-8")
    tmx = tmp_path / "doc.tmx"
    res = CliRunner().invoke(main, ["align", "--pre-split", str(tmp_path / "fr.txt"), str(tmp_path / "ar.txt"),
                                    "-o", str(tmx), "--cat-profile", "omegat", "-q"])
    assert res.exit_code == 0, res.output
    target, ar, remaining = _fill_rate(tmp_path, tmx)
    assert target == ar
    assert remaining == 0
