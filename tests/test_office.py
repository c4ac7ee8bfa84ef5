"""Office and PDF input: paragraphs and headings kept, in French and Arabic."""

import logging
import unicodedata

import pytest

from aligner.errors import InputError
from aligner.io.reading import read_document

from .office_files import write_docx, write_odt, write_pdf, write_scanned_pdf

# Sentences of FLORES-200 devtest documents (professional translations), kept here so the
# test does not depend on the shared folder.
TEXT = {
    "fr": {
        "title": "Le Soleil et les autres étoiles",
        "subhead": "Les inversions magnétiques",
        "paragraphs": [
            "Ils ont constaté que le Soleil fonctionnait selon les mêmes principes de base que les autres "
            "étoiles. L'activité de toutes les étoiles du système est déterminée par leur luminosité et leur rotation.",
            "Pendant son voyage, Iwasaki a eu des ennuis à de nombreuses reprises. Il a été dévalisé par des "
            "pirates, attaqué au Tibet par un chien enragé et a échappé à un mariage au Népal.",
            "La course de lundi a été remportée par un coureur de Rabat, qui a devancé de trois secondes "
            "le champion du monde en titre.",
        ],
        "items": ["Premier point du programme.", "Second point du programme."],
    },
    "ar": {
        "title": "الشمس والنجوم الأخرى",
        "subhead": "التقلبات المغناطيسية",
        "paragraphs": [
            "وجدوا أن الشمس تعمل على نفس المبادئ الأساسية للنجوم الأخرى. وُجد أن نشاط جميع النجوم في "
            "النظام منقادٌ من خلال لمعانها ودورانها فقط.",
            "وخلال رحلته، واجه إيواساكي مشاكل في العديد من المناسبات. وقد تعرض للسرقة من قبل قراصنة، "
            "وهوجم في التبت من قبل كلب مسعور، ونجا من الزواج في نيبال.",
            "فاز في سباق يوم الاثنين عداء من الرباط، تقدم بثلاث ثوان على بطل العالم الحالي.",
        ],
        "items": ["النقطة الأولى من البرنامج.", "النقطة الثانية من البرنامج."],
    },
}


def sentences(lang):
    """In the order of the document."""
    t = TEXT[lang]
    return [t["title"], t["paragraphs"][0], t["subhead"]] + t["paragraphs"][1:]


def norm(text):
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_docx_paragraphs_headings_items_and_header_reported(tmp_path, lang):
    t = TEXT[lang]
    p = tmp_path / f"{lang}.docx"
    write_docx(p, t["title"], t["subhead"], t["paragraphs"], t["items"], header="En-tête confidentiel")
    doc = read_document(p)
    lines = doc.text.split("\n")
    for s in sentences(lang) + t["items"]:
        assert s in lines
    assert {lines.index(t["title"]), lines.index(t["subhead"])} <= doc.headings
    assert [d.reason for d in doc.dropped] == ["page header of the document"]
    assert "python-docx" in doc.extractor


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_odt_paragraphs_headings_items(tmp_path, lang):
    t = TEXT[lang]
    p = tmp_path / f"{lang}.odt"
    write_odt(p, t["title"], t["subhead"], t["paragraphs"], t["items"])
    doc = read_document(p)
    lines = doc.text.split("\n")
    for s in sentences(lang) + t["items"]:
        assert s in lines
    assert {lines.index(t["title"]), lines.index(t["subhead"])} <= doc.headings


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_text_pdf_paragraphs_rejoined(tmp_path, lang):
    t = TEXT[lang]
    p = tmp_path / f"{lang}.pdf"
    write_pdf(p, t["title"], t["subhead"], t["paragraphs"], rtl=lang == "ar")
    doc = read_document(p)
    text = norm(doc.text)
    # Every paragraph comes back whole (lines wrapped by the layout joined again), in order.
    positions = [text.find(norm(s)) for s in sentences(lang)]
    assert all(pos >= 0 for pos in positions), (positions, doc.text)
    assert positions == sorted(positions)
    assert {line for line in doc.text.split("\n") if line} >= {t["title"], t["subhead"]}


def test_scanned_pdf_says_it_has_no_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    write_scanned_pdf(p)
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_document(p)


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".pdf"])
def test_damaged_office_file_is_a_clear_error(tmp_path, suffix):
    p = tmp_path / f"x{suffix}"
    p.write_bytes(b"PK\x03\x04 not really a document" if suffix != ".pdf" else b"%PDF-1.4 garbage")
    with pytest.raises(InputError, match=r"x\."):
        read_document(p)


def test_damaged_pdf_logs_nothing_beside_the_error(tmp_path, caplog):
    # pypdf's own warnings ("EOF marker not found") reached the terminal before `Error: …`.
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4\n")
    with caplog.at_level(logging.DEBUG), pytest.raises(InputError, match=r"x\.pdf: cannot be read as a PDF"):
        read_document(p)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []
