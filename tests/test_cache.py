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


def test_a_long_call_is_read_back_as_one_block(tmp_path):
    import sqlite3

    from aligner.encoders.cache import BLOCK_MIN, BLOCKS, FILE_NAME, TABLE

    texts = [f"phrase {i}" + " a" * (i % 5) for i in range(BLOCK_MIN + 10)]
    enc = CountingEncoder()
    first = EmbeddingCache(tmp_path).encode(enc, texts, "fr")
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute(f"SELECT count(*) FROM {BLOCKS}").fetchone() == (1,)
    db.execute(f"DELETE FROM {TABLE}")  # the block alone answers the same list
    db.commit()
    db.close()
    cache = EmbeddingCache(tmp_path)
    again = cache.encode(enc, texts, "fr")
    assert enc.calls == len(texts) and cache.hits == len(texts)
    assert again.dtype == np.float32 and again.flags.writeable and np.array_equal(first, again)
    assert np.array_equal(cache.encode(enc, texts[:BLOCK_MIN - 1], "fr"), first[:BLOCK_MIN - 1])  # rows again
    assert enc.calls == len(texts) + BLOCK_MIN - 1


def test_an_edited_list_misses_its_block_and_reads_its_rows(tmp_path):
    from aligner.encoders.cache import BLOCK_MIN

    texts = [f"phrase {i}" for i in range(BLOCK_MIN * 2)]
    enc = CountingEncoder()
    EmbeddingCache(tmp_path).encode(enc, texts, "fr")
    edited = texts[:5] + ["une phrase nouvelle"] + texts[5:]
    got = EmbeddingCache(tmp_path).encode(enc, edited, "fr")
    assert enc.calls == len(texts) + 1
    assert np.array_equal(got, CountingEncoder().encode(edited, "fr"))
    # the same list in another language, or split otherwise, is another block
    assert EmbeddingCache(tmp_path)._block_key(enc, "fr", ["ab", "c"] * 40) != \
        EmbeddingCache(tmp_path)._block_key(enc, "fr", ["a", "bc"] * 40)
    assert EmbeddingCache(tmp_path)._block_key(enc, "fr", texts) != EmbeddingCache(tmp_path)._block_key(enc, "ar", texts)


def test_a_damaged_block_falls_back_to_the_rows(tmp_path, caplog):
    import sqlite3

    from aligner.encoders.cache import BLOCK_MIN, BLOCKS, FILE_NAME

    texts = [f"phrase {i}" for i in range(BLOCK_MIN)]
    enc = CountingEncoder()
    clean = EmbeddingCache(tmp_path).encode(enc, texts, "fr")
    db = sqlite3.connect(tmp_path / FILE_NAME)
    (blob,) = db.execute(f"SELECT vec FROM {BLOCKS}").fetchone()
    data = bytearray(blob)
    data[17] ^= 4
    db.execute(f"UPDATE {BLOCKS} SET vec = ?", (bytes(data),))
    db.commit()
    db.close()
    cache = EmbeddingCache(tmp_path)
    assert np.array_equal(cache.encode(enc, texts, "fr"), clean)
    assert enc.calls == len(texts) and cache.rejected == 1 and "failed its checksum" in caplog.text
    again = EmbeddingCache(tmp_path)  # the block was stored again from the rows
    assert np.array_equal(again.encode(enc, texts, "fr"), clean) and again.rejected == 0


def test_a_read_only_cache_from_before_blocks_is_read(tmp_path):
    import sqlite3

    from aligner.encoders.cache import BLOCK_MIN, BLOCKS, FILE_NAME

    texts = [f"phrase {i}" for i in range(BLOCK_MIN)]
    enc = CountingEncoder()
    first = EmbeddingCache(tmp_path)
    clean = first.encode(enc, texts, "fr")
    first.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute(f"DROP TABLE {BLOCKS}")  # a database written before blocks existed
    db.commit()
    db.close()
    cache = EmbeddingCache(tmp_path)
    cache._db = cache._open_read_only(sqlite3.OperationalError("attempt to write a readonly database"))
    assert np.array_equal(cache.encode(enc, texts, "fr"), clean) and enc.calls == len(texts)


def test_a_cache_another_job_holds_for_an_instant_is_waited_for(tmp_path, monkeypatch):
    # another job holds the database alone for an instant (SQLite answers "database is locked"
    # at once when a connection switches to WAL meanwhile): this job tries again and stores
    # its vectors, instead of going on without the cache (a re-run would encode them again)
    import sqlite3

    real = EmbeddingCache._connect_once
    answers = iter([sqlite3.OperationalError("database is locked")] * 2)

    def held(self):
        err = next(answers, None)
        if err is not None:
            raise err
        return real(self)

    monkeypatch.setattr(EmbeddingCache, "_connect_once", held)
    EmbeddingCache(tmp_path).encode(CountingEncoder(), ["a", "b"], "fr")
    monkeypatch.setattr(EmbeddingCache, "_connect_once", real)
    enc = CountingEncoder()
    EmbeddingCache(tmp_path).encode(enc, ["a", "b"], "fr")
    assert enc.calls == 0
