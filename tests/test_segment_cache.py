"""The segmentation kept in the embedding cache: the same sentences, and never a stale or damaged one."""

from __future__ import annotations

import json
import sqlite3

import pytest

from aligner.encoders.cache import FILE_NAME, RECORDS, EmbeddingCache
from aligner.lang import segment, segment_cache
from aligner.lang.segment_cache import segment_cached

TEXT = ("Le ministre a signé l'accord. Il entre en vigueur le 1er mai.\n"
        "Titre court\n"
        "Les mesures suivantes :\n- la première ;\n- la seconde.\n")


def _no_segmenting(monkeypatch):
    def refuse(text, lang):
        raise AssertionError("segmented again")

    monkeypatch.setattr(segment, "segment_text", refuse)


def test_a_second_run_reads_the_same_sentences(tmp_path, monkeypatch):
    clean = segment.segment_text(TEXT, "fr")
    assert segment_cached(TEXT, "fr", EmbeddingCache(tmp_path)) == clean
    _no_segmenting(monkeypatch)
    assert segment_cached(TEXT, "fr", EmbeddingCache(tmp_path)) == clean
    with pytest.raises(AssertionError):  # another language, another text: another key
        segment_cached(TEXT, "ar", EmbeddingCache(tmp_path))
    with pytest.raises(AssertionError):
        segment_cached(TEXT + "Une ligne de plus.\n", "fr", EmbeddingCache(tmp_path))


def test_a_changed_segmenter_misses_the_old_entries(tmp_path, monkeypatch):
    segment_cached(TEXT, "fr", EmbeddingCache(tmp_path))
    monkeypatch.setattr(segment_cache, "fingerprint", lambda: b"another version of the rules")
    _no_segmenting(monkeypatch)
    with pytest.raises(AssertionError):
        segment_cached(TEXT, "fr", EmbeddingCache(tmp_path))


@pytest.mark.parametrize("damage", ["flipped", "forged-kind", "forged-line", "not-json"])
def test_a_damaged_or_forged_entry_is_segmented_again(damage, tmp_path, caplog):
    clean = segment.segment_text(TEXT, "fr")
    first = EmbeddingCache(tmp_path)
    segment_cached(TEXT, "fr", first)
    first.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    key, data = db.execute(f"SELECT key, data FROM {RECORDS}").fetchone()
    if damage == "flipped":
        new = bytearray(data)
        new[5] ^= 1
        db.execute(f"UPDATE {RECORDS} SET data = ?", (bytes(new),))
    else:  # a well-formed checksum over data that is not a segmentation of this text
        rows = json.loads(data)
        if damage == "forged-kind":
            rows[0][1] = "poem"
        elif damage == "forged-line":
            rows[0][2] = 99
        new = b"[[" if damage == "not-json" else json.dumps(rows).encode()
        db.execute(f"UPDATE {RECORDS} SET data = ?, sum = ?", (new, EmbeddingCache.checksum(key, 0, new)))
    db.commit()
    db.close()
    cache = EmbeddingCache(tmp_path)
    assert segment_cached(TEXT, "fr", cache) == clean
    assert (cache.rejected == 1) == (damage == "flipped")


def test_no_store_or_no_source_segments_as_before(tmp_path, monkeypatch):
    clean = segment.segment_text(TEXT, "fr")
    assert segment_cached(TEXT, "fr", None) == clean
    monkeypatch.setattr(segment_cache, "fingerprint", lambda: None)
    cache = EmbeddingCache(tmp_path)
    assert segment_cached(TEXT, "fr", cache) == clean
    assert not (tmp_path / FILE_NAME).exists()  # nothing kept, the cache never opened
