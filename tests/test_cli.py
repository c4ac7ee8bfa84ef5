import json
import re
import shutil

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import main
from aligner.tmx.writer import validate_dtd

from .conftest import FIXTURES, SEED_AR, SEED_FR

TB = FIXTURES / "textberg"


@pytest.fixture
def runner():
    return CliRunner()


def test_align_seed_pair_to_valid_tmx(runner, tmp_path):
    out = tmp_path / "seed.tmx"
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "units" in res.stderr and "signature: fr-ar|enc:use" in res.stderr
    assert validate_dtd(out) == []
    root = etree.parse(str(out)).getroot()
    props = {p.get("type"): p.text for p in root.find("header").iter("prop")}
    assert props["x-signature"].startswith("fr-ar|enc:use")
    assert len(root.findall("body/tu")) >= 5
    # The editorial comment at the end of 000 is not in any unit.
    assert "Et pourtant" not in out.read_text(encoding="utf-8")


def test_align_tmx_langs(runner, tmp_path):
    out = tmp_path / "seed.tmx"
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(out), "--tmx-langs", "fr-FR,ar-MA", "-q"])
    assert res.exit_code == 0, res.output
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "fr-FR"
    assert res.stderr == ""


def test_jsonl_lists_beads_and_dropped(runner, tmp_path):
    out = tmp_path / "seed.jsonl"
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(out), "--show-dropped"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    beads = [r for r in records if r["type"] == "bead"]
    dropped = [r for r in records if r["type"] == "dropped"]
    assert beads and all(0 <= r["confidence"] <= 1 for r in beads)
    assert {d["text"] for d in dropped} >= {"Soirce: Hespress.com", "شارك بتعليقك"}
    assert "dropped source line 2 (source line): Soirce: Hespress.com" in res.stderr


def test_tsv_on_stdout(runner):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-q"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].split("\t") == ["src_ids", "tgt_ids", "confidence", "source", "target"]
    assert len(lines) > 5


