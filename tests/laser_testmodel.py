"""Generate a LASER model in the published file formats, with random weights.

The three files have the names, formats and checkpoint layout of LASER's
(``93langs.fcodes`` in fastBPE's ``a b count`` form, ``93langs.fvocab`` as
``token count``, and a ``torch.save``d ``{"model", "params", "dictionary"}``
for the package's BiLSTM ``Encoder``); the BPE codes and vocabulary are learnt
by subword-nmt on the sentences given, tokenised exactly as laserembeddings
tokenises them. Tests use a tiny one; ``scripts/bench_laser_device.py`` a
full-size one (:data:`~aligner.encoders.laser.PUBLISHED_PARAMS`) to time the
architecture. The vectors mean nothing: this is for loading and speed, not
for aligning well.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aligner.encoders.laser import CHECKPOINT, CODES, VOCAB

SPECIALS = {"<Lua heritage>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}  # fairseq's, as in LASER's dictionary


def make_laser_model(
    folder: str | os.PathLike[str],
    sentences: Mapping[str, Sequence[str]],
    *,
    merges: int = 200,
    embed_dim: int = 16,
    hidden_size: int = 24,
    num_layers: int = 1,
    num_embeddings: int | None = None,
    seed: int = 0,
) -> Path:
    """Write the three LASER files into *folder*, learnt on *sentences* ``{lang: [...]}``.

    *num_embeddings* pads the dictionary to the published size when timing the
    full architecture; by default it is the vocabulary learnt.
    """
    import torch
    from laserembeddings.encoder import Encoder
    from laserembeddings.preprocessing import Tokenizer
    from subword_nmt.apply_bpe import BPE
    from subword_nmt.learn_bpe import learn_bpe

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tokenised = [Tokenizer(lang).tokenize(s) for lang, texts in sentences.items() for s in texts]

    learnt = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):  # subword-nmt's own progress bar and notes
        learn_bpe(io.StringIO("\n".join(tokenised) + "\n"), learnt, merges, min_frequency=1)
    pairs = [line for line in learnt.getvalue().splitlines() if line and not line.startswith("#version")]
    # fastBPE writes each merge with its count; LASER's file is in that form.
    (out / CODES).write_text("".join(f"{p} {len(pairs) - k}\n" for k, p in enumerate(pairs)), encoding="utf-8")

    bpe = BPE(io.StringIO("\n".join(pairs) + "\n"))
    counts = Counter(tok for line in tokenised for tok in bpe.process_line(line).split())
    (out / VOCAB).write_text("".join(f"{t} {c}\n" for t, c in counts.most_common()), encoding="utf-8")

    dictionary = dict(SPECIALS)
    for token, _ in counts.most_common():
        dictionary.setdefault(token, len(dictionary))
    size = max(num_embeddings or 0, len(dictionary))
    params: dict[str, Any] = {
        "num_embeddings": size, "padding_idx": SPECIALS["<pad>"], "embed_dim": embed_dim,
        "hidden_size": hidden_size, "num_layers": num_layers, "bidirectional": True,
        "left_pad": True, "padding_value": 0.0,
    }
    torch.manual_seed(seed)
    encoder = Encoder(**params)
    torch.save({"model": encoder.state_dict(), "params": params, "dictionary": dictionary}, out / CHECKPOINT)
    return out
