"""One contract per plug-in family, passed by every registered member (and a throw-away one).

Adding a member to a registry adds it here automatically: an encoder must give normalised
float32 rows, handle empty input, name a version and the languages it claims; an output
format must read back what it wrote, for any Unicode.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.config import EncoderOptions
from aligner.encoders import ENCODERS, Encoder, get_encoder, register_encoder
from aligner.errors import EncoderError
from aligner.formats import OUTPUT_FORMATS, format_for, get_format, register_format, write_alignment
from aligner.formats.lines import TsvFormat
from aligner.models import Alignment, Bead, Sentence
from aligner.qa import QA_CHECKS, QAUnit, register_check, run_checks, unit_check
from aligner.tmx.profiles import CAT_PROFILES, CatProfile, get_profile, register_profile


def _usable_encoders() -> list[str]:
    out = []
    for name, cls in ENCODERS.items():
        usable, _why = cls.available(EncoderOptions())
        out.append(pytest.param(name, marks=() if usable else pytest.mark.skip(reason=f"{name} not usable here")))
    return out


@pytest.mark.parametrize("name", _usable_encoders())
def test_every_encoder_keeps_the_contract(name):
    enc = get_encoder(name)
    assert isinstance(enc, Encoder) and enc.name == name and enc.dim > 0
    assert enc.version and isinstance(enc.version, str)
    assert enc.supports("fr") and enc.supports("ar"), "every encoder here must cover French and Arabic"
    v = enc.encode(["Le conseil s'est réuni lundi.", "اجتمع المجلس يوم الاثنين.", "x"], "fr")
    assert v.dtype == np.float32 and v.shape == (3, enc.dim)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert enc.encode([], "ar").shape == (0, enc.dim)
    st_ = cls_status = ENCODERS.get(name).status(EncoderOptions())
    assert cls_status.name == name and st_.usable


class _Toy(Encoder):
    """A throw-away member: bag of characters."""

    name = "toy"
    description = "toy encoder for the contract test"
    dim = 16

    def __init__(self, options: EncoderOptions | None = None) -> None:
        self.options = options

    @property
    def version(self) -> str:
        return "0"

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        return np.array([[1.0 + s.count(chr(97 + k)) for k in range(16)] for s in sentences])


def test_a_new_encoder_is_one_class_and_one_line(monkeypatch):
    register_encoder("toy", _Toy)
    try:
        enc = get_encoder("toy", EncoderOptions(device="cpu"))
        assert isinstance(enc, _Toy) and enc.options == EncoderOptions(device="cpu")
        v = enc.encode(["abc", ""], "fr")
        assert v.dtype == np.float32 and np.allclose(np.linalg.norm(v, axis=1), 1.0)
        # and the pipeline uses it end to end
        from aligner import AlignConfig, align_sentences

        src = [Sentence(i, t) for i, t in enumerate(["aaa bbb.", "ccc ddd."])]
        tgt = [Sentence(i, t) for i, t in enumerate(["aaa bbb.", "ccc ddd."])]
        result = align_sentences(src, tgt, AlignConfig(encoder="toy", refine=False))
        assert "enc:toy-0" in result.signature
    finally:
        ENCODERS.unregister("toy")
    with pytest.raises(EncoderError, match="unknown encoder 'toy'"):
        get_encoder("toy")


def test_auto_is_resolved_before_get_encoder():
    from aligner.errors import ConfigError

    with pytest.raises(ConfigError, match="resolve"):
        get_encoder("auto")


# --- output formats -------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: t.strip() != "")


def _alignment(pairs: list[tuple[str, str]]) -> Alignment:
    src = [Sentence(i, s) for i, (s, _t) in enumerate(pairs)]
    tgt = [Sentence(i, t) for i, (_s, t) in enumerate(pairs)]
    beads = [Bead((i,), (i,), 0.5 + i / (4 * len(pairs))) for i in range(len(pairs))]
    return Alignment(src, tgt, beads, "fr", "ar", signature="fr-ar|enc:toy-0|version:0")


def _norm(text: str, fmt) -> str:
    from aligner.tmx.writer import clean_segment

    if fmt.name == "tmx":
        return clean_segment(text)
    from aligner.formats.base import one_line

    return one_line(text) if not fmt.keeps_whitespace else text


@pytest.mark.parametrize("name", OUTPUT_FORMATS.names())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=4))
def test_every_format_reads_back_what_it_wrote(tmp_path_factory, name, pairs):
    fmt = get_format(name)
    path = tmp_path_factory.mktemp("fmt") / f"out{fmt.suffixes[0]}"
    alignment = _alignment(pairs)
    report = write_alignment(alignment, path)
    assert report.fmt == name and report.files
    units = fmt.read_units(path)
    from aligner.tmx.writer import clean_segment

    expected = [(s, t) for s, t in pairs if not (name == "tmx" and (not clean_segment(s) or not clean_segment(t)))]
    if name == "tmx":  # duplicate sources are resolved: one unit per cleaned source
        seen: dict[str, int] = {}
        for s, _t in expected:
            seen.setdefault(clean_segment(s), 0)
        assert len(units) <= len(expected)
        assert {_norm(u.source, fmt) for u in units} <= set(seen)
        return
    assert len(units) == len(alignment.beads)
    for unit, bead, (s, t) in zip(units, alignment.beads, pairs, strict=True):
        if unit.bead is not None:
            assert (unit.bead.src, unit.bead.tgt) == (bead.src, bead.tgt)
        if name != "beads":
            assert unit.source == _norm(s, fmt) and unit.target == _norm(t, fmt)


def test_format_from_extension_and_unknown_extension_refused(tmp_path):
    from aligner.errors import OutputError

    assert format_for(tmp_path / "x.TMX").name == "tmx"
    assert format_for(None).name == "tsv"
    with pytest.raises(OutputError, match=r"\.txt"):
        format_for(tmp_path / "x.txt")


class _Upper(TsvFormat):
    """A throw-away member: TSV with upper-case text."""

    name = "upper"
    suffixes = (".upper",)

    def write_stream(self, alignment, fh, options):
        fh.write("UPPER\n")
        return super().write_stream(alignment, fh, options)


def test_a_new_format_is_one_class_and_one_line(tmp_path):
    register_format("upper", _Upper)
    try:
        path = tmp_path / "a.upper"
        write_alignment(_alignment([("un", "واحد")]), path)
        assert path.read_text(encoding="utf-8").startswith("UPPER\n")
    finally:
        OUTPUT_FORMATS.unregister("upper")


# --- QA checks and CAT profiles ---------------------------------------------------------

@pytest.mark.parametrize("name", QA_CHECKS.names())
def test_every_check_has_a_severity_an_explanation_and_runs(name):
    check = QA_CHECKS.get(name)
    assert check.name == name and check.severity in ("error", "warning", "info") and check.explanation
    assert check.scope in ("unit", "memory")
    units = [QAUnit(0, "Le 3 mai, 12 pays ont signé.", "في 3 مايو، وقعت 12 دولة.", 0.9),
             QAUnit(1, "Bonjour.", "", 0.4)]
    report = run_checks(units, only=[name])
    assert all(f.check == name for f in report.findings)


@unit_check("shouting", "info")
def _shouting(u, ctx):
    """The source is written in capitals."""
    if u.src.isupper():
        yield "source in capitals"


def test_a_new_check_is_one_function_and_one_line():
    register_check("shouting", _shouting)
    try:
        report = run_checks([QAUnit(0, "ALERTE.", "تنبيه.")])
        assert [(f.check, f.severity) for f in report.findings if f.check == "shouting"] == [("shouting", "info")]
    finally:
        QA_CHECKS.unregister("shouting")


@pytest.mark.parametrize("name", CAT_PROFILES.names())
def test_every_cat_profile_has_a_name_and_a_note(name):
    p = get_profile(name)
    assert isinstance(p, CatProfile) and p.name == name and p.note


def test_a_new_cat_profile_is_one_line():
    register_profile("xtm", CatProfile("xtm", "fr-FR", "ar-AE", None, 550 * 1024**2, "XTM: 550 MB limit"))
    try:
        assert get_profile("xtm").max_file_bytes == 550 * 1024**2
    finally:
        CAT_PROFILES.unregister("xtm")


def test_tmx_header_carries_every_setting_of_the_signature(tmp_path):
    from aligner.tmx.reader import read_header

    alignment = _alignment([("Un.", "واحد.")])
    alignment.signature = "fr-ar|enc:toy-0|bead:5|skip:0.66|version:0.1.0"
    write_alignment(alignment, tmp_path / "m.tmx")
    props = read_header(tmp_path / "m.tmx").props
    assert props["x-signature"] == alignment.signature
    assert props["x-setting-enc"] == "toy-0" and props["x-setting-bead"] == "5" and props["x-setting-langs"] == "fr-ar"