def test_dash_output_is_stdout_in_the_format_asked(runner, tmp_path, monkeypatch):
    """`-o -` writes to standard output (as Unix tools do), never a file named "-"."""
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", "-", "--format", "jsonl", "-q"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert records[0]["type"] == "header" and any(r["type"] == "bead" for r in records)
    assert not (tmp_path / "-").exists()
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", "-", "--format", "tmx", "-q"])
    assert res.exit_code == 1 and "cannot be written to standard output" in res.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [
    ["tmx", "filter", "{tmx}", "-o", "-"], ["tmx", "convert", "{tmx}", "-o", "-"],
    ["tmx", "merge", "{tmx}", "{tmx}", "-o", "-"], ["tmx", "split", "{tmx}", "-o", "-", "--split-size", "1kB"],
    ["report", "{jsonl}", "-o", "-"], ["edit", "{jsonl}", "--export", "-"],
    ["align", "{fr}", "{ar}", "-o", "x.tsv", "--report", "-"],
    ["align", "{fr}", "{ar}", "-o", "x.tsv", "--min-confidence", "0.9", "--low-confidence-out", "-"],
    ["batch", "{folder}", "-o", "-"],
])
def test_outputs_that_must_be_files_refuse_a_dash(runner, tmp_path, monkeypatch, args):
    """Where standard output is not possible, `-` is refused before any work, never written as a
    file or folder named "-"."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FR, folder / "a.fr.txt")
    shutil.copy(SEED_AR, folder / "a.ar.txt")
    jsonl = tmp_path / "seed.jsonl"
    assert runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(jsonl), "-q"]).exit_code == 0
    tmx = tmp_path / "seed.tmx"
    assert runner.invoke(main, ["tmx", "convert", str(jsonl), "-o", str(tmx)]).exit_code == 0
    monkeypatch.chdir(tmp_path)
    paths = {"tmx": tmx, "jsonl": jsonl, "fr": SEED_FR, "ar": SEED_AR, "folder": folder}
    res = runner.invoke(main, [a.format(**{k: str(v) for k, v in paths.items()}) for a in args])
    assert res.exit_code == 1 and "Error: cannot write to '-'" in res.stderr, res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "-").exists() and not (tmp_path / "x.tsv").exists()


def test_textberg_pre_split_beads_then_eval(runner, tmp_path):
    pred = tmp_path / "pred.beads"
    res = runner.invoke(main, ["align", "--pre-split", "--src-lang", "de", "--tgt-lang", "fr",
                               str(TB / "test0.de"), str(TB / "test0.fr"), "-o", str(pred)])
    assert res.exit_code == 0, res.output
    first = pred.read_text(encoding="utf-8").splitlines()[0]
    assert re.fullmatch(r"\[[0-9, ]*\]:\[[0-9, ]*\]:[01]\.[0-9]{4}", first)
    res = runner.invoke(main, ["eval", str(TB / "test0.defr"), str(pred)])
    assert res.exit_code == 0, res.output
    rows = {line.split()[0]: line.split()[1:] for line in res.stdout.splitlines()[1:4]}
    assert set(rows) == {"precision", "recall", "F1"}
    assert float(rows["F1"][1]) > 0.9  # lax F1
    assert "signature:" in res.stdout


def test_eval_pools_pairs(runner):
    gold = str(TB / "test0.defr")
    res = runner.invoke(main, ["eval", gold, gold, gold, gold])
    assert res.exit_code == 0
    assert "F1          1.0000    1.0000" in res.stdout


def test_eval_odd_number_of_files(runner):
    res = runner.invoke(main, ["eval", str(TB / "test0.defr")])
    assert res.exit_code == 2
    assert "in pairs" in res.output


def _assert_error(res, *fragments):
    assert res.exit_code == 1, res.output
    assert res.stderr.startswith("Error: ")
    assert "Traceback" not in res.output
    for f in fragments:
        assert f in res.stderr


def test_swapped_files(runner, tmp_path):
    out = tmp_path / "x.tmx"
    res = runner.invoke(main, ["align", str(SEED_AR), str(SEED_FR), "-o", str(out)])
    _assert_error(res, str(SEED_AR), "expected French", "found Arabic", "order of the files")
    assert not out.exists()


def test_no_arabic_where_expected(runner, tmp_path):
    res = runner.invoke(main, ["align", str(SEED_FR), str(FIXTURES.parent.parent / "corpora" / "001_cff9070c94157540.txt")])
    _assert_error(res, "expected Arabic", "found French")


def test_empty_file(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "x.tmx"
    res = runner.invoke(main, ["align", str(empty), str(SEED_AR), "-o", str(out)])
    _assert_error(res, "empty.txt", "is empty")
    assert list(tmp_path.iterdir()) == [empty]


def test_binary_file(runner, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    res = runner.invoke(main, ["align", str(binary), str(SEED_AR)])
    _assert_error(res, "photo.txt", "binary")


def test_missing_file(runner):
    res = runner.invoke(main, ["align", "nope.txt", str(SEED_AR)])
    _assert_error(res, "nope.txt", "no such file")


def test_missing_output_folder(runner, tmp_path):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(tmp_path / "no" / "x.tmx")])
    _assert_error(res, "does not exist", "mkdir -p")


def test_unknown_extension(runner, tmp_path):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(tmp_path / "x.docx")])
    _assert_error(res, "--format")


def test_unknown_encoder(runner):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "--encoder", "nope"])
    _assert_error(res, "unknown encoder 'nope'", "use")


def test_bad_tmx_langs(runner, tmp_path):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(tmp_path / "x.tmx"),
                               "--tmx-langs", "fr_FR,ar"])
    _assert_error(res, "underscore", "fr-FR")
    assert not (tmp_path / "x.tmx").exists()


def test_html_input(runner, tmp_path):
    html = tmp_path / "fr.html"
    text = SEED_FR.read_text(encoding="utf-8").splitlines()
    html.write_text("<html><body><nav>Accueil</nav><article>" + "".join(f"<p>{t}</p>" for t in text)
                    + "</article></body></html>", encoding="utf-8")
    out = tmp_path / "o.tmx"
    res = runner.invoke(main, ["align", str(html), str(SEED_AR), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert validate_dtd(out) == []


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        res = runner.invoke(main, [name, "--help"])
        assert res.exit_code == 0
        assert command.help, name


def test_utf16_input(runner, tmp_path):
    fr16 = tmp_path / "fr16.txt"
    fr16.write_text(SEED_FR.read_text(encoding="utf-8"), encoding="utf-16")
    shutil.copy(SEED_AR, tmp_path / "ar.txt")
    res = runner.invoke(main, ["align", str(fr16), str(tmp_path / "ar.txt"), "-q"])
    assert res.exit_code == 0, res.output


def test_no_refine_is_recorded_in_signature_and_tmx_header(runner, tmp_path):
    on, off = tmp_path / "on.tmx", tmp_path / "off.tmx"
    assert runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(on), "-q"]).exit_code == 0
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(off), "-q", "--no-refine"])
    assert res.exit_code == 0, res.output
    props_on = {p.get("type"): p.text for p in etree.parse(str(on)).iter("prop")}
    props_off = {p.get("type"): p.text for p in etree.parse(str(off)).iter("prop")}
    assert "refine:-0.02/0.04/len0.2/r3/m0.1/cut-0.3/reorder0.1/bound0.03@0.35/spread" in props_on["x-signature"] and "refine:off" in props_off["x-signature"]


@pytest.mark.parametrize("value", ["0", "11"])
def test_bad_max_bead_names_the_option_and_its_range(runner, value):
    res = runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "--max-bead", value])
    _assert_error(res, f"got {value}", "--max-bead", "from 2 to 10")


def test_a_page_with_no_article_text_is_not_blamed_on_the_file_order(runner, tmp_path):
    page = tmp_path / "fr.html"
    page.write_text('<html><body><nav>Accueil</nav><div id="app"></div><script src="app.js"></script>'
                    "</body></html>", encoding="utf-8")
    res = runner.invoke(main, ["align", str(page), str(SEED_AR)])
    _assert_error(res, "fr.html", "no recognisable language", "characters read", "script")
    assert "order of the files" not in res.stderr
