"""The LASER backend, proven with a tiny model in LASER's own file formats.

The model is generated here (random BiLSTM weights, fixed seed; BPE codes and
vocabulary learnt by subword-nmt on sentences of the seed pair) and loaded
through laserembeddings' loader, as the real files would be.
"""

from __future__ import annotations

import os
import shutil
import urllib.error

import numpy as np
import pytest
from click.testing import CliRunner

if not os.environ.get("ALIGNER_REQUIRE_LASER"):
    pytest.importorskip("laserembeddings", reason="pip install 'fr-ar-aligner[laser]'; CI requires it")

from aligner.cli import main  # noqa: E402
from aligner.encoders import EncoderOptions  # noqa: E402
from aligner.encoders.laser import CHECKPOINT, CODES, FILES, VOCAB, LaserEncoder, find_laser_dir  # noqa: E402
from aligner.errors import EncoderError  # noqa: E402
from aligner.io.reading import read_document  # noqa: E402
from aligner.lang.segment import segment_text  # noqa: E402
from aligner.tmx.writer import validate_dtd  # noqa: E402
from tests.laser_testmodel import make_laser_model  # noqa: E402

from .conftest import SEED_AR, SEED_FR  # noqa: E402

HIDDEN = 24


def _sentences(path, lang):
    return [s.text for s in segment_text(read_document(path).text, lang)]


@pytest.fixture(scope="module")
def tiny_laser(tmp_path_factory):
    folder = tmp_path_factory.mktemp("laser")
    make_laser_model(folder, {"fr": _sentences(SEED_FR, "fr"), "ar": _sentences(SEED_AR, "ar")},
                     hidden_size=HIDDEN, seed=3)
    return folder


def test_files_are_in_laser_formats(tiny_laser):
    import torch

    assert sorted(p.name for p in tiny_laser.iterdir()) == sorted(FILES)
    codes = (tiny_laser / CODES).read_text(encoding="utf-8").splitlines()
    assert codes and all(len(line.split()) == 3 and line.split()[2].isdigit() for line in codes)  # fastBPE
    vocab = (tiny_laser / VOCAB).read_text(encoding="utf-8").splitlines()
    assert all(len(line.split()) == 2 for line in vocab)
    state = torch.load(tiny_laser / CHECKPOINT, weights_only=True)
    assert set(state) == {"model", "params", "dictionary"}
    assert set(state["params"]) == {"num_embeddings", "padding_idx", "embed_dim", "hidden_size", "num_layers",
                                    "bidirectional", "left_pad", "padding_value"}
    assert {"embed_tokens.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0_reverse"} <= set(state["model"])
    assert state["dictionary"]["<pad>"] == state["params"]["padding_idx"] == 1


def test_loads_through_laserembeddings_with_shapes_and_determinism(tiny_laser, tmp_path):
    enc = LaserEncoder(EncoderOptions(str(tiny_laser), "cpu"))
    assert type(enc._laser).__module__ == "laserembeddings.laser"
    fr = _sentences(SEED_FR, "fr")[:6]
    v = enc.encode(fr, "fr")
    assert v.shape == (6, 2 * HIDDEN) and enc.dim == 2 * HIDDEN and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v, enc.encode(fr, "fr"))
    assert np.array_equal(v, LaserEncoder(EncoderOptions(str(tiny_laser), "cpu")).encode(fr, "fr"))  # a fresh load
    assert enc.encode(_sentences(SEED_AR, "ar")[:3], "ar").shape == (3, 2 * HIDDEN)
    # The same seed makes the same model.
    again = make_laser_model(tmp_path / "again", {"fr": _sentences(SEED_FR, "fr"), "ar": _sentences(SEED_AR, "ar")},
                             hidden_size=HIDDEN, seed=3)
    assert np.array_equal(v, LaserEncoder(EncoderOptions(str(again), "cpu")).encode(fr, "fr"))
    assert enc.version.startswith("1.") and "+" in enc.version


