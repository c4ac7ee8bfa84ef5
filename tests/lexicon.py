"""A tiny, fast, deterministic stand-in encoder and a generated French–Arabic corpus for batch tests.

The corpus is written from a word-for-word lexicon (French and Arabic words of the same
concept), so the stand-in encoder can map both languages into one space without a model:
a sentence's vector is the sum of fixed random vectors of its concepts (unknown tokens,
numbers included, get a vector derived from their CRC-32). Vectors depend on the sentence
alone, never on the batch, so every engine and batching gives the same bits.

Registered as encoder ``lexicon`` on import. Fault injection for the engine tests: when
``$ALIGNER_LEXICON_KILL`` names a folder, each ``*.kill`` file in it reading ``STAGE N``
(``describe`` or ``align``) is an order: the first process that makes its N-th encoder call
(or later) in that stage claims the file (renames it) and kills itself with SIGKILL — a worker
dying mid-task, once per order.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sys
import zlib
from pathlib import Path

import numpy as np

from aligner.encoders import Encoder, EncoderOptions, register_encoder

NOUNS = [
    ("ministre", "وزير"), ("gouvernement", "حكومة"), ("projet", "مشروع"), ("rapport", "تقرير"),
    ("conseil", "مجلس"), ("président", "رئيس"), ("accord", "اتفاق"), ("budget", "ميزانية"),
    ("école", "مدرسة"), ("hôpital", "مستشفى"), ("route", "طريق"), ("énergie", "طاقة"),
    ("agriculture", "زراعة"), ("commerce", "تجارة"), ("santé", "صحة"), ("éducation", "تعليم"),
    ("police", "شرطة"), ("tribunal", "محكمة"), ("loi", "قانون"), ("élection", "انتخابات"),
    ("presse", "صحافة"), ("université", "جامعة"), ("étudiant", "طالب"), ("entreprise", "شركة"),
    ("marché", "سوق"), ("port", "ميناء"), ("aéroport", "مطار"), ("train", "قطار"),
    ("frontière", "حدود"), ("sécurité", "أمن"), ("culture", "ثقافة"), ("festival", "مهرجان"),
    ("musée", "متحف"), ("tourisme", "سياحة"), ("emploi", "تشغيل"), ("jeunesse", "شباب"),
    ("région", "جهة"), ("province", "إقليم"), ("programme", "برنامج"), ("investissement", "استثمار"),
    ("exportation", "تصدير"), ("production", "إنتاج"), ("pluie", "مطر"), ("barrage", "سد"),
]
VERBS = [("annonce", "أعلن"), ("signe", "وقع"), ("inaugure", "دشن"), ("présente", "قدم"),
         ("visite", "زار"), ("approuve", "صادق"), ("lance", "أطلق"), ("examine", "درس")]
CITIES = [("Rabat", "الرباط"), ("Tanger", "طنجة"), ("Oujda", "وجدة"), ("Fès", "فاس"),
          ("Marrakech", "مراكش"), ("Agadir", "أكادير"), ("Meknès", "مكناس"), ("Tétouan", "تطوان")]
FUNCTION = [("de", "من"), ("avec", "مع"), ("pour", "لأجل"), ("dans", "في"), ("et", "و")]
IGNORED = frozenset({"le", "la", "les", "des", "du", *(w for pair in FUNCTION for w in pair)})

_CONCEPT: dict[str, int] = {}
for _k, (_f, _a) in enumerate(NOUNS + VERBS + CITIES + FUNCTION):
    _CONCEPT[_f.lower()] = _k
    _CONCEPT[_a] = _k
DIM = 64
_BASIS = np.random.default_rng(7).standard_normal((len(_CONCEPT) // 2 + 1, DIM)).astype(np.float32)
_WORD = re.compile(r"\w+")
_CALLS = 0


def _token_vector(token: str) -> np.ndarray:
    concept = _CONCEPT.get(token.lower())
    if concept is not None:
        return _BASIS[concept]
    return np.random.default_rng(zlib.crc32(token.encode("utf-8"))).standard_normal(DIM).astype(np.float32)


def _in_alignment() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "align_pair":
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _maybe_die() -> None:
    """Kill this process when a kill order in ``$ALIGNER_LEXICON_KILL`` (a folder) is due."""
    global _CALLS
    folder = os.environ.get("ALIGNER_LEXICON_KILL")
    if not folder or not os.path.isdir(folder):
        return
    _CALLS += 1
    for order in sorted(Path(folder).glob("*.kill")):
        try:
            stage, calls = order.read_text(encoding="utf-8").split()
            if _CALLS < int(calls) or (stage == "align") != _in_alignment():
                continue
            os.rename(order, order.with_suffix(f".claimed-{os.getpid()}"))
        except (OSError, ValueError):
            continue  # another worker claimed it first
        os.kill(os.getpid(), signal.SIGKILL)


class LexiconEncoder(Encoder):
    """Sum of concept vectors from a fixed lexicon (tests only)."""

    name = "lexicon"
    description = "stand-in for tests (fixed lexicon)"
    dim = DIM

    def __init__(self, options: EncoderOptions | None = None) -> None:
        pass

    @property
    def version(self) -> str:
        return "1"

    def _encode(self, sentences: list[str], lang: str) -> np.ndarray:
        _maybe_die()
        out = np.zeros((len(sentences), DIM), dtype=np.float32)
        for k, s in enumerate(sentences):
            for token in _WORD.findall(s):
                if token.lower() not in IGNORED:
                    out[k] += _token_vector(token)
        return out


register_encoder("lexicon", "tests.lexicon:LexiconEncoder", LexiconEncoder.description)


def _sentence(rng: random.Random) -> tuple[str, str]:
    n1, n2, n3 = rng.sample(NOUNS, 3)
    verb, city = rng.choice(VERBS), rng.choice(CITIES)
    num = rng.randrange(10, 5000)
    fr = f"Le {n1[0]} {verb[0]} le {n2[0]} de {city[0]} avec {num} {n3[0]} pour la jeunesse."
    ar = f"{verb[1]} {n1[1]} {n2[1]} من {city[1]} مع {num} {n3[1]} لأجل شباب."
    return fr, ar


def make_corpus(folder: Path, pairs: int = 100, singles: int = 8, seed: int = 3) -> Path:
    """Write *pairs* French–Arabic article pairs (the Arabic with merges, drops and additions),
    *singles* unpaired articles per language, and bad files (empty, binary, English), some
    in sub-folders; returns *folder*."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, lines: list[str]) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    for k in range(pairs):
        sents = [_sentence(rng) for _ in range(rng.randint(4, 9))]
        fr = [" ".join(s[0] for s in sents)]
        ar: list[str] = []
        for _fr, a in sents:
            roll = rng.random()
            if roll < 0.08:
                continue  # dropped in the Arabic
            if roll < 0.2 and ar:
                ar[-1] = ar[-1].rstrip(".") + " و" + a  # merged with the previous sentence
            else:
                ar.append(a)
            if rng.random() < 0.08:
                ar.append(_sentence(rng)[1])  # added in the Arabic
        sub = f"site{k % 3}/" if k % 2 else ""
        write(f"{sub}doc{k:03d}_fr.txt", fr)
        write(f"{sub}doc{k:03d}_ar.txt", [" ".join(ar)])
    for k in range(singles):
        write(f"alone{k:02d}_fr.txt", [" ".join(_sentence(rng)[0] for _ in range(5))])
        write(f"alone{k:02d}_ar.txt", [" ".join(_sentence(rng)[1] for _ in range(5))])
    write("bad/empty.txt", [""])
    (folder / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    write("bad/english.txt", ["The minister arrived in Rabat on Monday and met the director of the police."])
    return folder
