import multiprocessing

import numpy as np

from aligner.encoders.cache import EmbeddingCache, default_cache_dir
from aligner.encoders.registry import Encoder


class CountingEncoder(Encoder):
    name = "counting"
    dim = 4

    def __init__(self) -> None:
        self.calls = 0

    @property
    def version(self) -> str:
        return "1"

    def _encode(self, sentences, lang):
        self.calls += len(sentences)
        return np.array([[len(s), s.count("a"), 1.0, lang == "ar"] for s in sentences], dtype=np.float32)


def test_second_run_skips_the_encoder(tmp_path):
    enc = CountingEncoder()
    cache = EmbeddingCache(tmp_path)
    first = cache.encode(enc, ["a b", "ccc", "a b"], "fr")
    assert enc.calls == 2
    second = EmbeddingCache(tmp_path).encode(enc, ["a b", "ccc"], "fr")
    assert enc.calls == 2
    assert np.allclose(first[:2], second)
    EmbeddingCache(tmp_path).encode(enc, ["a b"], "ar")  # another language is another key
    assert enc.calls == 3


def test_corrupt_cache_is_moved_aside(tmp_path):
    (tmp_path / "embeddings.sqlite").write_bytes(b"this is not a database" * 100)
    enc = CountingEncoder()
    v = EmbeddingCache(tmp_path).encode(enc, ["abc"], "fr")
    assert v.shape == (1, 4) and enc.calls == 1
    assert any(p.name.startswith("embeddings.sqlite.corrupt-") for p in tmp_path.iterdir())
    EmbeddingCache(tmp_path).encode(enc, ["abc"], "fr")
    assert enc.calls == 1


def _writer(folder: str, start: int) -> None:
    enc = CountingEncoder()
    cache = EmbeddingCache(folder)
    for k in range(20):
        cache.encode(enc, [f"sentence {start + k} {i}" for i in range(30)], "fr")


def test_two_jobs_write_at_once(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), s)) for s in (0, 10)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert all(p.exitcode == 0 for p in procs)
    enc = CountingEncoder()
    EmbeddingCache(tmp_path).encode(enc, [f"sentence {k} {i}" for k in range(30) for i in range(30)], "fr")
    assert enc.calls == 0


def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("ALIGNER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert default_cache_dir() == tmp_path / "x" / "aligner"


def test_progress_reports_every_sentence_encoded(monkeypatch):
    from aligner import pipeline
    from aligner.config import AlignConfig
    from aligner.models import Sentence

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    calls = []
    src = [Sentence(i, f"Phrase numéro {i}.") for i in range(5)]
    tgt = [Sentence(i, f"الجملة رقم {i}.") for i in range(3)]
    pipeline.align_sentences(src, tgt, AlignConfig(encoder="use"), progress=lambda d, t: calls.append((d, t)))
    # the two sides are encoded at once: chunks of both arrive interleaved, the count only grows
    assert calls[0] == (0, 8) and len(calls) == 6 and {t for _, t in calls} == {8}  # the total from the start
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and calls[-1] == (8, 8)


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    from aligner.progress import progress_bar

    assert progress_bar(quiet=False) is None  # pytest captures stderr: not a terminal
    assert progress_bar(quiet=True) is None
