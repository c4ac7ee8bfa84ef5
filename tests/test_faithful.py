"""Re-alignment of doubtful windows for texts translated in full (aligner.align.faithful, --faithful)."""

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.align.faithful import MAX_WINDOW, doubtful_windows, realign_faithful
from aligner.align.search import align_vectors
from aligner.cli import main
from aligner.config import FAITHFUL_AUTO, AlignConfig
from aligner.errors import ConfigError

from .conftest import FIXTURES
from .test_refine import _setup

TB = FIXTURES / "textberg"

ONE = ((0,), (0,))


def _path(shapes: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out, i, j = [], 0, 0
    for a, b in shapes:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


def test_windows_surround_the_beads_that_are_not_one_to_one():
    path = _path([(1, 1), (1, 1), (0, 1), (1, 1), (1, 1), (1, 1), (2, 1), (1, 1)])
    assert doubtful_windows(path, context=0) == [(2, 3), (6, 7)]
    assert doubtful_windows(path, context=1) == [(1, 4), (5, 8)]
    # overlapping windows are joined
    assert doubtful_windows(path, context=2) == [(0, 8)]


def test_runs_of_unaligned_sentences_are_kept_out_of_the_windows():
    path = _path([(1, 1), (0, 1), (0, 1), (1, 0), (1, 1), (1, 1)])
    assert doubtful_windows(path, context=1) == []
    assert doubtful_windows(path, context=1, keep_runs=False) == [(0, 5)]
    # a lone unaligned sentence after a run still gets its window, without the run
    path = _path([(0, 1), (0, 1), (1, 1), (1, 0), (1, 1)])
    assert doubtful_windows(path, context=1) == [(2, 5)]


def test_a_window_is_never_longer_than_the_limit():
    path = _path([(2, 1)] * (3 * MAX_WINDOW + 5))
    windows = doubtful_windows(path, context=1)
    assert all(0 < k1 - k0 <= MAX_WINDOW for k0, k1 in windows)
    assert [k for k0, k1 in windows for k in range(k0, k1)] == list(range(len(path)))


def test_a_member_left_unaligned_joins_its_bead():
    # target 2 ("t3") is the second half of source 1 ("t2 t3"), left unaligned by the search
    src = ["t1", "t2 t3", "t5"]
    tgt = ["t1", "t2", "t3", "t5"]
    spans, enc = _setup(src, tgt)
    first = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    out = realign_faithful(first, spans, max_bead=5, skip=-0.2, context=1)
    assert out == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert spans.encoded > 0 and len(enc.calls) <= 2  # one encoder call per side


def test_only_the_spans_the_paths_use_are_encoded():
    src = ["t1", "t2 t3", "t4", "t5", "t6", "t7", "t8"]
    tgt = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]
    spans, enc = _setup(src, tgt)
    first = _path([(1, 1), (1, 1), (0, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1)])
    # context 3: a window of 7 beads (6 source and 7 target sentences, 27 spans of 2-4)
    out = realign_faithful(first, spans, max_bead=5, skip=-0.2, context=3)
    assert out[1] == ((1,), (1, 2))
    encoded = {text for call in enc.calls for text in call}
    assert "t2 t3" in encoded  # the merge the path takes, encoded as one text
    assert 0 < spans.encoded < 6  # a handful, not the window's 20-odd spans


def test_an_unrelated_sentence_stays_unaligned():
    src = ["t1", "t2", "t5"]
    tgt = ["t1", "t2", "t30 t31", "t5"]
    spans, _ = _setup(src, tgt)
    first = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    assert realign_faithful(first, spans, max_bead=5, skip=-0.2, context=1) == first


def test_a_bead_that_is_not_allowed_is_never_made():
    src = ["t1", "t2 t3", "t5"]
    tgt = ["t1", "t2", "t3", "t5"]
    spans, _ = _setup(src, tgt)
    first = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    out = realign_faithful(first, spans, max_bead=5, skip=-0.2, context=1, allowed=lambda b: len(b[1]) < 2)
    assert all(len(t) < 2 for _, t in out)
    assert realign_faithful(first, spans, max_bead=2, skip=-0.2, context=1) == first


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**16), shapes=st.lists(st.sampled_from([(1, 1), (0, 1), (1, 0), (2, 1), (1, 2)]),
                                                    min_size=2, max_size=16))
def test_the_paths_do_not_depend_on_spans_encoded_before_the_pass(seed, shapes):
    first = _path(shapes)
    n, m = sum(len(s) for s, _ in first), sum(len(t) for _, t in first)
    rng = np.random.default_rng(seed)
    src = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(n)]
    tgt = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(m)]
    fresh, _ = _setup(src, tgt, dim=8, seed=seed)
    warm, _ = _setup(src, tgt, dim=8, seed=seed)
    # an earlier pass (the refinement, the join gains) encoded some spans already
    warm.prefetch(0, [tuple(range(i, i + 2)) for i in range(0, n - 1, 2)])
    warm.prefetch(1, [tuple(range(j, j + 3)) for j in range(1, m - 2, 3)])
    assert realign_faithful(first, warm, 5, -0.2, 1) == realign_faithful(first, fresh, 5, -0.2, 1)


