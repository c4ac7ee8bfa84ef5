"""Pre-split lines that are page chrome stay out of the search and come back unaligned, in place."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.chrome import CHROME_CONFIDENCE, content_indexes, restore
from aligner.config import AlignConfig
from aligner.lang.segment import pre_split
from aligner.models import Bead
from aligner.pipeline import align_sentences


def test_chrome_lines_are_found_line_by_line_and_debris_is_kept():
    lines = ["Le ministre a signé l'accord.", "Partager cet article", ", . ", "المصدر: وكالات",
             "Voyage : conseils pratiques", "Voyage : conseils pratiques"]
    # a repeated section title is content here (one per article of the document)
    assert content_indexes(pre_split("\n".join(lines) + "\n")) == [0, 2, 4, 5]


def test_restore_puts_each_chrome_line_back_after_its_side_s_previous_sentence():
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.8), Bead((2,), (1,), 0.7), Bead((3,), (), 0.6)]
    out = restore(beads, [0, 2, 3, 5], [1, 2], 7, 4)
    assert [(b.src, b.tgt) for b in out] == [
        ((), (0,)), ((0,), (1,)), ((1,), ()), ((2,), ()), ((3,), (2,)), ((4,), ()), ((5,), ()), ((6,), ()), ((), (3,))]
    assert [b.confidence for b in out if b.src in ((1,), (4,), (6,))] == [CHROME_CONFIDENCE] * 3


def test_a_chrome_line_inside_a_unit_stays_in_it():
    out = restore([Bead((0, 1), (0,), 0.7)], [0, 2], [0], 3, 1)
    assert [(b.src, b.tgt) for b in out] == [((0, 1, 2), (0,))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=30), st.lists(st.booleans(), min_size=1, max_size=30),
       st.randoms(use_true_random=False))
def test_restore_covers_every_sentence_once_in_order(src_chrome, tgt_chrome, rnd):
    src_kept = [i for i, c in enumerate(src_chrome) if not c]
    tgt_kept = [j for j, c in enumerate(tgt_chrome) if not c]
    beads: list[Bead] = []
    i = j = 0
    while i < len(src_kept) or j < len(tgt_kept):  # a random monotonic path over the kept sentences
        a = rnd.randint(0, min(2, len(src_kept) - i))
        b = rnd.randint(0 if a else 1, min(2, len(tgt_kept) - j)) if j < len(tgt_kept) else 0
        if a == 0 and b == 0:
            a = 1
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.5))
        i, j = i + a, j + b
    out = restore(beads, src_kept, tgt_kept, len(src_chrome), len(tgt_chrome))
    src = [s for b in out for s in b.src]
    tgt = [t for b in out for t in b.tgt]
    assert src == list(range(len(src_chrome))) and tgt == list(range(len(tgt_chrome)))
    for b in out:
        assert list(b.src) == list(range(b.src[0], b.src[-1] + 1)) if b.src else True
        assert list(b.tgt) == list(range(b.tgt[0], b.tgt[-1] + 1)) if b.tgt else True
        edges = [b.src[0], b.src[-1]] if b.src else []
        if any(src_chrome[s] for s in edges) or any(tgt_chrome[t] for t in ([b.tgt[0], b.tgt[-1]] if b.tgt else [])):
            assert len(b.src) + len(b.tgt) == 1  # a chrome line opens or closes no unit: it is alone


def test_pre_split_chrome_lines_come_back_unaligned():
    fr = ["Le ministre a signé l'accord de coopération à Rabat.", "Partager cet article",
          "La délégation a ensuite visité le port de Tanger.", "Abonnez-vous à notre newsletter"]
    ar = ["وقع الوزير اتفاقية التعاون في الرباط.", "شارك بتعليقك", "ثم زار الوفد ميناء طنجة.", "المصدر: وكالات"]
    cfg = AlignConfig(encoder="use", pre_split=True)
    result = align_sentences(pre_split("\n".join(fr) + "\n"), pre_split("\n".join(ar) + "\n"), cfg)
    pairs = [(b.src, b.tgt) for b in result.beads]
    assert ((0,), (0,)) in pairs and ((2,), (2,)) in pairs
    for chrome in (((1,), ()), ((3,), ()), ((), (1,)), ((), (3,))):
        assert chrome in pairs


def test_pre_split_chrome_lines_are_not_encoded(monkeypatch):
    from aligner.encoders import parallel
    from aligner.encoders.registry import get_encoder

    monkeypatch.setattr(parallel, "_SIDE_PROCESSES", False)  # both sides encoded here, where we count

    inner = get_encoder("use")
    seen: list[str] = []

    class Counting:
        def __getattr__(self, name):
            return getattr(inner, name)

        def encode(self, texts, lang):
            seen.extend(texts)
            return inner.encode(texts, lang)

    fr = ["Le ministre a signé l'accord de coopération à Rabat.", "Partager cet article"]
    ar = ["وقع الوزير اتفاقية التعاون في الرباط.", "شارك بتعليقك"]
    cfg = AlignConfig(encoder="use", pre_split=True)
    result = align_sentences(pre_split("\n".join(fr) + "\n"), pre_split("\n".join(ar) + "\n"), cfg,
                             encoder=Counting(), cache=None)  # type: ignore[arg-type]
    assert ((1,), ()) in [(b.src, b.tgt) for b in result.beads]
    assert "Partager cet article" not in seen and "شارك بتعليقك" not in seen
    assert fr[0] in seen and ar[0] in seen


def test_the_cli_switch_is_in_the_signature_and_aligns_chrome_when_asked(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import main

    fr, ar = tmp_path / "fr.txt", tmp_path / "ar.txt"
    fr.write_text("Le ministre a signé l'accord à Rabat.\nPartager cet article\n", encoding="utf-8")
    ar.write_text("وقع الوزير الاتفاقية في الرباط.\nشارك بتعليقك\n", encoding="utf-8")
    runs = {}
    for flag in ("--pre-split-chrome", "--align-chrome"):
        res = CliRunner().invoke(main, ["align", str(fr), str(ar), "--pre-split", flag, "--encoder", "use",
                                        "--format", "beads"])
        assert res.exit_code == 0, res.output
        runs[flag] = res
    assert "split:pre/chrome|" in runs["--pre-split-chrome"].stderr
    assert "split:pre|" in runs["--align-chrome"].stderr
    assert "[1]:[1]:" in runs["--align-chrome"].stdout and "[1]:[1]:" not in runs["--pre-split-chrome"].stdout
