"""The written fr–ar benchmark (scripts/build_frar_written.py) is its sources, rebuilt exactly."""

import importlib.util
import json
from pathlib import Path

import pytest

from aligner.align.evaluate import read_beads

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "benchmarks" / "frar" / "written-src").glob("*/*.json"))


def _builder():
    spec = importlib.util.spec_from_file_location("build_frar_written", ROOT / "scripts" / "build_frar_written.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_and_report_documents_are_apart():
    dev = {p.stem for p in SOURCES if p.parent.name == "dev"}
    test = {p.stem for p in SOURCES if p.parent.name == "test"}
    assert len(dev) >= 4 and len(test) >= 4 and not dev & test


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_built_files_match_their_source_and_cover_every_line_once(source, tmp_path):
    _builder().build_document(source, tmp_path)
    folder = ROOT / "benchmarks" / "frar" / ("written-dev" if source.parent.name == "dev" else "written")
    for suffix in (".fr", ".ar", ".frar", ".tags"):
        built = (tmp_path / f"{source.stem}{suffix}").read_text(encoding="utf-8")
        assert built == (folder / f"{source.stem}{suffix}").read_text(encoding="utf-8"), suffix
    fr = (folder / f"{source.stem}.fr").read_text(encoding="utf-8").splitlines()
    ar = (folder / f"{source.stem}.ar").read_text(encoding="utf-8").splitlines()
    beads = read_beads(folder / f"{source.stem}.frar")
    assert [i for src, _ in beads for i in src] == list(range(len(fr)))
    assert [j for _, tgt in beads for j in tgt] == list(range(len(ar)))
    units = [u for a in json.loads(source.read_text(encoding="utf-8"))["articles"] for u in a["units"]]
    assert len(beads) == len(units)
