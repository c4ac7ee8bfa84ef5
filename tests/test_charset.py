"""Encodings: BOM, UTF-8, the page's declared charset, then charset-normalizer."""

import pytest

from aligner.errors import InputError
from aligner.io.charset import declared_charset, decode_bytes
from aligner.io.reading import read_document

FR = ("Édité par la rédaction. À Bruxelles, le ministre a rappelé que l'Œuvre d'Orient "
      "soutient les écoles ; la réunion s'est tenue à l'hôtel de ville.\n")
AR = "قال وزير الخارجية إن الاجتماع المقبل سيعقد في بروكسل الأسبوع القادم لمناقشة الاتفاق.\n"


@pytest.mark.parametrize("codec", ["cp1252", "iso8859_15"])
def test_legacy_french_text_is_read_without_corruption(tmp_path, codec):
    p = tmp_path / "fr.txt"
    p.write_bytes(FR.replace("Œ", "O").encode(codec))
    assert read_document(p, lang="fr").text == FR.replace("Œ", "O").rstrip("\n")


def test_latin1_french_is_not_read_as_arabic_code_page(tmp_path):
    p = tmp_path / "fr.txt"
    text = "À Paris, Élodie a présenté le rapport annuel de l'institut aux élus.\n"
    p.write_bytes(text.encode("latin-1"))
    doc = read_document(p, lang="fr")
    assert doc.text == text.rstrip("\n")
    assert "ة" not in doc.text


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_legacy_arabic_text_is_read(tmp_path, codec):
    p = tmp_path / "ar.txt"
    p.write_bytes(AR.encode(codec))
    assert read_document(p, lang="ar").text == AR.rstrip("\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_arabic_utf16_without_bom_is_not_binary(tmp_path, codec):
    p = tmp_path / "ar.txt"
    p.write_bytes(AR.encode(codec))
    assert read_document(p).text == AR.rstrip("\n")


@pytest.mark.parametrize("declared,codec,body", [("windows-1256", "cp1256", AR),
                                                  ("iso-8859-1", "cp1252", FR.replace("Œ", "O")),
                                                  ("windows-1252", "cp1252", FR),
                                                  ("ISO-8859-6", "iso8859-6", AR)])
def test_html_declared_charset_is_used(tmp_path, declared, codec, body):
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
            f"<title>t</title></head><body><article><p>{body.strip()}</p></article></body></html>")
    p = tmp_path / "a.html"
    p.write_bytes(html.encode(codec))
    doc = read_document(p)
    assert body.strip() in doc.text
    assert "declared" in doc.encoding


def test_declared_charset_is_parsed():
    assert declared_charset(b'<meta charset="windows-1256">') == "cp1256"
    assert declared_charset(b"<meta charset=ISO-8859-1>") == "cp1252"  # as browsers read it
    assert declared_charset(b'<?xml version="1.0" encoding="utf-8"?>') == "utf-8"
    assert declared_charset(b"<p>no charset</p>") is None


def test_utf8_page_mislabelled_by_browser_save_stays_utf8(tmp_path):
    html = '<html><head><meta charset="windows-1256"></head><body><p>' + AR.strip() + "</p></body></html>"
    p = tmp_path / "a.html"
    p.write_bytes(html.encode("utf-8"))
    assert AR.strip() in read_document(p).text


def test_unsure_detection_names_candidates_and_gives_no_blind_conversion():
    data = bytes(range(0x80, 0x100)) * 2
    with pytest.raises(InputError) as err:
        decode_bytes(data, "x.txt")
    message = str(err.value)
    assert "x.txt" in message and "candidates" in message
    assert "> fixed" not in message


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x13\xf7" * 30, "x.png")
