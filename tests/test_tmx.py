import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.errors import TMXError
from aligner.tmx.writer import TranslationUnit, check_lang_code, clean_segment, validate_dtd, write_tmx


def _write(tmp_path, units, **kw):
    path = tmp_path / "m.tmx"
    n = write_tmx(path, units, kw.pop("src", "fr"), kw.pop("tgt", "ar"), kw.pop("props", {"x-signature": "s"})).written
    return path, n


def test_header_and_units_follow_the_rules(tmp_path):
    path, n = _write(tmp_path, [TranslationUnit("Bonjour.", "مرحبا.", {"x-align-score": "0.9"}),
                                TranslationUnit("Vide", "   ")])
    assert n == 1
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    root = etree.fromstring(raw)
    assert root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr)
    assert header.get("srclang") == "fr" and header.get("segtype") == "sentence"
    assert header.get("datatype") == "plaintext"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert all(p.get("type").startswith("x-") for p in root.iter("prop"))
    tu = root.find("body/tu")
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tu.findall("tuv")]
    assert langs == ["fr", "ar"]
    assert b"<seg>Bonjour.</seg>" in raw
    assert validate_dtd(path) == []


@pytest.mark.parametrize("code", ["fr_FR", "fra", "ara", "french!"])
def test_bad_language_codes(code):
    with pytest.raises(TMXError):
        check_lang_code(code)


@pytest.mark.parametrize("code", ["fr", "fr-FR", "ar-MA", "ar-Arab-MA"])
def test_good_language_codes(code):
    assert check_lang_code(code) == code


def test_clean_segment():
    assert clean_segment("e\u0301t\u00e9\x00\x1b\n suite ") == "été  suite"


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=80, deadline=None)
@given(src=_text, tgt=_text)
def test_any_unicode_round_trips(tmp_path_factory, src, tgt):
    path = tmp_path_factory.mktemp("rt") / "r.tmx"
    n = write_tmx(path, [TranslationUnit(src, tgt)], "fr", "ar").written
    root = etree.parse(str(path)).getroot()
    segs = [s.text or "" for s in root.iter("seg")]
    if clean_segment(src) and clean_segment(tgt):
        assert n == 1 and segs == [clean_segment(src), clean_segment(tgt)]
    else:
        assert n == 0 and segs == []
    assert validate_dtd(path) == []


def test_failed_write_leaves_no_file(tmp_path):
    def units():
        yield TranslationUnit("a", "b")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_tmx(tmp_path / "x.tmx", units(), "fr", "ar")
    assert list(tmp_path.iterdir()) == []
