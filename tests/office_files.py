"""Write .docx, .odt and .pdf test documents from a title, a subheading and paragraphs
(python-docx, odfpy and fpdf2 with DejaVu Sans from Debian's fonts-dejavu-core, shaped
by HarfBuzz for Arabic)."""

from __future__ import annotations

from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_docx(path: Path, title: str, subhead: str, paragraphs: list[str], items: list[str] = (),
               header: str = "", rtl: bool = False) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(paragraphs[0])
    document.add_heading(subhead, level=2)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    for item in items:
        document.add_paragraph(item, style="List Bullet")
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))


def write_odt(path: Path, title: str, subhead: str, paragraphs: list[str], items: list[str] = ()) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    document.text.addElement(P(text=paragraphs[0]))
    document.text.addElement(H(outlinelevel=2, text=subhead))
    for text in paragraphs[1:]:
        document.text.addElement(P(text=text))
    if items:
        lst = List()
        for item in items:
            li = ListItem()
            li.addElement(P(text=item))
            lst.addElement(li)
        document.text.addElement(lst)
    document.save(str(path))


def write_pdf(path: Path, title: str, subhead: str, paragraphs: list[str], rtl: bool = False) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_text_shaping(True)
    align = "R" if rtl else "L"

    def block(text: str, size: int, height: float) -> None:
        pdf.set_font("DejaVu", size=size)
        pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    block(title, 16, 9)
    block(paragraphs[0], 11, 6)
    block(subhead, 13, 7)
    for text in paragraphs[1:]:
        block(text, 11, 6)
    pdf.output(str(path))


def write_scanned_pdf(path: Path) -> None:
    """A PDF page with only drawings (what a scan without OCR looks like to a text reader)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i in range(20):
        pdf.rect(10 + i * 3, 10 + i * 5, 150, 2, style="F")
    pdf.output(str(path))
