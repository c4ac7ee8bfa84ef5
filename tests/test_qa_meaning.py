"""The truncation check's meaning evidence: a target that renders only the start of the source."""

from dataclasses import replace

from aligner.config import QA_DEFAULTS
from aligner.qa import QAUnit, run_checks
from aligner.qa.base import Context
from aligner.qa.checks import truncated
from aligner.qa.meaning import PrefixMeaning, default_meaning

FR = ("Le gouvernement a annoncé mardi un plan de soutien aux agriculteurs touchés par la sécheresse, qui "
      "prévoit des aides directes, des prêts à taux zéro et un report des cotisations sociales jusqu'à la fin "
      "de l'année.")
AR = ("أعلنت الحكومة يوم الثلاثاء عن خطة لدعم المزارعين المتضررين من الجفاف، تتضمن مساعدات مباشرة وقروضا "
      "بدون فوائد وتأجيل الاشتراكات الاجتماعية حتى نهاية العام")


class Fixed(PrefixMeaning):
    """A meaning probe that answers *value* without an encoder, and counts its calls."""

    def __init__(self, value: float) -> None:
        super().__init__(lambda: None)
        self.value, self.calls = value, 0

    def gain(self, src: str, tgt: str) -> float:
        self.calls += 1
        return self.value


def findings(meaning: PrefixMeaning | None, tgt: str = AR) -> list:
    ctx = Context(length_ratio=len(AR) / len(FR), meaning=meaning)
    return list(truncated.func(QAUnit(0, FR, tgt), ctx))


def test_a_target_rendering_the_start_only_is_a_warning():
    got = findings(Fixed(0.2))
    assert got == [("warning", "the target stops without final punctuation and renders the start of the "
                               "source better than the whole: the rest may be missing")]


def test_a_complete_target_without_stop_is_not_flagged():
    assert findings(Fixed(-0.05)) == []
    assert findings(None) == []  # meaning evidence off: the length alone decides


def test_meaning_is_asked_only_for_targets_without_final_stop():
    probe = Fixed(0.2)
    assert findings(probe, AR + ".") == []
    assert probe.calls == 0


def test_the_encoder_sees_the_cut():
    probe = default_meaning("use")
    assert probe is not None
    words = AR.split()
    assert probe.gain(FR, AR) < 0.0  # the whole source matches the whole target best
    assert probe.gain(FR, " ".join(words[: int(len(words) * 0.7)])) > QA_DEFAULTS.truncated_meaning


def test_off_switch_and_signature():
    assert default_meaning("none") is None
    on, off = QA_DEFAULTS, replace(QA_DEFAULTS, meaning_encoder="none")
    assert "trunc:-0.15/-0.3/0.08@use" in on.signature().format()
    assert "trunc:-0.15/-0.3|" in off.signature().format()
    report = run_checks([QAUnit(0, FR, AR)], qcfg=off)
    assert not [f for f in report.findings if f.check == "truncated" and f.severity == "warning"]


def test_a_memory_is_weighed_in_one_encoder_call_per_side():
    calls: list[tuple[int, str]] = []

    class Counting:
        def encode(self, texts, lang):
            import numpy as np

            calls.append((len(texts), lang))
            return np.ones((len(texts), 4))

    probe = PrefixMeaning(lambda: Counting())
    words = AR.split()
    pairs = [(FR, " ".join(words[:k])) for k in range(8, 14)]
    probe.prime(pairs)
    assert calls == [(6 * 5, "fr"), (6, "ar")]
    assert [probe.gain(*p) for p in pairs] == [0.0] * 6  # read back, no new call
    assert len(calls) == 2


def test_a_side_longer_than_a_sentence_is_not_encoded():
    def refuse():
        raise AssertionError("the encoder must not be loaded")

    probe = PrefixMeaning(refuse)
    assert probe.gain("mot " * 1000, "كلمة " * 1000) == 0.0
