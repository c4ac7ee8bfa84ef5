import json

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.lang.entities import months, unmatched_numbers
from aligner.lang.translit import name_in_arabic
from aligner.qa import QA_CHECKS, QAUnit, run_checks
from aligner.qa.glossary import Glossary
from aligner.qa.name_checks import name_findings
from aligner.qa.number_checks import number_findings
from aligner.qa.run import units_from_records
from aligner.qa.text_checks import ends_on_non_final_word, glued_words

from .conftest import FIXTURES, SEED_AR, SEED_FR


def checks_of(src, tgt, **kw):
    return {f.check for f in run_checks([QAUnit(0, src, tgt, **kw)]).findings}


@pytest.mark.parametrize(
    "a,b",
    [("1 000,5", "1,000.5"), ("1 000,5", "١٬٠٠٠٫٥"), ("3,5 %", "3.5٪"), ("۱۲", "12"), ("4 millions", "4 ملايين")],
)
def test_number_forms_match(a, b):
    assert unmatched_numbers(f"Il y a {a} cas.", f"هناك {b} حالة.") == ([], [])


def test_range_and_dates_on_seed_sentence():
    fr = "ont signé un plan d’action pour la période intérimaire 2025 et 2026, après la visite du 25 novembre."
    ar = "وقّع الطرفان خطة عمل مشتركة للمرحلة الممتدة بين عامي 2025 و2026 بعد زيارة 25 نونبر."
    assert not checks_of(fr, ar) & {"number", "date"}


def test_changed_number_and_month_are_errors():
    fr = "Le 5 décembre 2024, 300 personnes sont venues."
    assert "number" in checks_of(fr, "في 5 دجنبر 2024، جاء 310 أشخاص.")
    assert "date" in checks_of(fr, "في 5 نونبر 2024، جاء 300 شخص.")
    assert "date" in checks_of(fr, "في 5 كانون الثاني 2024، جاء 300 شخص.")
    assert not checks_of(fr, "في 5 كانون الأول 2024، جاء 300 شخص.") & {"number", "date"}


def test_month_words_that_are_not_dates():
    assert months("La planète Mars est rouge.", "fr") == set()
    assert months("فيروس مارس-كوف", "ar") == set()
    assert months("جرس باب", "ar") == set()


def date_findings(src, tgt):
    return [(f.severity, f.message) for f in run_checks([QAUnit(0, src, tgt)]).findings if f.check == "date"]


def test_a_month_without_a_day_that_changed_is_an_error():
    # "en mars" is no date (no day, no year), yet a reviewer must see it changed
    assert [s for s, _ in date_findings("Le confinement a commencé en mars dans le pays.",
                                        "بدأ الإغلاق في مايو في البلاد.")] == ["error"]
    assert [s for s, _ in date_findings("Début août, les écoles ont fermé.", "في أوائل شهر أيلول، أغلقت المدارس.")] == ["error"]
    # the same month in either form, a verb, the planet: nothing
    assert date_findings("Le confinement a commencé en mars.", "بدأ الإغلاق في آذار.") == []
    assert date_findings("Il a pratiqué le football en mai.", "مارس كرة القدم في مايو.") == []
    assert date_findings("Mars est une planète rouge.", "المريخ كوكب أحمر.") == []
    # a month named in the target only, where the source names no month: not judged
    assert date_findings("Le confinement a commencé au printemps.", "بدأ الإغلاق في مارس.") == []


def test_a_month_the_source_never_names_is_reported_beside_a_kept_one():
    found = date_findings("Lancée en mars, l'étude a reçu en mars 108 millions de dollars.",
                          "أُطلقت الدراسة في أكتوبر، وخلال شهر مارس بلغ تمويلها 108 ملايين دولار.")
    assert found and found[0][0] == "warning" and "أكتوبر" in found[0][1]


