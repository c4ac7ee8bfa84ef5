"""Progress: the total from the start, stages named in order, and both sides encoded at once."""

import io
import threading

import numpy as np

from aligner.config import AlignConfig
from aligner.encoders.parallel import both, side_worker
from aligner.models import Sentence
from aligner.pipeline import AlignRequest, align_sentences, run_align
from aligner.progress import _Bars, both_sides, stage


class Recorder:
    """A progress callback that also takes stage names, as the terminal bar does."""

    def __init__(self) -> None:
        self.events: list[object] = []

    def __call__(self, done: int, total: int) -> None:
        self.events.append((done, total))

    def stage(self, name: str | None) -> None:
        self.events.append(name)


def test_stages_in_order_with_the_total_first(tmp_path):
    fr, ar = tmp_path / "a.fr.txt", tmp_path / "a.ar.txt"
    fr.write_text("Le ministre a parlé hier.\nIl a annoncé un plan.\n", encoding="utf-8")
    ar.write_text("تحدث الوزير أمس.\nأعلن عن خطة.\n", encoding="utf-8")
    rec = Recorder()
    run_align(AlignRequest(str(fr), str(ar), AlignConfig(encoder="use"), output=str(tmp_path / "o.tsv")),
              progress=rec)
    names = [e for e in rec.events if not isinstance(e, tuple)]
    counts = [e for e in rec.events if isinstance(e, tuple)]
    assert names == ["reading", "aligning", None, "writing", None]
    assert counts[0] == (0, 4) and counts[-1] == (4, 4)
    assert rec.events.index(counts[0]) < rec.events.index("aligning")


def test_stage_is_a_no_op_for_plain_callbacks():
    calls: list[tuple[int, int]] = []
    stage(lambda d, t: calls.append((d, t)), "reading")
    stage(None, "reading")
    assert calls == []


def test_bar_draws_its_total_from_the_start_and_names_stages(monkeypatch):
    out = io.StringIO()
    out.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stderr", out)
    bars = _Bars("sentence", "encoding")
    on_src, on_tgt = both_sides(bars, 3, 2)
    assert "0/5" in out.getvalue()
    on_src(3, 3)
    on_tgt(2, 2)
    bars.stage("aligning")
    bars.stage(None)
    text = out.getvalue()
    assert "5/5" in text and "aligning" in text
    assert not [t for t in threading.enumerate() if t.name == "aligner-progress"]


def test_both_runs_the_second_in_the_worker_and_raises_its_error():
    from tests.test_side_process import PidEncoder

    seen = []
    with side_worker(PidEncoder()) as worker:
        a, b = both(lambda: threading.current_thread().name,
                    lambda: threading.current_thread().name, worker)
        assert a != b and b.startswith("aligner-encode")
        try:
            both(lambda: 1, lambda: 1 / 0, worker)
        except ZeroDivisionError:
            seen.append("raised")
    assert seen == ["raised"]


def test_same_alignment_with_and_without_concurrent_sides(monkeypatch):
    from aligner.encoders.use import USEEncoder

    src = [Sentence(i, t) for i, t in enumerate(
        ["Le ministre a parlé hier.", "Il a annoncé un plan.", "Le plan coûte cher.", "Les syndicats protestent."])]
    tgt = [Sentence(i, t) for i, t in enumerate(
        ["تحدث الوزير أمس وأعلن عن خطة.", "الخطة مكلفة.", "النقابات تحتج."])]
    cfg = AlignConfig(encoder="use")
    results = []
    for flag in (False, True):
        monkeypatch.setattr(USEEncoder, "concurrent_sides", flag)
        results.append(align_sentences(src, tgt, cfg))
    assert [(b.src, b.tgt) for b in results[0].beads] == [(b.src, b.tgt) for b in results[1].beads]
    assert np.allclose([b.confidence for b in results[0].beads], [b.confidence for b in results[1].beads])