def test_a_path_of_one_to_one_beads_encodes_nothing():
    spans, enc = _setup(["t1", "t2"], ["t1", "t2"])
    first = [((0,), (0,)), ((1,), (1,))]
    assert realign_faithful(first, spans, max_bead=5, skip=-0.2, context=1) == first
    assert enc.calls == []


@settings(max_examples=60, deadline=None)
@given(shapes=st.lists(st.sampled_from([(1, 1), (0, 1), (1, 0), (2, 1), (1, 2), (2, 2)]), min_size=1, max_size=30),
       seed=st.integers(0, 2**16), context=st.integers(0, 2), max_bead=st.integers(2, 6))
def test_realigned_path_is_monotonic_and_uses_every_sentence_once(shapes, seed, context, max_bead):
    first = _path([s for s in shapes if sum(s) <= max_bead] or [(1, 1)])
    n = sum(len(s) for s, _ in first)
    m = sum(len(t) for _, t in first)
    rng = np.random.default_rng(seed)
    src = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(n)]
    tgt = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(m)]
    spans, _ = _setup(src, tgt, dim=8, seed=seed)
    out = realign_faithful(first, spans, max_bead=max_bead, skip=-0.2, context=context)
    assert [i for s, _ in out for i in s] == list(range(n))
    assert [j for _, t in out for j in t] == list(range(m))
    assert all((s or t) and len(s) + len(t) <= max_bead for s, t in out)
    # every new unit, 1-1 included, is one that *allowed* accepts (the search's band)
    near = lambda b: all(abs(i - j) <= 1 for i in b[0] for j in b[1])  # noqa: E731
    out = realign_faithful(first, spans, max_bead=max_bead, skip=-0.2, context=context, allowed=near)
    assert all(near(b) or b in first for b in out if b[0] and b[1])


def test_align_vectors_with_faithful_covers_both_sides():
    src = ["t1", "t2 t3", "t5", "t6", "t7 t8"]
    tgt = ["t1", "t2", "t3", "t5", "t6", "t7", "t8"]
    spans, _ = _setup(src, tgt)
    xs = np.array([spans.vector(0, (i,)) for i in range(len(src))], dtype=np.float32)
    ys = np.array([spans.vector(1, (j,)) for j in range(len(tgt))], dtype=np.float32)
    lx = np.array([len(s) * 10.0 for s in src])
    ly = np.array([len(t) * 10.0 for t in tgt])
    beads = align_vectors(xs, ys, lx, ly, AlignConfig(faithful=True), spans=spans)
    assert [i for b in beads for i in b.src] == list(range(len(src)))
    assert [j for b in beads for j in b.tgt] == list(range(len(tgt)))
    assert ((1,), (1, 2)) in [(b.src, b.tgt) for b in beads]
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 40), m=st.integers(1, 40), seed=st.integers(0, 2**16), max_bead=st.integers(2, 6))
def test_faithful_stays_in_the_searched_band_of_long_documents(n, m, seed, max_bead):
    # coarse_size 8 and band 3: the search computes a narrow band; a unit outside it would
    # make the confidence read cells that were never computed
    rng = np.random.default_rng(seed)
    src = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(n)]
    tgt = [" ".join(f"t{k}" for k in rng.integers(0, 40, rng.integers(1, 3))) for _ in range(m)]
    spans, _ = _setup(src, tgt, dim=8, seed=seed)
    xs = np.array([spans.vector(0, (i,)) for i in range(n)], dtype=np.float32)
    ys = np.array([spans.vector(1, (j,)) for j in range(m)], dtype=np.float32)
    cfg = AlignConfig(max_bead=max_bead, coarse_size=8, band=3, faithful=True, faithful_context=2)
    beads = align_vectors(xs, ys, rng.integers(1, 200, n), rng.integers(1, 200, m), cfg, spans=spans)
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)
    # a unit's dissimilarity is at most 2 / norm floor (40); a cell outside the band reads garbage
    assert all(np.isfinite(b.cost) and 0.0 <= b.cost <= 40.0 for b in beads if b.src and b.tgt)


def test_faithful_settings_are_checked_and_signed():
    with pytest.raises(ConfigError, match="faithful skip"):
        AlignConfig(faithful_skip=0.5)
    with pytest.raises(ConfigError, match="faithful context"):
        AlignConfig(faithful_context=-1)
    assert "faithful:off|" in AlignConfig(faithful_auto=0.0).signature().format()
    assert "faithful:auto0.6@-0.08n2/spread:-0.2/c1/runs|" in AlignConfig().signature().format()
    assert AlignConfig().faithful_auto == FAITHFUL_AUTO
    with pytest.raises(ConfigError, match="faithful auto share"):
        AlignConfig(faithful_auto=1.5)
    with pytest.raises(ConfigError, match="faithful min"):
        AlignConfig(faithful_min=0)
    assert "faithful:-0.2/c1/runs" in AlignConfig(faithful=True).signature().format()
    assert "faithful:-0.1/c0|" in AlignConfig(faithful=True, faithful_skip=-0.1, faithful_context=0,
                                              faithful_keep_runs=False).signature().format()


