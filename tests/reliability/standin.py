"""A tiny, fast stand-in sentence encoder for the reliability suite.

The suite tests what happens around the encoder (bad files, OS faults, kills,
cache damage), not its accuracy, so it uses 64-dimensional hashed character
n-grams (plus the digits, which both languages share): microseconds per
sentence instead of a model load. Registered as ``standin``; a subprocess gets
it by running ``python -m tests.reliability.cli``.
"""

from __future__ import annotations

import hashlib
import os
import re
import time

import numpy as np

from aligner.encoders import ENCODERS, Encoder, EncoderOptions, register_encoder

NAME = "standin"
DIM = 64


class StandInEncoder(Encoder):
    name = NAME
    description = "stand-in for tests (hashed features)"
    dim = DIM

    def __init__(self, options: EncoderOptions | None = None) -> None:
        pass

    @property
    def version(self) -> str:
        return "1"

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        delay = float(os.environ.get("STANDIN_DELAY", "0"))  # seconds per call: keeps a job busy for kill tests
        marker = os.environ.get("STANDIN_STARTED")  # a file touched when encoding starts: kill tests wait for it
        if marker:
            open(marker, "a").close()
        if delay:
            time.sleep(delay)
        out = np.zeros((len(sentences), DIM), dtype=np.float32)
        for k, text in enumerate(sentences):
            text = text[:2000]
            feats = re.findall(r"\d+", text) + [f"len{min(len(text) // 20, 20)}"]
            for f in feats:
                h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=4).digest(), "little")
                out[k, h % DIM] += 1.0
            out[k, 0] += 0.1
        return out


def install() -> None:
    if NAME not in ENCODERS:
        register_encoder(NAME, StandInEncoder, StandInEncoder.description)
