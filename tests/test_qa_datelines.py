"""News datelines: recognised on both sides, compared only with a dateline (docs/qa.md, `dateline`)."""

import pytest

from aligner.lang.datelines import dateline, without_dateline
from aligner.lang.entities import month_mentions
from aligner.qa import QAUnit, run_checks


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Rabat, 5 déc. (MAP) – Le ministre a reçu", "Rabat, 5 déc. (MAP) – "),
    ("fr", "PARIS (AFP) - Le président a annoncé", "PARIS (AFP) - "),
    ("fr", "Alger, 3 janvier 2024 (APS) - La réunion", "Alger, 3 janvier 2024 (APS) - "),
    ("fr", "Le Caire, 9 avril – Les pourparlers", "Le Caire, 9 avril – "),
    ("fr", "Nouakchott, le 12 juin (AMI) — Le gouvernement", "Nouakchott, le 12 juin (AMI) — "),
    ("fr", "Bruxelles, 2 avril (Belga)", "Bruxelles, 2 avril (Belga)"),
    ("ar", "الرباط، 5 دجنبر (و م ع) - استقبل الوزير", "الرباط، 5 دجنبر (و م ع) - "),
    ("ar", "الدار البيضاء، 18 مارس (و م ع)", "الدار البيضاء، 18 مارس (و م ع)"),
    ("ar", "واشنطن (رويترز) - قال الرئيس", "واشنطن (رويترز) - "),
    ("ar", "القاهرة، ٩ أبريل ٢٠٢٤ - بدأت", "القاهرة، ٩ أبريل ٢٠٢٤ - "),
])
def test_datelines(lang, text, expected):
    assert dateline(text, lang) == expected


@pytest.mark.parametrize("text", [
    "Rabat - Le ministre a reçu son homologue.",  # a place and a dash: could be a title
    "Le 12 mars, le président a parlé.",
    "Marie Curie (1867-1934) – physicienne française.",
    "Paris, la capitale, est belle.",
    "Selon l'OMS, 12 mars 2020 a été une date clé.",
])
def test_french_sentences_are_not_datelines(text):
    assert dateline(text, "fr") is None


def test_arabic_sentence_with_a_date_is_no_dateline():
    assert dateline("وفي 12 مارس قال الوزير إن الزيارة ناجحة.", "ar") is None
    assert without_dateline("وفي 12 مارس قال الوزير.", "ar") == ("", "وفي 12 مارس قال الوزير.")


def _severe(unit):
    return [(f.check, f.severity, f.message) for f in run_checks([unit]).findings if f.severity != "info"]


def test_dateline_on_one_side_is_a_note_not_a_missing_month_and_number():
    u = QAUnit(0, "Bruxelles, 2 avril (Belga) – Les maladies infectieuses ne sont pas considérées comme des parasites.",
               "فالأمراض المعدية لا توصف عادة بأنها آفات.")
    assert _severe(u) == []
    notes = [f.message for f in run_checks([u]).findings if f.check == "dateline"]
    assert notes == ["dateline only in the source: «Bruxelles, 2 avril (Belga) –»"]


def test_arabic_dateline_alone_is_a_note():
    u = QAUnit(0, "De même, les hommes doivent porter un pantalon couvrant les genoux.",
               "جنيف، 12 مارس (أ ف ب) - وعلى غرار ذلك، يُطلب من الرجال ارتداء سراويل تغطي الركبتين.")
    assert _severe(u) == []
    assert any(f.check == "dateline" and "target" in f.message for f in run_checks([u]).findings)


def test_datelines_on_both_sides_are_compared():
    u = QAUnit(0, "Rabat, 5 déc. (MAP) – Le ministre a reçu son homologue belge.",
               "الرباط، 6 دجنبر (و م ع) - استقبل الوزير نظيره البلجيكي.")
    assert ("number", "error", "number changed: 5 in the source, 6 in the target") in _severe(u)
    same = QAUnit(0, u.src, "الرباط، 5 دجنبر (و م ع) - استقبل الوزير نظيره البلجيكي.")
    assert _severe(same) == []  # «déc.» is December: no month added


def test_dateline_that_is_its_whole_side_is_kept():
    # a dateline line paired with a sentence is a misalignment: its date stays visible
    u = QAUnit(0, "Au même moment, la marine allemande tentait d'arrêter ce trafic.", "الدار البيضاء، 18 مارس (و م ع)")
    checks = {c for c, _, _ in _severe(u)}
    assert {"number", "date"} <= checks


def test_abbreviated_month_needs_a_day_and_its_dot():
    assert month_mentions("le 12 sept. 2001", "fr") == {9: "sept."}
    assert month_mentions("Ils étaient sept. Puis huit.", "fr") == {}


def test_dateline_after_chrome_on_the_other_side_counts_as_a_dateline():
    u = QAUnit(0, "Bruxelles, 2 avril (Belga) – L'épicentre du séisme se situait à environ 20 km de Dillon.",
               "تابعونا على فيسبوك بروكسل، 2 أبريل (بلغا) - وكان مركز الزلزال على بعد حوالي 20 كم من ديلون.")
    assert [f for f in run_checks([u]).findings if f.check in ("number", "date", "dateline")] == []