def test_cli_faithful_is_recorded_in_the_tmx_header(tmp_path):
    out = tmp_path / "tb.tmx"
    res = CliRunner().invoke(main, ["align", "--pre-split", "--src-lang", "de", "--tgt-lang", "fr", "--faithful",
                                    str(TB / "test0.de"), str(TB / "test0.fr"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    props = {p.get("type"): p.text for p in etree.parse(str(out)).iter("prop")}
    assert "faithful:-0.2/c1/runs" in props["x-signature"]


def test_the_pass_runs_by_itself_where_unaligned_sentences_read_as_members():
    from aligner.align.faithful import reads_as_faithful

    path = [(1, 1, 1, 1), (1, 2, 0, 1), (2, 3, 1, 1), (3, 3, 1, 0), (4, 4, 1, 1), (4, 5, 0, 1), (5, 6, 1, 1)]
    members = [-0.2, 0.01, -0.2, -0.02, -0.2, -0.3, -0.2]  # the gains of the three unaligned sentences: 2 of 3 join
    cfg = AlignConfig(faithful_auto=0.4, faithful_min=3)
    assert reads_as_faithful(path, members, cfg, 1.0)
    assert not reads_as_faithful(path, [-0.2, -0.2, -0.2, -0.3, -0.2, -0.3, -0.2], cfg, 1.0)
    assert not reads_as_faithful(path, members, AlignConfig(faithful_auto=0.4, faithful_min=5), 1.0)  # too few to tell
    assert reads_as_faithful(path, members, AlignConfig(faithful_auto=0.6), 1.0)  # the defaults: 2 of 3 ≥ 0.6, 3 ≥ 2
    assert not reads_as_faithful(path, [-0.2, 0.01, -0.2, -0.3, -0.2, -0.3, -0.2], AlignConfig(), 1.0)  # 1 of 3
    assert not reads_as_faithful(path, [None] * len(path), cfg, 1.0)
    # the gain threshold (-0.05) is in use's units: at a fifth of use's spread, -0.02 no longer joins
    assert not reads_as_faithful(path, members, cfg, 0.2)


@pytest.mark.parametrize("flag,expected", [("--faithful", "faithful:-0.2/c1/runs|"),
                                           (None, "faithful:auto0.6@-0.08n2/spread:-0.2/c1/runs|"),
                                           ("--faithful-auto", "faithful:auto0.6@-0.08n2/spread:-0.2/c1/runs|"),
                                           ("--no-faithful-auto", "faithful:off|")])
def test_cli_faithful_flags(tmp_path, flag, expected):
    out = tmp_path / "tb.tmx"
    args = ["align", "--pre-split", "--src-lang", "de", "--tgt-lang", "fr", str(TB / "test0.de"), str(TB / "test0.fr"),
            "-o", str(out), "-q"]
    res = CliRunner().invoke(main, args + ([flag] if flag else []))
    assert res.exit_code == 0, res.output
    props = {p.get("type"): p.text for p in etree.parse(str(out)).iter("prop")}
    assert expected in props["x-signature"]


def test_a_book_is_aligned_as_translated_in_full_and_news_is_not():
    """Text+Berg's yearbook text (test0) reads as translated in full: the defaults (--faithful-auto)
    give what --faithful gives; the seed pair (rewritten news) gets what --no-faithful-auto gives."""
    from aligner.lang.segment import pre_split
    from aligner.pipeline import align_files, align_sentences

    def lines(path):
        return pre_split(path.read_text(encoding="utf-8"))

    base = AlignConfig(src_lang="de", tgt_lang="fr", encoder="use", pre_split=True, faithful_auto=0.0)
    book = {name: [(b.src, b.tgt) for b in align_sentences(lines(TB / "test0.de"), lines(TB / "test0.fr"), cfg).beads]
            for name, cfg in (("auto", base.with_(faithful_auto=FAITHFUL_AUTO)), ("on", base.with_(faithful=True)), ("off", base))}
    assert book["auto"] == book["on"] != book["off"]
    root = FIXTURES.parent.parent / "corpora"
    news = {name: [(b.src, b.tgt) for b in align_files(root / "000_7605adee3dac5af9.txt", root / "003_d8871bab029391e4.txt",
                                                       cfg).beads]
            for name, cfg in (("auto", AlignConfig(encoder="use")), ("off", AlignConfig(encoder="use", faithful_auto=0.0)))}
    assert news["auto"] == news["off"]
