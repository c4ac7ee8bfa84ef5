import codecs

import pytest

from aligner.errors import InputError
from aligner.io.boilerplate import classify_line, strip_boilerplate
from aligner.io.reading import read_document, read_lines

FR = "Le ministre a signé l’accord. Il entre en vigueur le 5 décembre.\n"


@pytest.mark.parametrize(
    "data",
    [FR.encode("utf-8"), codecs.BOM_UTF8 + FR.encode("utf-8"), FR.encode("utf-16"),
     codecs.BOM_UTF16_BE + FR.encode("utf-16-be"), FR.encode("utf-16-le")],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le-nobom"],
)
def test_encodings_are_read(tmp_path, data):
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    assert read_document(p).text == FR.rstrip("\n")


def test_windows_1256_arabic_is_read(tmp_path):
    p = tmp_path / "ar.txt"
    text = "قال وزير الخارجية إن الاجتماع المقبل سيعقد في بروكسل الأسبوع القادم.\n"
    p.write_bytes(text.encode("cp1256"))
    assert read_document(p).text == text.rstrip("\n")
    assert read_document(p, lang="ar").text == text.rstrip("\n")


def test_binary_is_refused(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputError, match="binary"):
        read_document(p)


@pytest.mark.parametrize("content", ["", "   \n\n  "])
def test_empty_is_refused(tmp_path, content):
    p = tmp_path / "e.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(p)


