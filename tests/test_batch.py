import json
import shutil

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.config import AlignConfig
from aligner.corpus.batch import run_batch
from aligner.tmx.tools import validate

from .conftest import CORPORA, golden_cases


def test_pair_seed_articles_json():
    res = CliRunner().invoke(main, ["pair", str(CORPORA), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [(p["fr"].split("/")[-1][:3], p["ar"].split("/")[-1][:3]) for p in data["pairs"]] == [("000", "003")]
    assert isinstance(data["pairs"][0]["score"], float)
    assert sorted(u["file"].split("/")[-1][:3] for u in data["unpaired"]) == ["001", "002", "004"]
    assert all(u["language"] == "fr" and u["reason"] for u in data["unpaired"])


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(CORPORA, src, ignore=shutil.ignore_patterns("README.md"))
    case = next(c for c in golden_cases() if c["label"] == "flores-one-to-one")
    (src / "flores_fr.txt").write_text("\n".join(case["fr"]) + "\n", encoding="utf-8")
    (src / "flores_ar.txt").write_text("\n".join(case["ar"]) + "\n", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "photo.txt").write_bytes(bytes(range(256)) * 8)
    (src / "english.txt").write_text("The minister arrived in Rabat on Monday and met the director of the police.\n",
                                     encoding="utf-8")
    return src


def test_batch_writes_pairs_merged_tmx_and_manifest(folder, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signature"].startswith("fr-ar|enc:use-")
    pairs = {(p["fr"].split("/")[-1], p["ar"].split("/")[-1]) for p in manifest["pairs"]}
    assert pairs == {("000_7605adee3dac5af9.txt", "003_d8871bab029391e4.txt"), ("flores_fr.txt", "flores_ar.txt")}
    for p in manifest["pairs"]:
        assert validate(p["output"]) == [] and p["units"] > 0 and 0 < p["mean_confidence"] <= 1
        assert p["verdict"] in ("parallel", "comparable")
    seed = next(p for p in manifest["pairs"] if p["fr"].endswith("000_7605adee3dac5af9.txt"))
    assert seed["output"].endswith("pairs/000_7605adee3dac5af9__003_d8871bab029391e4.tmx")
    assert validate(out / "all.tmx") == []
    unpaired = {u["file"].split("/")[-1]: u for u in manifest["unpaired"]}
    listed = set(unpaired) | {n for pair in pairs for n in pair}
    assert listed == {f.name for f in folder.iterdir()}
    assert "empty" in unpaired["empty.txt"]["reason"]
    assert "binary" in unpaired["photo.txt"]["reason"]
    assert unpaired["english.txt"]["language"] == "en" and "English" in unpaired["english.txt"]["reason"]


def _tmx_bodies(out):
    import re

    return {p.name: re.sub(r'creationdate="[^"]*"', "", p.read_text(encoding="utf-8"))
            for p in sorted((out / "pairs").glob("*.tmx"))}


def test_parallel_equals_serial_and_resume(folder, tmp_path):
    cfg = AlignConfig()
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    run_batch(folder, serial, cfg, jobs=1)
    run_batch(folder, parallel, cfg, jobs=2)
    assert _tmx_bodies(serial) == _tmx_bodies(parallel)
    # Simulate an interruption: one pair's record is lost, the other stays finished.
    records = sorted((serial / "pairs").glob("*.json"))
    records[0].unlink()
    (serial / "manifest.json").unlink()
    kept_mtime = records[1].stat().st_mtime_ns
    kept_tmx = records[1].with_suffix(".tmx").stat().st_mtime_ns
    manifest = run_batch(folder, serial, cfg, resume=True)
    assert records[0].exists() and len(manifest["pairs"]) == 2  # type: ignore[arg-type]
    assert records[1].stat().st_mtime_ns == kept_mtime
    assert records[1].with_suffix(".tmx").stat().st_mtime_ns == kept_tmx


def test_batch_output_is_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(CORPORA), "-o", str(target)])
    assert res.exit_code == 1 and "not a folder" in res.stderr


def test_pair_missing_path():
    res = CliRunner().invoke(main, ["pair", "no/such/dir"])
    assert res.exit_code == 1 and "no such file or folder" in res.stderr
