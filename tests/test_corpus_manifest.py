"""Corpus manifests (JSONL, Parquet, fsspec URLs), nearest-document search and the batch engine option."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.config import AlignConfig, PairConfig
from aligner.corpus.batch import run_batch
from aligner.corpus.manifest import load_corpus, read_manifest
from aligner.corpus.neighbours import faiss_available, top_k
from aligner.corpus.pairing import add_vector, describe, pair_group
from aligner.errors import InputError

from .conftest import ROOT, SEED_AR, SEED_FR
from .lexicon import LexiconEncoder, make_corpus


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_manifest_rows(tmp_path):
    man = _write(tmp_path / "c.jsonl", [
        {"id": "a", "path": "x/a.txt", "language": "fr", "group": "site1"},
        {"path": "/abs/b.html", "language": "auto"},
        {"id": "c", "path": "s3://bucket/c.txt"},
    ])
    docs = read_manifest(man)
    assert [(d.index, d.doc_id, d.language, d.group) for d in docs] == [
        (0, "a", "fr", "site1"), (1, "b", "", ""), (2, "c", "", "")]
    assert docs[0].path == str(tmp_path / "x" / "a.txt") and docs[1].path == "/abs/b.html"
    assert docs[2].path == "s3://bucket/c.txt"


@pytest.mark.parametrize("rows, message", [
    ([{"id": "a", "path": "a.txt"}, {"id": "a", "path": "b.txt"}], "id 'a' already used on row 1"),
    ([{"id": "a"}], "no 'path'"),
    ([], "lists no document"),
])
def test_bad_manifests_say_what_to_fix(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        read_manifest(_write(tmp_path / "c.jsonl", rows))


def test_manifest_not_json(tmp_path):
    man = tmp_path / "c.jsonl"
    man.write_text('{"path": "a.txt"}\nnot json\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(man), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "line 2: not a JSON object" in res.stderr and "Traceback" not in res.output


def test_parquet_manifest_equals_jsonl(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [{"id": "fr1", "path": str(SEED_FR), "language": "fr", "group": "g"},
            {"id": "ar1", "path": str(SEED_AR), "language": "ar", "group": "g"}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    assert read_manifest(tmp_path / "c.parquet") == read_manifest(_write(tmp_path / "c.jsonl", rows))


def test_fsspec_urls_are_read_and_named(tmp_path):
    """Documents behind URLs (fsspec's memory file system here) are paired and aligned, and
    keep their URL in every output."""
    fsspec = pytest.importorskip("fsspec")
    corpus = make_corpus(tmp_path / "in", pairs=1, singles=0)
    fs = fsspec.filesystem("memory")
    fs.pipe("/corpus/fr1.txt", (corpus / "doc000_fr.txt").read_bytes())
    fs.pipe("/corpus/ar1.txt", (corpus / "doc000_ar.txt").read_bytes())
    fs.pipe("/corpus/empty.txt", b"")
    man = _write(tmp_path / "c.jsonl", [{"path": f"memory://corpus/{n}.txt"} for n in ("fr1", "ar1", "empty")])
    manifest = run_batch(man, tmp_path / "out", AlignConfig(encoder="lexicon"))
    [pair] = manifest["pairs"]  # type: ignore[misc]
    assert (pair["fr"], pair["ar"]) == ("memory://corpus/fr1.txt", "memory://corpus/ar1.txt")
    assert pair["units"] > 2 and pair["output"].endswith("pairs/fr1__ar1.tmx")
    [bad] = manifest["unpaired"]  # type: ignore[misc]
    assert bad["file"] == "memory://corpus/empty.txt" and "memory://corpus/empty.txt" in bad["reason"]
    assert "aligner-fetch" not in json.dumps(manifest)


def test_folders_and_manifests_together(tmp_path):
    man = _write(tmp_path / "c.jsonl", [{"id": "x", "path": str(SEED_FR)}])
    docs = load_corpus([man, ROOT / "corpora"])
    assert [d.index for d in docs] == list(range(len(docs))) and docs[0].doc_id == "x"
    assert docs[1].doc_id == "000_7605adee3dac5af9"


def test_exact_search_ranks_like_a_full_sort():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((50, 16)).astype(np.float32), rng.standard_normal((70, 16)).astype(np.float32)
    sims, idx = top_k(x, y, 10)
    full = x @ y.T
    assert np.array_equal(idx, np.argsort(-full, axis=1, kind="stable")[:, :10])
    assert np.allclose(sims, np.take_along_axis(full, idx, axis=1))
    y[3] = y[5]  # a tie: the lower index first
    _s, idx = top_k(y[[5]], y, 2)
    assert idx.tolist() == [[3, 5]]


@pytest.mark.skipif(not faiss_available(), reason="faiss-cpu not installed (extra 'ann')")
def test_hnsw_finds_the_exact_neighbours():
    rng = np.random.default_rng(1)
    y = rng.standard_normal((3000, 32)).astype(np.float32)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    x = y[:300] + 0.3 * rng.standard_normal((300, 32)).astype(np.float32)
    exact = top_k(x, y, 10)[1]
    approx = top_k(x, y, 10, ann_above=0)[1]
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall > 0.97
    assert np.array_equal(approx, top_k(x, y, 10, ann_above=0)[1]), "the same graph every run"


@pytest.mark.skipif(not faiss_available(), reason="faiss-cpu not installed (extra 'ann')")
def test_pairing_with_hnsw_equals_all_pairs(tmp_path):
    corpus = make_corpus(tmp_path / "in", pairs=60, singles=4)
    enc = LexiconEncoder()
    infos = [add_vector(describe(d), enc) for d in load_corpus([corpus])]
    exact, approx = pair_group(infos), pair_group(infos, PairConfig(ann_above=0))
    assert len(exact.pairs) >= 55
    assert [(p.fr, p.ar) for p in approx.pairs] == [(p.fr, p.ar) for p in exact.pairs]
    assert np.allclose([p.score for p in approx.pairs], [p.score for p in exact.pairs], atol=1e-5)
    assert approx.unpaired == exact.unpaired


def test_engine_ray_without_ray_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails
    res = CliRunner().invoke(main, ["batch", str(ROOT / "corpora"), "-o", str(tmp_path), "--engine", "ray"])
    assert res.exit_code == 1 and "pip install 'fr-ar-aligner[ray]'" in res.stderr


def test_local_engine_imports_nothing_of_ray(tmp_path):
    code = ("import sys; from pathlib import Path; import aligner.cli; from tests.lexicon import make_corpus\n"
            "from aligner.config import AlignConfig; from aligner.corpus.batch import run_batch\n"
            "out = Path(sys.argv[1]); corpus = make_corpus(out / 'in', pairs=2, singles=0)\n"
            "run_batch(corpus, out / 'out', AlignConfig(encoder='lexicon'))\n"
            "assert not [m for m in sys.modules if m == 'ray' or m.startswith('ray.')], 'ray imported'\n"
            "assert 'faiss' not in sys.modules and 'pyarrow' not in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "manifest.json").is_file()