def test_align_with_laser_writes_a_valid_tmx(tiny_laser, tmp_path):
    out = tmp_path / "seed.tmx"
    res = CliRunner().invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(out), "--encoder", "laser",
                                    "--laser-dir", str(tiny_laser), "--device", "cpu"])
    assert res.exit_code == 0, res.output
    validate_dtd(out)
    text = out.read_text(encoding="utf-8")
    assert "enc:laser-" in text and "<tu " in text


def test_auto_prefers_laser_when_found(tiny_laser, tmp_path, monkeypatch):
    runner = CliRunner()
    args = ["align", str(SEED_FR), str(SEED_AR), "--format", "beads"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "encoder: use (LASER model files not found" in res.stderr
    monkeypatch.setenv("ALIGNER_LASER_DIR", str(tiny_laser))
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert f"encoder: laser ({tiny_laser})" in res.stderr and "enc:laser-" in res.stderr


def test_search_order(tiny_laser, tmp_path, monkeypatch):
    user = tmp_path / "xdg" / "aligner" / "laser"
    shutil.copytree(tiny_laser, user)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert find_laser_dir() == user
    monkeypatch.setenv("ALIGNER_LASER_DIR", str(tiny_laser))
    assert find_laser_dir() == tiny_laser
    assert find_laser_dir(user) == user  # --laser-dir first


def test_missing_and_corrupt_files_name_the_file(tiny_laser, tmp_path):
    runner = CliRunner()
    broken = tmp_path / "broken"
    shutil.copytree(tiny_laser, broken)
    (broken / VOCAB).unlink()
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "--encoder", "laser", "--laser-dir", str(broken)])
    assert res.exit_code == 1 and f"LASER file missing: {VOCAB}" in res.output and "Traceback" not in res.output

    corrupt = tmp_path / "corrupt"
    shutil.copytree(tiny_laser, corrupt)
    data = (corrupt / CHECKPOINT).read_bytes()
    (corrupt / CHECKPOINT).write_bytes(data[: len(data) // 3])
    with pytest.raises(EncoderError, match=f"{CHECKPOINT}: not a readable LASER checkpoint"):
        LaserEncoder(EncoderOptions(str(corrupt), "cpu"))

    notlaser = tmp_path / "notlaser"
    shutil.copytree(tiny_laser, notlaser)
    import torch

    torch.save({"weights": torch.zeros(2)}, notlaser / CHECKPOINT)
    with pytest.raises(EncoderError, match="needs the keys model, params and dictionary"):
        LaserEncoder(EncoderOptions(str(notlaser), "cpu"))


def test_models_lists_laser_with_the_fix(tiny_laser):
    runner = CliRunner()
    res = runner.invoke(main, ["models"])
    assert res.exit_code == 0
    assert "laser: LASER" in res.output and "NOT USABLE" in res.output
    for name in FILES:
        assert name in res.output
    assert "use (default)" in res.output
    res = runner.invoke(main, ["models", "--laser-dir", str(tiny_laser), "--json"])
    import json

    data = json.loads(res.output)
    laser = next(e for e in data["encoders"] if e["name"] == "laser")
    assert data["default"] == "laser" and laser["usable"] and laser["dim"] == 2 * HIDDEN


def test_download_without_network_lists_the_files(tmp_path, monkeypatch):
    def refuse(url, dest):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr("urllib.request.urlretrieve", refuse)
    res = CliRunner().invoke(main, ["models", "download", "laser", "--dir", str(tmp_path / "m")])
    assert res.exit_code == 1 and "could not download LASER" in res.output
    for name in FILES:
        assert name in res.output
    assert not any((tmp_path / "m").iterdir())


def test_cuda_device_without_gpu_is_a_clear_error(tiny_laser):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is visible")
    with pytest.raises(EncoderError, match="no CUDA GPU"):
        LaserEncoder(EncoderOptions(str(tiny_laser), "cuda"))