def test_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("a" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_document(p, max_bytes=100)


def test_html_keeps_article_and_reports_what_structure_removed(tmp_path):
    html = """<html><head><title>T</title><script>var x = 1;</script></head><body>
    <nav><a href="/">Accueil</a></nav><article><h1>Visite de travail</h1>
    <p>M. Hammouchi a effectué une visite   de travail en Belgique, a indiqué un communiqué de la DGSN.</p>
    <p>Les deux parties ont examiné les moyens de renforcer la coopération bilatérale en matière de sécurité.</p>
    <p>Partager</p></article><footer>© 2024</footer></body></html>"""
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert doc.text.split("\n\n")[:2] == [
        "Visite de travail",
        "M. Hammouchi a effectué une visite de travail en Belgique, a indiqué un communiqué de la DGSN."]
    assert 0 in doc.headings
    dropped = {d.text: d for d in doc.dropped}
    assert dropped["Accueil"].line == 2 and "nav" in dropped["Accueil"].reason
    assert dropped["© 2024"].line == 5
    assert "var x" not in doc.text and "Accueil" not in doc.text


def test_html_junk_is_empty(tmp_path):
    p = tmp_path / "e.html"
    p.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(p)


SEED_DROPS = {
    "Édité par notre Bénévole": "byline",
    "Soirce: Hespress.com": "source line",
    "Lire la suite": "read-more teaser list",
    "Publicité": "advertisement",
    "AccueilACTUALITEL.Hammouch: Renforcement de...": "navigation crumbs",
    "شارك بتعليقك": "share/comment/subscribe line",
    "شاهد أيضا": "read-more teaser list",
    "إشترك بالقائمة البريدية لكواليس اليوم": "share/comment/subscribe line",
    "Leave a Reply": "share/comment/subscribe line",
    "Faites la subscription avec nous": "share/comment/subscribe line",
}


@pytest.mark.parametrize("line,reason", SEED_DROPS.items())
def test_boilerplate_rules(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    ["Abdellatif Hammouchi a effectué une visite de travail en Belgique.",
     "خطة عمل مشتركة للتعاون الأمني",
     "Les deux parties ont partagé leurs analyses.",
     "Le 25 novembre, la coordinatrice a visité Rabat."],
)
def test_content_is_not_boilerplate(line):
    assert classify_line(line) is None


@pytest.mark.parametrize("line", ["نشر في 14/03/2020 على الساعة 10:32", "آخر تحديث: 5 مارس 2024", "نشر يوم 5 مارس 2024",
                                  "تحديث 12:30", "Mis à jour le 14/03/2020 à 10h32"])
def test_timestamps_are_dropped_on_both_sides(line):
    assert classify_line(line) == "timestamp"


@pytest.mark.parametrize("line", ["نشرت الصحيفة 3 مقالات", "نشر تقرير 2024 عن البطالة", "نشر الوزير في 2020 تقريرا"])
def test_a_title_that_opens_with_published_is_kept(line):
    assert classify_line(line) is None


def test_teaser_list_is_dropped_until_article_text_returns():
    text = "Article.\nLire la suite\nTitre d'un autre article\nExtrait qui se termine...\n" + "x" * 250 + "."
    kept, dropped = strip_boilerplate(text)
    assert [line for _, line in kept] == ["Article.", "x" * 250 + "."]
    assert [d.line for d in dropped] == [2, 3, 4]


def test_seed_kept_text_is_verbatim(seed_pair):
    for path in seed_pair:
        doc = read_document(path)
        original = path.read_text(encoding="utf-8").splitlines()
        kept = doc.text.split("\n")
        assert all(line in original for line in kept)
        assert len(kept) + len(doc.dropped) == len(original)


def test_seed_fr_drops_header_but_keeps_editorial(seed_pair):
    doc = read_document(seed_pair[0])
    assert [d.line for d in doc.dropped] == [1, 2, 3]
    assert "Et pourtant" in doc.text


def test_read_lines_keeps_every_line(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text("a\n\nb\n", encoding="utf-8")
    assert read_lines(p).text == "a\n\nb\n"


@pytest.mark.parametrize(
    "line",
    ["Publié le 5 décembre 2024, le communiqué précise que la prochaine réunion aura lieu à Bruxelles.",
     "Mis à jour le 3 mars, le rapport indique que les exportations ont progressé de 4 % en un an.",
     "Photo : le ministre de l'Intérieur lors de la réunion avec son homologue belge à Rabat",
     "صورة: وزير الداخلية خلال الاجتماع مع نظيره البلجيكي في الرباط"],
)
def test_sentences_and_captions_are_never_dropped_by_rule(line):
    assert classify_line(line) is None


@pytest.mark.parametrize("fr,ar", [("Photo : AFP", "صورة: أ ف ب"), ("Photo : Reuters", "الصورة: رويترز"),
                                   ("Crédit photo : DR", "تصوير: محمد العلوي")])
def test_photo_credits_are_dropped_alike_on_both_sides(fr, ar):
    assert classify_line(fr) == classify_line(ar) == "photo credit"


@pytest.mark.parametrize("line", ["À lire aussi : Le Maroc et la Belgique renforcent leur coopération sécuritaire.",
                                  "اقرأ أيضا: المغرب وبلجيكا يعززان تعاونهما الأمني في مجال مكافحة الإرهاب."])
def test_read_also_links_are_dropped_even_as_sentences(line):
    assert classify_line(line) == "read-also link"


@pytest.mark.parametrize("line", ["اقرأ أيضاً: المغرب وبلجيكا يعززان تعاونهما الأمني",
                                  "اقرأ أيضًا: المغرب وبلجيكا يعززان تعاونهما الأمني",
                                  "راجع أيضا: المغرب وبلجيكا يعززان تعاونهما الأمني",
                                  "طالع أيضا | المغرب وبلجيكا يعززان تعاونهما الأمني",
                                  "Voir également : Le Maroc et la Belgique renforcent leur coopération",
                                  "Lire aussi | Le Maroc et la Belgique renforcent leur coopération"])
def test_read_also_links_are_dropped_as_sites_spell_them(line):
    assert classify_line(line) == "read-also link"


@pytest.mark.parametrize("line", ["اقرأ أيضاً", "راجع أيضا:", "طالع أيضا", "Lire également", "À voir aussi :"])
def test_read_also_triggers_as_sites_spell_them(line):
    assert classify_line(line) == "read-more teaser list"


@pytest.mark.parametrize("line", ["وراجع الوزير أيضا الخطة الأمنية المشتركة مع نظيره البلجيكي.",
                                  "Il faut lire aussi le rapport annuel de la coordinatrice."])
def test_sentences_that_say_see_also_are_kept(line):
    assert classify_line(line) is None
