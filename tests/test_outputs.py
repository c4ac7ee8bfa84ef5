"""Align-time output options: --min-confidence side files, TMX provenance, summary and
warnings, batch with align's output options; office and legacy inputs end to end."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import main
from aligner.tmx.writer import validate_dtd

from .office_files import write_docx, write_odt, write_pdf
from .test_office import TEXT

PAGES = Path(__file__).parent / "data" / "pages" / "tune"
FR_PAGE, AR_PAGE = PAGES / "br_article-0.fr.html", PAGES / "br_article-0.ar.html"


def run(args):
    return CliRunner().invoke(main, [str(a) for a in args])


def units(path):
    return etree.parse(str(path)).getroot().findall("body/tu")


def test_br_page_pair_min_confidence_provenance_and_summary(tmp_path):
    out = tmp_path / "pairs.tmx"
    res = run(["align", FR_PAGE, AR_PAGE, "-o", out, "--encoder", "use", "--min-confidence", "0.98", "--tmx-notes"])
    assert res.exit_code == 0, res.output
    low = tmp_path / "pairs.low-confidence.tmx"
    assert validate_dtd(out) == [] and validate_dtd(low) == []
    kept, below = units(out), units(low)
    # The <br> article is aligned (13+ units), and every unit lands in one of the two files.
    assert len(kept) + len(below) >= 13 and below
    assert all(float(tu.find("prop[@type='x-align-score']").text) >= 0.98 for tu in kept)
    assert all(float(tu.find("prop[@type='x-align-score']").text) < 0.98 for tu in below)
    tu = kept[0]
    assert tu.get("tuid") == "br_article-0.fr.html+br_article-0.ar.html#1"
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props["x-document-src"] == "br_article-0.fr.html" and props["x-document-tgt"] == "br_article-0.ar.html"
    assert "br_article-0.fr.html sentence" in tu.find("note").text
    text = out.read_text(encoding="utf-8") + low.read_text(encoding="utf-8")
    for chrome in ("Accueil", "Mentions légales", "الرئيسية", "سياسة الخصوصية", "À lire aussi"):
        assert chrome not in text
    summary = next(line for line in res.stderr.splitlines() if " units, " in line)
    assert "below the confidence threshold -> " in summary
    assert "fr: " in summary and "pieces dropped" in summary and "coverage" in summary and "ar: " in summary


def test_min_confidence_on_stdout_needs_a_file_and_is_refused_before_work(tmp_path):
    res = run(["align", FR_PAGE, AR_PAGE, "--min-confidence", "0.8", "--encoder", "nosuch"])
    assert res.exit_code == 1 and "--low-confidence-out" in res.stderr
    res = run(["align", FR_PAGE, AR_PAGE, "-o", tmp_path / "a.tmx", "--min-confidence", "1.5"])
    assert res.exit_code == 1 and "between 0 and 1" in res.stderr


def test_low_confidence_out_without_min_confidence_is_refused_before_work(tmp_path):
    # Alone it would be silently ignored: the user expects a side file that never comes.
    res = run(["align", FR_PAGE, AR_PAGE, "-o", tmp_path / "a.tmx", "--low-confidence-out", tmp_path / "low.tmx",
               "--encoder", "nosuch"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.startswith("Error: --low-confidence-out") and "--min-confidence 0.8" in res.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,message", [
    (["--tmx-langs", "fr_FR,ar"], "underscore"),
    (["--src-lang", "fr_FR"], "underscore"),
    (["-o", "x.txt"], "cannot tell the format"),
])
def test_bad_options_are_refused_before_reading_anything(tmp_path, args, message):
    # The inputs do not exist: the option is refused first.
    res = run(["align", tmp_path / "missing.fr", tmp_path / "missing.ar", *args])
    assert res.exit_code != 0 and message in res.output


def test_a_side_that_lost_most_of_its_text_is_warned_about(tmp_path):
    t = TEXT["fr"]
    footer = "".join(f"<p>{p} {p}</p>" for p in t["paragraphs"] * 3)
    page = (f"<html><body><article><h1>{t['title']}</h1><p>{t['paragraphs'][0]}</p><p>{t['paragraphs'][1]}</p>"
            f"</article><footer>{footer}</footer></body></html>")
    fr = tmp_path / "fr.html"
    fr.write_text(page, encoding="utf-8")
    ar = tmp_path / "ar.txt"
    ar.write_text("\n\n".join([TEXT["ar"]["title"]] + TEXT["ar"]["paragraphs"][:2]) + "\n", encoding="utf-8")
    res = run(["align", fr, ar, "-o", tmp_path / "x.tmx", "--encoder", "use", "-q"])
    assert res.exit_code == 0, res.output
    assert "warning: fr side" in res.stderr and "left out when reading" in res.stderr


def _office_pair(tmp_path, fr_kind, ar_kind):
    paths = []
    for lang, kind in (("fr", fr_kind), ("ar", ar_kind)):
        t = TEXT[lang]
        p = tmp_path / f"{lang}.{kind}"
        if kind == "docx":
            write_docx(p, t["title"], t["subhead"], t["paragraphs"])
        elif kind == "odt":
            write_odt(p, t["title"], t["subhead"], t["paragraphs"])
        elif kind == "pdf":
            write_pdf(p, t["title"], t["subhead"], t["paragraphs"], rtl=lang == "ar")
        else:  # legacy code pages: Latin-1 French, Windows-1256 Arabic
            body = "\n".join([t["title"], ""] + [t["paragraphs"][0], "", t["subhead"], ""] + t["paragraphs"][1:])
            p.write_bytes(body.encode("cp1252" if lang == "fr" else "cp1256"))
        paths.append(p)
    return paths


@pytest.mark.parametrize("fr_kind,ar_kind", [("docx", "odt"), ("pdf", "docx"), ("odt", "pdf"), ("txt", "txt")])
def test_office_and_legacy_inputs_align_end_to_end(tmp_path, fr_kind, ar_kind):
    fr, ar = _office_pair(tmp_path, fr_kind, ar_kind)
    out = tmp_path / "o.tmx"
    res = run(["align", fr, ar, "-o", out, "--encoder", "use"])
    assert res.exit_code == 0, res.output
    segs = [tu.findall("tuv/seg") for tu in units(out)]
    assert len(segs) >= 4
    assert any(s[0].text == TEXT["fr"]["title"] and s[1].text == TEXT["ar"]["title"] for s in segs)


def test_batch_takes_align_output_options_and_prints_unpaired(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("semantic-0",):
        for lang in ("fr", "ar"):
            shutil.copyfile(PAGES / f"{name}.{lang}.html", src / f"{name}.{lang}.html")
    (src / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0 old Word file")
    out, reviews = tmp_path / "out", tmp_path / "reviews"
    reviews.mkdir()  # --report names a folder: an existing one is taken (click refused it as "a directory")
    res = run(["batch", src, "-o", out, "--encoder", "use", "--tmx-langs", "fr-FR,ar-MA", "--cat-profile", "omegat",
               "--report", reviews, "--show-dropped", "--min-confidence", "0.5", "--tmx-notes", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert "alone" in res.stderr and "notes.doc" in res.stderr and "save it as .docx" in res.stderr
    assert "dropped ar" in res.stderr and "outside the main text" in res.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["pairs"]) == 1
    for record in manifest["pairs"]:
        assert Path(record["review"]).is_file() and Path(record["extra_output"]).suffix == ".jsonl"
        assert record["dropped"] and record["low_output"]
    merged = units(out / "all.tmx")
    assert validate_dtd(out / "all.tmx") == []
    documents = {tu.find("prop[@type='x-document-src']").text for tu in merged}
    assert documents == {"semantic-0.fr.html"}
    assert all(tu.get("tuid") and tu.find("note") is not None for tu in merged)
    assert {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in merged[0].findall("tuv")} == {"fr-FR", "ar-MA"}


def test_tmx_options_with_another_format_are_not_silently_ignored(tmp_path):
    out = tmp_path / "pairs.jsonl"
    res = run(["align", FR_PAGE, AR_PAGE, "-o", out, "--encoder", "use", "-q", "--tmx-langs", "fr-FR,ar-MA",
               "--split-size", "500MB"])
    assert res.exit_code == 0, res.output
    assert "warning: --tmx-langs, --split-size only change a TMX; the jsonl output does not use them" in res.stderr
    res = run(["align", FR_PAGE, AR_PAGE, "-o", tmp_path / "m.tmx", "--encoder", "use", "-q", "--tmx-notes"])
    assert res.exit_code == 0 and "warning" not in res.stderr
