"""``aligner batch --engine ray`` on a local Ray (2 CPUs, started once for the module): the same
pairs, units and files as the local engine on a generated corpus of 219 documents (bad files
included); a worker killed mid-run; a driver killed and resumed. The stand-in encoder
(tests/lexicon.py) keeps encoding out of the time: the engines' plumbing is the point."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.config import AlignConfig
from aligner.corpus.batch import run_batch

from .conftest import ROOT
from .lexicon import make_corpus

ray = pytest.importorskip("ray")

CFG = AlignConfig(encoder="lexicon")


@pytest.fixture(scope="module")
def ray_address(tmp_path_factory):
    """A local Ray with 2 CPUs whose workers can import tests.lexicon and take kill orders."""
    kill_dir = tmp_path_factory.mktemp("kill")
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "ALIGNER_LEXICON_KILL")}
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), saved["PYTHONPATH"]) if p)
    os.environ["ALIGNER_LEXICON_KILL"] = str(kill_dir)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray.get_runtime_context().gcs_address, kill_dir
    finally:
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    return out, run_batch(corpus, out, CFG, jobs=1)


def _normal(manifest: dict, out: Path) -> str:
    return json.dumps(manifest, sort_keys=True, ensure_ascii=False).replace(str(out), "OUT")


def _bodies(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): re.sub(r'creationdate="[^"]*"', "", p.read_text(encoding="utf-8"))
            for p in sorted(out.rglob("*.tmx"))}


def _assert_same(out: Path, manifest: dict, reference: tuple[Path, dict]) -> None:
    ref_out, ref = reference
    assert _normal(manifest, out) == _normal(ref, ref_out)
    assert _bodies(out) == _bodies(ref_out)


def test_reference_corpus_is_realistic(corpus, reference):
    _out, ref = reference
    files = [p for p in corpus.rglob("*") if p.is_file()]
    assert len(files) >= 200
    assert len(ref["pairs"]) >= 90 and ref["all_units"] > 300
    reasons = " ".join(u["reason"] for u in ref["unpaired"])
    assert "empty" in reasons and "binary" in reasons and "English" in reasons


def test_ray_gives_the_local_engine_units(ray_address, corpus, reference, tmp_path):
    manifest = run_batch(corpus, tmp_path, CFG, jobs=2, engine="ray")
    _assert_same(tmp_path, manifest, reference)


def test_worker_killed_mid_run_is_retried(ray_address, corpus, reference, tmp_path):
    _address, kill_dir = ray_address
    (kill_dir / "describe.kill").write_text("describe 20", encoding="utf-8")
    (kill_dir / "align.kill").write_text("align 5", encoding="utf-8")
    manifest = run_batch(corpus, tmp_path, CFG, jobs=2, engine="ray")
    claimed = sorted(p.name.split(".")[0] for p in kill_dir.glob("*.claimed-*"))
    assert claimed == ["align", "describe"], "both workers were killed"
    _assert_same(tmp_path, manifest, reference)


def test_driver_killed_then_resumed(ray_address, corpus, reference, tmp_path):
    address, _kill_dir = ray_address
    code = "import tests.lexicon; from aligner.cli import main; main()"
    cmd = [sys.executable, "-c", code, "batch", str(corpus), "-o", str(tmp_path), "--engine", "ray",
           "--address", address, "--jobs", "2", "--encoder", "lexicon", "--no-cache", "-q"]
    driver = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list(tmp_path.rglob("*.json"))) < 10 and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    done = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json")}
    assert 10 <= len(done) < len(reference[1]["pairs"]), "killed mid-run"
    assert not (tmp_path / "manifest.json").exists()
    manifest = run_batch(corpus, tmp_path, CFG, jobs=2, engine="ray", resume=True)
    _assert_same(tmp_path, manifest, reference)
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in done.items()), "finished pairs were redone"


def test_manifest_with_groups_same_on_both_engines(ray_address, corpus, tmp_path):
    rows = []
    for k, path in enumerate(sorted(p for p in corpus.rglob("*.txt"))):
        rel = path.relative_to(corpus)
        group = rel.parts[0] if len(rel.parts) > 1 else ""
        lang = "fr" if path.stem.endswith("_fr") else "ar" if path.stem.endswith("_ar") else ""
        rows.append({"id": f"d{k}", "path": f"{corpus.name}/{rel.as_posix()}", "language": lang, "group": group})
    manifest_path = corpus.parent / "corpus.jsonl"
    manifest_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    local = run_batch(manifest_path, tmp_path / "local", CFG)
    remote = run_batch(manifest_path, tmp_path / "ray", CFG, jobs=2, engine="ray")
    assert _normal(local, tmp_path / "local") == _normal(remote, tmp_path / "ray")
    assert _bodies(tmp_path / "local") == _bodies(tmp_path / "ray")
    groups = {Path(p["output"]).parent.name for p in local["pairs"]}  # type: ignore[union-attr]
    assert groups == {"pairs", "site0", "site1", "site2"}
    for p in local["pairs"]:  # type: ignore[union-attr]
        assert Path(p["fr"]).parent == Path(p["ar"]).parent, "paired within its group"
