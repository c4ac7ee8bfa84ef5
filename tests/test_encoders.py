import numpy as np
import pytest

from aligner.encoders.registry import get_encoder
from aligner.errors import EncoderError


@pytest.mark.parametrize("name", ["use", "e5"])
def test_encoders_give_normalised_vectors(name):
    enc = get_encoder(name)
    v = enc.encode(["Le ministre est arrivé à Rabat.", "وصل الوزير إلى الرباط.", "Il pleut sur Paris."], "fr")
    assert v.shape == (3, enc.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    # the translation is closer than the unrelated sentence
    assert v[0] @ v[1] > v[0] @ v[2]
    assert enc.version and enc.version != "unknown"
    assert enc.encode([], "fr").shape == (0, enc.dim)


def test_unknown_encoder():
    with pytest.raises(EncoderError, match="unknown encoder 'x'.*use"):
        get_encoder("x")
