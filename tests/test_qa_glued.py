"""Glued words (a missing space) get their own note; the name, number and date findings
whose evidence is inside such a token are notes too, and a real mismatch next to it is not."""

from dataclasses import replace

from aligner.config import QA_DEFAULTS
from aligner.qa import QAUnit, run_checks
from aligner.qa.text_checks import Glued, glued, glued_words, unglue


def findings(src, tgt):
    return [(f.check, f.severity, f.message) for f in run_checks([QAUnit(0, src, tgt)]).findings]


def test_glued_tokens_found_on_the_evidence_of_the_source():
    assert glued("السيدة إليزابيث، فيستة أكتوبر سنة 1789", "Le 6 octobre 1789") == [Glued("فيستة", "في ستة")]
    assert glued_words("البني كمل ف غشتألفين أو حداعش", "achevée en août 2011") == ["غشتألفين"]
    assert glued_words("ماسابش انطباع كبيرلميلر، اللي", "à Miller, à qui") == ["كبيرلميلر"]
    # Without the source only the sure signs; a name, a clitic or a word of the source are not glued.
    assert glued_words("فيستة أكتوبر") == []
    assert glued_words("ماسابش انطباع ويمبلي", "à Wembley") == []
    assert glued_words("وست سنوات", "six ans") == []
    assert glued_words("فيستة أكتوبر", "le 7 octobre") == []  # ستة: no 6 in the source
    assert unglue("فيستة أكتوبر", [Glued("فيستة", "في ستة")]) == "في ستة أكتوبر"


def test_the_threshold_is_a_config_field():
    assert glued_words("فيستة أكتوبر", "Le 6 octobre", replace(QA_DEFAULTS, glued_common=10**9)) == []
    assert "glued:20000" in QA_DEFAULTS.signature().format()


def test_number_in_a_glued_token_is_a_note_with_its_missing_space():
    got = findings("Le 6 octobre, ils sont rentrés.", "فيستة أكتوبر، رجعوا.")
    assert ("number", "info", "number missing in the target: 6 (فيستة looks like words glued together: في ستة)") in got
    assert ("missing-space", "info", "missing space in the target: فيستة") in got
    assert not [f for f in got if f[1] != "info"]


def test_month_and_name_in_a_glued_token_are_notes():
    got = findings("La structure a été achevée en août 2011.", "البني كمل ف غشتألفين أو حداعش/2011.")
    assert [f[1] for f in got if f[0] == "date"] == ["info"] and "غشتألفين looks like words glued" in str(got)
    got = findings("Duvall n’a pas fait bonne impression à Miller.", "ماسابش انطباع كبيرلميلر.")
    assert [f[1] for f in got if f[0] == "name"] == ["info"] and "كبير لميلر" in str(got)


def test_a_real_mismatch_next_to_a_glued_token_keeps_its_severity():
    # 6 is in the glued token; 1789 ↔ 1790 is a changed number.
    got = findings("Le 6 octobre 1789, ils sont rentrés.", "فيستة أكتوبر 1790، رجعوا.")
    assert ("number", "error", "number changed: 1789 in the source, 1790 in the target") in got
    # The month is in the glued token, the name Miller is really missing.
    got = findings("Le ministre Miller est venu en août 2011.", "جا الوزير ف غشتألفين أو حداعش/2011.")
    assert [f[1] for f in got if f[0] == "date"] == ["info"]
    assert ("name", "warning", "name not found in the target: Miller") in got
    # What is left of a message once the glued words are read apart keeps its severity.
    got = findings("Le 6 octobre, 12 personnes sont rentrées.", "فيستة أكتوبر، رجعوا.")
    assert ("number", "warning", "number missing in the target: 12") in got
    assert [f for f in got if f[0] == "number" and f[1] == "info" and "فيستة" in f[2]]