def test_an_ordinal_that_changed_is_a_warning():
    def numbers_found(src, tgt):
        return [(f.severity, f.message) for f in run_checks([QAUnit(0, src, tgt)]).findings if f.check == "number"]

    assert [s for s, _ in numbers_found("Le 14e sommet s'est tenu à Rabat.", "عقدت القمة الخامسة عشرة في الرباط.")] == ["warning"]
    assert [s for s, _ in numbers_found("C'est la troisième fois.", "إنها المرة الرابعة.")] == ["warning"]
    assert numbers_found("Le quatorzième sommet s'est tenu à Rabat.", "عقدت القمة الرابعة عشرة في الرباط.") == []
    assert numbers_found("Au XIXe siècle, la ville a grandi.", "في القرن التاسع عشر، نمت المدينة.") == []
    # a fraction read as an ordinal against a word that is no ordinal (two fifths): nothing
    assert numbers_found("Le nombre a chuté de plus d'un cinquième.", "انخفض العدد بأكثر من الخُمسين.") == []


def test_articles_are_not_roman_numerals():
    from aligner.lang.numbers import numbers

    assert [n.kind for n in numbers("Le sommet. Ce livre.")] == []
    assert [sorted(n.values) for n in numbers("Au XIXe siècle et au Ve siècle")] == [[19.0], [5.0]]


def test_french_left_inside_the_arabic_is_a_warning():
    src = "D’après l’université Johns Hopkins, mercredi, il y avait au moins 1 279 cas confirmés de COVID-19 aux États-Unis."
    found = [(f.severity, f.message) for f in run_checks([QAUnit(0, src, "وفقًا لجامعة جونز هوبكنز، بدءًا من يوم الأربعاء كانت هناك au moins 1 279 cas confirmés de COVID-19 aux États-Unis.")]).findings
             if f.check == "untranslated"]
    assert [s for s, _ in found] == ["warning"] and "cas confirmés" in found[0][1]
    # a title or a name kept in Latin script is no copy: no French function word in it
    assert "untranslated" not in checks_of("L'enfant a lu « Harry Potter and the Philosopher's Stone » pendant les vacances d'été.",
                                            "قرأ الطفل الصغير رواية Harry Potter and the Philosopher's Stone خلال العطلة الصيفية الماضية.")
    assert "untranslated" not in checks_of("Il travaille depuis dix ans chez Médecins Sans Frontières Suisse.",
                                            "يعمل منذ عشر سنوات في منظمة أطباء بلا حدود Médecins Sans Frontières Suisse.")


def test_times_in_12_and_24_hours():
    assert unmatched_numbers("à 22 h 08", "الساعة ١٠:٠٨ مساءً") == ([], [])


@pytest.mark.parametrize(
    "name,arabic",
    [("Hammouchi", "السيد حموشي"), ("Bustin", "فرانسيسكا بوستين"), ("Snook", "إريك سنوك"),
     ("Belgique", "إلى بلجيكا"), ("Maroc", "المغرب"), ("Abdellatif", "عبد اللطيف")],
)
def test_names_across_scripts(name, arabic):
    assert name_in_arabic(name, arabic)


def test_missing_name_is_flagged():
    fr = "Il a rencontré Eric Snook à Bruxelles."
    assert "name" not in checks_of(fr, "التقى إريك سنوك في بروكسل.")
    assert "name" in checks_of(fr, "التقى المسؤول في بروكسل.")


def test_untranslated_copy_empty():
    assert "untranslated" in checks_of("Bonjour à tous les participants.", "Bonjour à tous les participants.")
    assert "untranslated" in checks_of("Bonjour à tous les participants.", "Hello to all the participants here.")
    assert "empty-target" in checks_of("Bonjour à tous les participants.", "")


def test_omission_and_truncation():
    assert "omission" in checks_of("Et pourtant, il y a encore des trafiquants.", "", confidence=0.8)
    assert "omission" not in checks_of("Titre court", "", confidence=0.8)
    fr = "Le ministre a présenté le rapport annuel devant le parlement hier soir."
    assert "truncated" in checks_of(fr, "قدم الوزير التقرير السنوي")


