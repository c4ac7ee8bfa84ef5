"""Language rules of the QA checks: each is general, so each is tested on made-up sentences."""

from dataclasses import replace

from aligner.config import QA_DEFAULTS
from aligner.lang.lexicon import looks_transliterated
from aligner.lang.translit import name_in_arabic
from aligner.qa import QAUnit, run_checks
from aligner.qa.name_checks import name_findings, unexplained_transliterations


def findings(src, tgt, **kw):
    return [(f.check, f.severity, f.message) for f in run_checks([QAUnit(0, src, tgt)], **kw).findings]


def test_arabic_word_forms_are_not_transliterations():
    # tanwin alif written without its diacritic, plural and dual verb endings, object pronouns,
    # the imperfect prefix, a sound plural of a known singular
    for word in ("مسموعا", "لقاحا", "وقارنوا", "يدخلوها", "اصطدما", "عمليتا", "إطلالات", "يتفاوت"):
        assert not looks_transliterated(word), word
    assert looks_transliterated("جينجريتش")


def test_rare_arabic_threshold_is_a_config_field():
    assert looks_transliterated("مسموعا", rare=10**9)  # every word is rare under an absurd threshold
    assert "names:5/0.5/0.6" in QA_DEFAULTS.signature().format()
    assert "names:7/0.5/0.6" in replace(QA_DEFAULTS, rare_arabic=7).signature().format()


def test_declined_word_and_diacritics_are_not_added_content():
    src = "Les chercheurs ont travaillé diplomatiquement sur la technologie."
    tgt = "عمل الباحثون ديبلوماسياً على التّكنولوجيا."
    assert unexplained_transliterations(src, tgt, [], any_word=True) == []


def test_a_word_derived_from_a_source_word_is_not_added():
    src = "Les élections namibiennes ont eu lieu près du massif."
    tgt = "جرت الانتخابات في ناميبيا قرب ماسيف."
    assert unexplained_transliterations(src, tgt, [], any_word=True) == []
    # a stricter stem share no longer accepts the shorter stem nmb ↔ nmbn
    strict = replace(QA_DEFAULTS, stem_share=0.9)
    assert "ناميبيا" in unexplained_transliterations(src, tgt, [], any_word=True, cfg=strict)


def test_a_really_added_name_is_still_reported():
    src = "Le président a parlé hier."
    tgt = "تحدث الرئيس هيفيكيبنيي أمس."
    assert any(c == "added" for c, _, _ in findings(src, tgt))


def test_short_first_name_beside_its_surname():
    assert not [f for f in findings("Hier, Juan Carlos est arrivé.", "وصل خوان كارلوس أمس.") if f[0] == "name"]
    left_out = [f for f in findings("Hier, Juan Carlos est arrivé.", "وصل كارلوس أمس.") if f[0] == "name"]
    assert left_out and "first name left out" in left_out[0][2]


def test_polish_l_with_stroke():
    assert name_in_arabic("Słania", "انتقل سلانيا إلى السويد")


def test_cents_may_be_coins():
    src = "Il est arrivé avec quatre cents à son nom et un livre de poésie."
    assert not [f for f in findings(src, "وصل ومعه 4 سنتات وكتاب شعر.") if f[0] == "number"]
    assert not [f for f in findings("Il a payé quatre cents euros.", "دفع 400 يورو.") if f[0] == "number"]
    changed = [f for f in findings("Il a payé quatre cents euros.", "دفع 500 يورو.") if f[0] == "number"]
    assert changed and changed[0][1] == "warning"


def test_scientific_names_and_letter_compounds():
    notes = list(name_findings("Le tigre est du genre Panthera, comme le lion.", "النمر من جنس النمور مثل الأسد.",
                               set(), False))
    assert notes == [("info", "name not found in the target: Panthera (a scientific name, which Arabic translates)")]
    assert not list(name_findings("Il portait un T-shirt bleu.", "كان يرتدي قميصا أزرق.", set(), False))


def test_zodiac_exonym():
    assert name_in_arabic("Sagittaire", "تجذب مجرة درب التبانة مجرة الرامي")


