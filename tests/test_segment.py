import pytest

from aligner.lang.segment import pre_split, segment_text, split_arabic, split_french


@pytest.mark.parametrize(
    "text",
    ["M. Dupont est arrivé. Il repart demain.",
     "Mme Durand et le Dr Martin ont parlé. Ils sont partis.",
     "Selon l'art. 3 du code, c'est interdit. La loi le dit.",
     "La ville fut fondée en 52 av. J.-C. par les Romains. Elle a grandi.",
     "Il a payé 3.5 millions. Le reste suit.",
     "Le taux est de 3,5 %. C'est beaucoup.",
     ],
)
def test_french_abbreviations_and_numbers(text):
    assert len(split_french(text)) == 2


def test_french_glued_sentences_are_split():
    assert split_french("la surveillance nationale.Cette visite est importante.") == [
        "la surveillance nationale.", "Cette visite est importante."]


def test_french_domain_not_split():
    assert len(split_french("Il dirige Diplomaticnews.net depuis 2010.")) == 1


@pytest.mark.parametrize(
    "text,n",
    [("وصل الوزير. ثم غادر؟ نعم! بالتأكيد؛ وانتهى", 5),
     ("ارتفع المؤشر بنسبة 3.5 في المائة. وهذا كثير.", 2),
     ("ارتفع المؤشر بنسبة ٣٫٥ في المائة. وهذا كثير.", 2),
     ("وقع الاتفاق يوم 5.12.2024 في بروكسل. ثم عاد الوفد.", 2),
     ("قال د. أحمد إن الوضع مستقر. وأضاف أنه متفائل.", 2),
     ("انتهى الاجتماع.وبدأ المؤتمر الصحفي.", 2),
     ],
)
def test_arabic_rules(text, n):
    assert len(split_arabic(text)) == n


def test_headings_items_and_lines():
    text = ("خطة عمل مشتركة للتعاون الأمني\n"
            "تهدف الخطة إلى تعزيز التعاون في عدة مجالات حيوية، منها:\n\n"
            "مكافحة الجريمة المنظمة والإرهاب.\n"
            "مكافحة غسيل الأموال.\n"
            "كما تضمنت الخطة آليات واضحة للتعاون بين المصالح الأمنية المغربية ونظيرتها البلجيكية، وقنوات معتمدة لتبادل المعلومات والزيارات المشتركة، بما يضمن النجاعة والفعالية في معالجة التحديات الأمنية المشتركة والتهديدات العابرة للحدود.")
    sents = segment_text(text, "ar")
    assert [s.kind for s in sents] == ["heading", "sentence", "item", "item", "sentence"]
    assert [s.index for s in sents] == list(range(5))


def test_bullets_are_items():
    sents = segment_text("- premier point\n• second point", "fr")
    assert [s.kind for s in sents] == ["item", "item"]


def test_leading_scrape_junk_is_trimmed():
    assert segment_text(",Abdellatif Hammouchi est venu.", "fr")[0].text == "Abdellatif Hammouchi est venu."


def test_pre_split_keeps_lines_as_given():
    sents = pre_split("Une phrase. Deux phrases.\n\nTrois\n")
    assert [s.text for s in sents] == ["Une phrase. Deux phrases.", "", "Trois"]


LONG_AR = ("وأكد المسؤول أن التعاون بين البلدين يشمل مجالات عديدة منها الأمن والاقتصاد والثقافة "
           "والتعليم والصحة والنقل والطاقة المتجددة")


def test_a_short_line_without_a_stop_is_a_heading_where_sentences_end_with_one():
    lines = ["التعاون الأمني"] + [LONG_AR + "."] * 6 + ["وأشاد الوزير بالنتائج المحققة"]
    kinds = [s.kind for s in pre_split("\n".join(lines) + "\n")]
    assert kinds[0] == "heading" and kinds[-1] == "heading"
    assert [s.kind for s in segment_text("\n".join(lines), "ar")][0] == "heading"


def test_where_paragraphs_end_bare_a_missing_stop_makes_no_heading():
    # web Arabic often ends its paragraphs without a stop: every short sentence would be a "title"
    lines = ["التعاون الأمني"] + [LONG_AR] * 6 + ["وأشاد الوزير بالنتائج المحققة"]
    assert {s.kind for s in pre_split("\n".join(lines) + "\n")} == {"sentence"}
    assert {s.kind for s in segment_text("\n".join(lines), "ar")} == {"sentence"}
    # too few long lines to tell: the usual rule
    assert pre_split("التعاون الأمني\n" + LONG_AR + "\n")[0].kind == "heading"


def test_a_kicker_title_counts_its_words_not_its_colon():
    # 14 words and a colon: a French news title with its kicker, not a sentence
    title = "Sécheresse : le ministère de l'Équipement et de l'Eau dévoile un plan d'urgence pour 2025"
    assert len(title.split()) == 15
    assert pre_split(title + "\nLe plan a été présenté mardi à Rabat.\n")[0].kind == "heading"
    # one word more is a sentence, colon or not
    longer = title.replace("un plan", "un grand plan")
    assert pre_split(longer + "\nLe plan a été présenté mardi à Rabat.\n")[0].kind == "sentence"