def test_punctuation_is_info():
    report = run_checks([QAUnit(0, "Est-ce possible ?", "هل هذا ممكن.")])
    assert [(f.check, f.severity) for f in report.findings] == [("punctuation", "info")]


def test_glossary_and_inconsistency(tmp_path):
    from aligner.qa import Glossary

    g = tmp_path / "g.csv"
    g.write_text("sûreté nationale,الأمن الوطني|الامن الوطني\n", encoding="utf-8")
    units = [QAUnit(0, "La sûreté nationale a publié un communiqué.", "أصدرت الشرطة بلاغا."),
             QAUnit(1, "Merci.", "شكرا."), QAUnit(2, "Merci.", "شكراً جزيلاً.")]
    report = run_checks(units, Glossary.read(g))
    got = {(f.unit, f.check) for f in report.findings}
    assert (0, "glossary") in got and (2, "inconsistency") in got


def test_every_check_has_name_severity_explanation():
    for _name, c in QA_CHECKS.items():
        assert c.name and c.severity in ("error", "warning", "info") and c.explanation


def test_qa_cli_on_seed_pair(tmp_path):
    runner = CliRunner()
    jsonl = tmp_path / "seed.jsonl"
    assert runner.invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(jsonl), "-q"]).exit_code == 0
    res = runner.invoke(main, ["qa", str(jsonl), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"units", "findings"}
    findings = data["findings"]
    assert all(set(f) == {"unit", "check", "severity", "message"} for f in findings)
    omitted = [f for f in findings if f["check"] == "omission"]
    assert any("Et pourtant" in f["message"] for f in omitted)
    for f in findings:
        unit = data["units"][f["unit"]]
        if f["check"] in ("number", "date"):
            assert "2025" not in unit["source"] and "25 novembre" not in unit["source"], f
    text = runner.invoke(main, ["qa", str(jsonl)]).stdout
    assert runner.invoke(main, ["qa", str(jsonl), "-o", "-"]).stdout == text  # `-o -`: stdout too
    sev = [line.split()[0] for line in text.splitlines()[1:]]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    html = runner.invoke(main, ["qa", str(jsonl), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert html.exit_code == 0 and "dir='rtl'" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_qa_cli_errors(tmp_path):
    res = CliRunner().invoke(main, ["qa", str(tmp_path / "none.tmx")])
    assert res.exit_code == 1 and "Error: " in res.stderr and "no such file" in res.stderr


def test_mt_eval(tmp_path):
    hyp, ref, src = tmp_path / "h.txt", tmp_path / "r.txt", tmp_path / "s.txt"
    ref.write_text("وصل الوزير إلى الرباط.\nانتهى الاجتماع مساء أمس.\n", encoding="utf-8")
    hyp.write_text("وصل الوزير إلى الرباط.\nانتهى اللقاء.\n", encoding="utf-8")
    src.write_text("Le ministre est arrivé à Rabat.\nLa réunion a pris fin hier soir.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["mt-eval", "--hyp", str(hyp), "--ref", str(ref), "--src", str(src)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("BLEU") and "nrefs:1" in lines[0] and "tok:13a" in lines[0]
    assert lines[1].startswith("chrF") and lines[2].startswith("TER")
    assert "line 2: chrF" in res.stdout and "src: La réunion" in res.stdout
    ref.write_text("سطر واحد\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["mt-eval", "--hyp", str(hyp), "--ref", str(ref)])
    assert res.exit_code == 1 and "line counts differ" in res.stderr


@pytest.mark.parametrize(
    "fr_text,ar_text",
    [
        ("Les coronavirus ont été découverts dans les années 30.", "اكتُشفت فيروسات كورونا في 1930."),
        ("Nicholas Alden, 25 ans, et Zachary Cuddeback, 21 ans.",
         "نيكولاس ألدين صاحب الخمسة وعشرين عاماً وذاكاري كوديباك صاحب الواحد وعشرين عاماً."),
        ("Son millième timbre a été émis.", "كان طابعه رقم 1000."),
    ],
)
def test_numbers_written_differently_are_not_flagged(fr_text, ar_text):
    assert "number" not in checks_of(fr_text, ar_text)


def test_ordinal_day_before_an_arabic_month_is_a_date():
    assert months("أُرسلت إلى جورج واشنطن في السادس من يوليو", "ar") == {7}
    fr_text = "Elle a été envoyée à George Washington le 6 juillet."
    assert "date" not in checks_of(fr_text, "أُرسلت إلى جورج واشنطن في السادس من يوليو.")
    assert "date" in checks_of(fr_text, "أُرسلت إلى جورج واشنطن في السادس من أغسطس.")


@pytest.mark.parametrize("name,arabic", [("Shekhar", "شاندرا شيخار سولانكي"), ("Michael", "مايكل شوماخر"),
                                          ("Recep", "رجب طيب"), ("James", "مستشفى جيمس باجيت"),
                                          ("Cheers", "تاكسي و تشيرز"), ("York", "في نيويورك")])
def test_transliteration_variants(name, arabic):
    assert name_in_arabic(name, arabic)
    assert not name_in_arabic(name, "وصل الوزير إلى الرباط أمس.")


def test_common_words_and_demonyms_are_not_names():
    from aligner.lang.entities import french_names

    names = french_names("Il a parlé devant la Fédération, le Sénat et les Babyloniens à Tanger, "
                         "comme l'Agence Xinhua et les Coronaviridae.")
    assert names == ["Tanger", "Xinhua"]


def test_cut_target_is_truncated():
    fr_text = "Consultez un médecin si vous avez de l’hypertension artérielle."
    assert "truncated" in checks_of(fr_text, "استشر طبيبًا إذا كان لديك")
    assert "truncated" not in checks_of(fr_text, "استشر طبيبًا إذا كان لديك ارتفاع في ضغط الدم.")


@pytest.mark.parametrize("fr_text,ar_text", [
    ("Il a quatorze ans.", "يبلغ من العمر أربعة عشر عاماً."),
    ("Elle est arrivée 13e.", "حلت في المرتبة الثالثة عشرة."),
    ("Pendant les 40 années suivantes.", "طيلة الاربعون عاماً التالية."),
    ("Ils ont gagné par 2 buts.", "فازوا بهدفين."),
    ("Le programme a démarré à 14 h.", "بدأ البرنامج في الساعة 2 مساءً."),
    ("Arrivée à 07h55.", "الوصول في 7.55."),
    ("Ouverture à 12 h 00.", "الافتتاح في ١٢:٠٠."),
    ("Au XIXe siècle.", "في القرن 19."),
    ("Le roi Louis XVI.", "الملك لويس السادس عشر."),
    ("Le 6 octobre.", "في السادس من أكتوبر."),
    ("Pendant deux millions d'années.", "على مدى المليوني سنة."),
    ("Il a 21 ans.", "عمره الحادي والعشرون."),
    ("En frappant 2 fois.", "بتسجيل اثنين من الستات."),
])
def test_numbers_in_words_times_and_centuries_match(fr_text, ar_text):
    assert [f for f in number_findings(fr_text, ar_text) if f[0] != "info"] == []


def test_number_severities():
    assert next(number_findings("Il y a 25 morts.", "قتل 26 شخصا."))[0] == "error"
    assert next(number_findings("Il y a 25 morts.", "قتل أشخاص."))[0] == "warning"
    assert next(number_findings("Il a deux années.", "له ثلاث سنوات."))[0] == "info"  # small words: ambiguous
    assert next(number_findings("Un coût de 648 milliards $.", "بتكلفة 648 مليون دولار."))[0] == "warning"
    assert next(number_findings("Il a trois enfants.", "له 5 أطفال."))[0] == "warning"
    assert next(number_findings("Ils pesaient 450 kg.", "يزن 1000 رطل.")) == (
        "info", "unit converted: 450 in the source, 1000 in the target")
    assert next(number_findings("Il a gagné 50 % des voix.", "فاز بنصف الأصوات."))[0] == "info"


def test_glossary_term_with_clitics(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text("sûreté nationale,الأمن الوطني\n", encoding="utf-8")
    units = [QAUnit(0, "La Sûreté nationale a annoncé.", "أعلنت المديرية العامة للأمن الوطني."),
             QAUnit(1, "La sûreté nationale a annoncé.", "أعلنت الشرطة.")]
    found = run_checks(units, Glossary.read(g), only=["glossary"]).findings
    assert [f.unit for f in found] == [1]


def test_jsonl_units_are_numbered_as_in_the_tmx():
    from aligner.io.records import BeadRecord

    records = [BeadRecord("Un.", "واحد.", confidence=0.9),
               BeadRecord("Phrase sans pendant ici, assez longue.", "", confidence=0.0),
               BeadRecord("Deux.", "اثنان.", confidence=0.9)]
    units = units_from_records(records)
    assert [u.index for u in units] == [0, 1, 1]
    found = run_checks(units, only=["omission"]).findings
    assert found[0].unit == 1 and "before unit 1" in found[0].message


@pytest.mark.parametrize("name,arabic", [
    ("Jiménez", "قال خيمينيز"), ("Plitvice", "بحيرات بليفيتش"), ("Xinhua", "وكالة شينخوا"),
    ("Chişinău", "عاصمة مولدوفا كيشيناو"), ("Constantinople", "كانت القسطنطينيّة"), ("Samis", "بالنسبة للصاميين"),
    ("Allemagne", "في ألمانيا"), ("Venise", "في البندقية"), ("Soekarno", "الرئيس سوكارنو"),
])
def test_foreign_spellings_and_exonyms(name, arabic):
    assert name_in_arabic(name, arabic)
    assert not name_in_arabic(name, "وصل الوزير إلى الرباط أمس.")


def test_indonesian_spellings():
    assert name_in_arabic("Syahrir", "قال شهرير") and name_in_arabic("Cipto", "قال تشيبتو")


def test_silent_gh():
    assert name_in_arabic("Hugh", "قال هيو إن") and name_in_arabic("Eighmey", "بواسطة إيمي ومكورد")


def test_name_severity_and_glued_words():
    first_name = list(name_findings("Oprah Winfrey a pleuré.", "بكت وينفري.", set(), False))
    assert first_name and first_name[0][0] == "info"
    missing = list(name_findings("Le ministre Bourita a parlé.", "تحدث الوزير.", set(), False))
    assert missing == [("warning", "name not found in the target: Bourita")]
    assert glued_words("جاء وفد المملكةالمتحدة أمس.") == ["المملكةالمتحدة"]
    assert glued_words("cas rapportés en mai 2014.En mai 2015") == ["2014.En"]


def test_acronym_spelt_in_letters_is_not_a_cut():
    assert ends_on_non_final_word("ينتقل فيروس إتش آي في") is None
    assert ends_on_non_final_word("وصل الوفد إلى") == "إلى"


def test_acronym_rendered_as_another_organisation():
    from aligner.qa.text_checks import acronym_findings

    assert acronym_findings("L'OMS a annoncé.", "أعلنت منظمة الصحة العالمية.") == []
    assert acronym_findings("L'OMS a annoncé.", "أعلنت منظمة التجارة العالمية.")[0][0] == "warning"
    assert acronym_findings("Selon l'OTAN.", "حسب الحلف.")[0][0] == "info"


def test_review_places_findings_on_their_rows_despite_tmx_numbering():
    from aligner.io.records import BeadRecord, HeaderRecord
    from aligner.review.model import build_review

    records = [HeaderRecord(), BeadRecord("Un.", "واحد.", (0,), (0,), 0.9),
               BeadRecord("Phrase sans pendant ici, assez longue.", "", (1,), (), 0.0),
               BeadRecord("Il y a 25 morts ce jour-là.", "قتل 26 شخصا في ذلك اليوم.", (2,), (1,), 0.9)]
    rows = [r for r in build_review(records).rows if r.kind != "dropped"]
    assert [f.check for f in rows[1].findings] == ["omission"]
    assert "number" in {f.check for f in rows[2].findings}


def test_a_month_without_a_day_missing_beside_a_kept_one_is_a_warning():
    found = date_findings("Lancée en décembre, l'étude a reçu en mars 108 millions de dollars.",
                          "أُطلقت الدراسة في مارس، وخلال شهر مارس بلغ تمويلها 108 ملايين دولار.")
    assert found and found[0][0] == "warning" and "décembre" in found[0][1]


def test_an_acronym_spelt_in_arabic_letters_or_split_by_a_genitive_is_found():
    from aligner.qa.text_checks import acronym_findings

    assert acronym_findings("Selon l'USGS, la secousse était forte.",
                            "وفقًا لهيئة المساحة الجيولوجية الأمريكية (يو إس جي إس)، كانت الهزة قوية.") == []
    assert acronym_findings("L'ADN du phage a été séquencé.", "تم تحديد تسلسل حمض العاثيات النووي.") == []
    # still a note when nothing renders it
    assert [sev for sev, _ in acronym_findings("L'ADN du phage a été séquencé.", "تم تحديد تسلسل العاثيات.")] == ["info"]


def test_qa_on_a_text_or_tsv_file_says_how_to_get_a_tmx_or_jsonl(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("src_ids\ttgt_ids\tconfidence\tsource\ttarget\n0\t0\t0.9\tUn.\tواحد.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["qa", str(tsv)])
    assert res.exit_code == 1 and res.stderr.startswith("Error: ") and "Traceback" not in res.output
    assert "aligner tmx convert" in res.stderr and "-o FILE.jsonl" in res.stderr
    txt = tmp_path / "fr.txt"
    txt.write_text("Le ministre a visité Rabat.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["qa", str(txt)])
    assert res.exit_code == 1 and "aligner align FR AR -o pairs.jsonl" in res.stderr


def test_qa_summary_counts_units_as_align_does(tmp_path):
    # `aligner align` says "12 units, 7 unaligned sentences"; QA said "19 units" for the same file.
    seed = FIXTURES / "editor" / "seed.jsonl"
    res = CliRunner().invoke(main, ["qa", str(seed), "--format", "json"])
    assert res.exit_code == 0, res.output
    units = json.loads(res.stdout)["units"]
    pairs = sum(1 for u in units if not u["unaligned"])
    assert res.stderr.startswith(f"{pairs} units and {len(units) - pairs} unaligned sentences: ")


def test_name_no_unit_of_the_memory_renders_is_a_note():
    # a nickname rendered by its meaning in every unit: a choice, not a slip
    units = [
        QAUnit(0, "Pour les Springboks, ce fut la fin d'une série de cinq défaites.",
               "بالنسبة لمنتخب جنوب أفريقيا للرغبي، أنهى هذا سلسلة هزائم استمرّت لخمس مباريات."),
        QAUnit(1, "La semaine prochaine, les Springboks affronteront l'Australie.",
               "الأسبوع القادم يقابل منتخب جنوب أفريقيا للرغبي أستراليا."),
    ]
    names = [f for f in run_checks(units).findings if f.check == "name"]
    assert [f.severity for f in names] == ["info", "info"]
    assert "not rendered in any of the 2 units" in names[0].message
    # rendered in one unit and missing in the other: the missing one stays a warning
    units[1] = QAUnit(1, "La semaine prochaine, les Springboks affronteront l'Australie.",
                      "الأسبوع القادم يقابل سبرينغبوكس أستراليا.")
    units.append(QAUnit(2, "Hier, les Springboks ont gagné le match.", "أمس فاز المنتخب بالمباراة."))
    severities = {f.unit: f.severity for f in run_checks(units).findings if f.check == "name"}
    assert severities == {0: "warning", 2: "warning"}
