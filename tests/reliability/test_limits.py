"""Limits that keep memory and time bounded whatever the input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aligner.encoders import ENCODERS, register_encoder
from aligner.encoders.base import MAX_ENCODE_CHARS

from .conftest import run
from .standin import StandInEncoder
from .test_hostile import tmx_text

SEEN: list[int] = []


class SpyEncoder(StandInEncoder):
    """The stand-in, recording the longest text it was asked to encode."""

    name = "spy"

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        SEEN.append(max(map(len, sentences)))
        return super()._encode(sentences, lang)


@pytest.fixture
def spy() -> str:
    if "spy" not in ENCODERS:
        register_encoder("spy", SpyEncoder, "records the longest text")
    SEEN.clear()
    return "spy"


def test_a_huge_line_is_bounded_before_encoding(spy: str, tmp_path: Path, pair) -> None:
    """A 20 MB line with no punctuation made the encoder allocate 23.8 GiB: encoders see a bounded text."""
    words = pair[0].read_text(encoding="utf-8").replace(".", " ").split()[40:]
    big = tmp_path / "big.txt"
    big.write_text(" ".join(words[i % len(words)] for i in range(400_000)) + "\n", encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    res = run(["align", big, pair[1], "--encoder", spy, "--no-cache", "-q", "--pre-split", "-o", tmp_path / "x.tsv"],
              seconds=60)
    assert res.exit_code == 0, res.output
    assert SEEN and max(SEEN) <= MAX_ENCODE_CHARS


def test_dtd_validation_streams(tmp_path: Path, monkeypatch) -> None:
    """The DTD step never builds the whole tree (it loaded up to 256 MB, 2 GB of memory)."""
    import lxml.etree

    def whole_tree(*a, **kw):  # type: ignore[no-untyped-def]
        raise AssertionError("etree.parse loads the whole file")

    monkeypatch.setattr(lxml.etree, "parse", whole_tree)
    body = "".join(f'<tu><tuv xml:lang="fr"><seg>Phrase {i}.</seg></tuv><tuv xml:lang="ar"><seg>جملة {i}.</seg></tuv></tu>'
                   for i in range(2000))
    good = tmp_path / "good.tmx"
    good.write_text(tmx_text().replace("<body>", "<body>" + body), encoding="utf-8")
    res = run(["tmx", "validate", good])
    assert res.exit_code == 0 and "valid TMX 1.4" in res.output, res.output
    bad = tmp_path / "bad.tmx"
    bad.write_text(tmx_text().replace("<body>", "<body><tu><foo/></tu>"), encoding="utf-8")
    res = run(["tmx", "validate", bad])
    assert res.exit_code == 1 and "DTD" in res.output and "foo" in res.output, res.output


def test_qa_refuses_a_tmx_over_its_limit_at_once(tmp_path: Path) -> None:
    """qa holds every unit in memory: a 1 GB TMX took 2.3 GB and 10+ minutes; now refused by size."""
    big = tmp_path / "big.tmx"
    with open(big, "wb") as fh:
        fh.write(tmx_text().encode())
        fh.truncate(1024**3)
    res = run(["qa", big], seconds=10)
    assert res.exit_code == 1 and "too large" in res.output and str(big) in res.output