def test_arabic_only_sounds_and_loose_spellings_are_not_added():
    src = "Giancarlo Fisichella a perdu le contrôle des enveloppes."
    tgt = "فقد جيانكارلو فيشيلا السيطرة على المظاريف ومظاريف لاهوتية."
    assert unexplained_transliterations(src, tgt, ["Giancarlo", "Fisichella"], any_word=True) == []
    # without the source name, the loose spelling is added content again
    assert unexplained_transliterations(src, tgt, ["Giancarlo"], any_word=True) == ["فيشيلا"]


def test_spoken_weekdays_and_month_spellings():
    from aligner.lang.entities import months, weekdays

    assert weekdays("كانوا هيعدموها يوم التلات", "ar") == {2}
    assert weekdays("شدات نهار الأربع كامل", "ar") == {3}
    assert weekdays("في الأربع سنوات الأخيرة", "ar") == set()  # «the four», not Wednesday
    assert months("حتى 16 سيبتمبر 2020", "ar") == {9}
    fr = "Il devait être abattu mardi, mais il a été sauvé."
    assert not [f for f in findings(fr, "كانوا هيعدموه يوم التلات، ولكن اتنقذ.") if f[0] == "date"]
    assert [f for f in findings(fr, "كانوا هيعدموه يوم الأربع، ولكن اتنقذ.") if f[0] == "date"]


def test_more_name_readings():
    assert name_in_arabic("Cushing", "قال غلين كوشين من الهيئة")  # English -ng ↔ ن
    assert name_in_arabic("Mérinides", "الفينيقيين والرومانيين والمرينيين")  # a dynasty in -ides
    assert name_in_arabic("Paraguay", "لي ساكنين فلبراغواي الشرقية")  # Maghreb فل (in the)
    assert name_in_arabic("Occident", "الغرب لقى راسه مقطوع")  # exonym
    hong_kong = list(name_findings("Les plus beaux panoramas de Hong Kong sont là.", "أحسن المناظر ديال هونغكونغ.",
                                   set(), False))
    assert hong_kong == []
    # one word of a name found and the other left out is still reported
    dropped = list(name_findings("Le Sud-Coréen Jong Seork Park a fini.", "أنهى جونغ بارك السباق.", set(), False))
    assert dropped and "Seork" in dropped[0][1]


def test_units_with_si_prefixes_are_not_names():
    assert not list(name_findings("Un débit maximum de 600 Mbit/s.", "بناتج أقصاه 600 ميغابيت في الثانية.", set(), False))
    assert unexplained_transliterations("Un débit de 600 kbit/s.", "بسرعة 600 كيلوبيت.", [], any_word=True) == []


def test_the_labelled_precision_set_is_well_formed():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "qa" / "labels.jsonl"
    keys = set()
    dialect = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        # the tune and report halves, and the never-tuned dialect set (Moroccan and Egyptian FLORES translations)
        assert rec["corpus"] in ("flores200_devtest", "tico19_dev", "flores200_devtest_ary",
                                 "flores200_devtest_arz"), rec
        assert rec.get("severity", "warning") in ("error", "warning", "info"), rec
        if rec["corpus"].startswith("flores200_devtest_"):
            assert "severity" in rec, rec
            dialect += 1
        assert rec["verdict"] in ("real", "adaptation", "broken-source", "wrong"), rec
        assert rec["reason"].strip() and isinstance(rec["unit"], int) and rec["check"] and rec["message"], rec
        key = (rec["corpus"], rec["unit"], rec["check"], rec["message"])
        assert key not in keys, f"labelled twice: {key}"
        keys.add(key)
    assert len(keys) >= 220 and dialect >= 40


def test_arabic_word_forms_are_not_added_names():
    # a feminine noun before a pronoun (قلويتها: its alkalinity) and a form X verb (يستوف)
    src = "Le jus de chou change de couleur selon la basicité, et le séisme n'a pas atteint la magnitude requise."
    tgt = "يتغير لون عصير الملفوف حسب قلويتها، ولم يستوف الزلزال الشدة المطلوبة بحسب جينجريتش."
    assert unexplained_transliterations(src, tgt, [], any_word=True) == ["جينجريتش"]
