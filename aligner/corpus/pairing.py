"""Pairing documents: which French and which Arabic articles report the same content.

Each document is read, its language detected, and summarised by a document
vector (the normalised mean of its sentence vectors) and by evidence that
survives translation: numbers, dates (months) and names (matched across
scripts by consonant skeletons). Candidates come from nearest neighbours of
the document vectors (a matrix product of document vectors, never sentence
against sentence), scored with the ratio margin (hubness-corrected cosine)
plus the evidence, and assigned one-to-one greedily from the best score.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np

from ..config import DEFAULTS, PAIR_DEFAULTS, AlignConfig, PairConfig
from ..encoders import Encoder
from ..encoders.cache import EmbeddingCache
from ..errors import AlignerError
from ..io.reading import read_document
from ..lang.entities import french_names, months, numbers
from ..lang.langid import detect_language, language_name
from ..lang.segment import segment_text
from ..lang.translit import arabic_skeletons, name_in_arabic
from ..pipeline import resolve_encoder
from .manifest import UNREAD_DOCUMENTS, CorpusDoc, load_corpus, local_copy
from .neighbours import top_k


@dataclass
class DocInfo:
    """One input file as the pairing sees it."""

    path: str
    language: str
    sentences: list[str] = field(default_factory=list)
    numbers: set[float] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    names: list[str] = field(default_factory=list)  # French only
    skeletons: set[str] = field(default_factory=set)  # Arabic only
    text: str = ""
    error: str = ""
    doc_id: str = ""
    group: str = ""
    index: int = 0  # position in the corpus listing
    vector: np.ndarray | None = None  # normalised mean of the sentence vectors (add_vector)


@dataclass(frozen=True)
class Pair:
    """A French and an Arabic document judged to report the same content."""

    fr: str
    ar: str
    score: float
    fr_id: str = ""
    ar_id: str = ""
    group: str = ""


@dataclass(frozen=True)
class Unpaired:
    """A document left out, and why."""

    file: str
    language: str
    reason: str


@dataclass
class PairingResult:
    """Pairs (best first) and every unpaired document with its reason."""

    pairs: list[Pair]
    unpaired: list[Unpaired]
    signature: str = ""

    def as_json(self) -> dict[str, object]:
        """Pairs, unpaired documents with their reason, and the signature."""
        return {
            "signature": self.signature,
            "pairs": [{"fr": p.fr, "ar": p.ar, "score": round(p.score, 4)} for p in self.pairs],
            "unpaired": [{"file": u.file, "language": u.language, "reason": u.reason} for u in self.unpaired],
        }


def describe(doc: CorpusDoc) -> DocInfo:
    """Read one document, tell its language (unless the corpus gives it), segment it and
    gather its evidence (numbers, months, names)."""
    base = DocInfo(doc.path, "unreadable", doc_id=doc.doc_id, group=doc.group, index=doc.index)
    suffix = PurePosixPath(doc.path.split("?")[0]).suffix.lower()
    if suffix in UNREAD_DOCUMENTS:
        return dataclasses.replace(base, error=f"{doc.path}: {suffix} files are not read; save it as "
                                               ".docx, .odt, .pdf, .html or .txt")
    try:
        with local_copy(doc.path) as local:
            text = read_document(local).text
    except AlignerError as exc:
        return dataclasses.replace(base, error=str(exc))
    lang = doc.language or detect_language(text).code
    info = dataclasses.replace(base, language=lang, text=text)
    if lang not in ("fr", "ar"):
        return info
    info.sentences = [s.text for s in segment_text(text, lang)]
    info.numbers = {v for n in numbers(text) if not n.soft for v in n.values if v >= 10}
    info.months = months(text, lang)
    if lang == "fr":
        info.names = list(dict.fromkeys(french_names(text)))
    else:
        info.skeletons = arabic_skeletons(text)
    return info


def add_vector(info: DocInfo, encoder: Encoder, cache: EmbeddingCache | None = None) -> DocInfo:
    """Give a French or Arabic document its vector: the normalised mean of its sentence
    vectors (the sentences encoded as one call per document, through *cache* when given,
    so that every engine and batching gets the same bits). The sentences and, for French,
    the text are let go: pairing needs only the vector and the evidence."""
    if info.language not in ("fr", "ar"):
        return info
    vector = np.zeros(encoder.dim, dtype=np.float32)
    if info.sentences:
        texts = list(info.sentences)
        vecs = cache.encode(encoder, texts, info.language) if cache is not None else encoder.encode(texts, info.language)
        vector = vecs.mean(axis=0).astype(np.float32)
        norm = float(np.linalg.norm(vector))
        if norm:
            vector = vector / norm
    info.vector = vector
    info.sentences = []
    if info.language == "fr":
        info.text = ""  # the names are kept; only the Arabic text is searched for them
    return info


def evidence(fr: DocInfo, ar: DocInfo) -> float:
    """Agreement of numbers, months and names, each in [0, 1], averaged over what exists."""
    parts = []
    if fr.numbers or ar.numbers:
        parts.append(len(fr.numbers & ar.numbers) / max(1, min(len(fr.numbers), len(ar.numbers))))
    if fr.months and ar.months:
        parts.append(len(fr.months & ar.months) / len(fr.months | ar.months))
    if fr.names:
        found = sum(1 for n in fr.names if name_in_arabic(n, ar.text, ar.skeletons))
        parts.append(found / len(fr.names))
    return float(np.mean(parts)) if parts else 0.0


def _margins(sims: np.ndarray, pcfg: PairConfig) -> np.ndarray:
    """Mean of the k best similarities of each row (padded with the similarity of
    unrelated documents when the other side has fewer)."""
    k = pcfg.neighbours
    pad = np.full((len(sims), k), pcfg.unrelated_cosine, dtype=np.float32)
    best = np.sort(np.hstack([sims[:, :k], pad]), axis=1)[:, -k:]
    return best.mean(axis=1)


def pair_group(infos: Sequence[DocInfo], pcfg: PairConfig = PAIR_DEFAULTS) -> PairingResult:
    """Pair the described documents of one group (each French and Arabic one with its vector)
    one-to-one. Candidates: the ``pcfg.candidates`` nearest Arabic documents of each French
    one (exact search, or HNSW above ``pcfg.ann_above`` documents, see :mod:`.neighbours`),
    scored with the ratio margin plus the evidence, taken greedily from the best score down.
    The result has no signature (:func:`pair_corpus` gives it one)."""
    threshold = pcfg.threshold
    unpaired: list[Unpaired] = []
    for d in infos:
        if d.language == "unreadable":
            unpaired.append(Unpaired(d.path, "und", f"not used: {d.error}"))
        elif d.language not in ("fr", "ar"):
            name = "no recognisable language" if d.language == "und" else language_name(d.language)
            unpaired.append(Unpaired(d.path, d.language, f"{name}, neither French nor Arabic: skipped"))
    frs = [d for d in infos if d.language == "fr"]
    ars = [d for d in infos if d.language == "ar"]
    pairs: list[Pair] = []
    if frs and ars:
        x = np.stack([d.vector for d in frs]).astype(np.float32)  # type: ignore[misc]
        y = np.stack([d.vector for d in ars]).astype(np.float32)  # type: ignore[misc]
        # ratio margin: the cosine relative to each side's neighbourhood (Artetxe & Schwenk)
        sims_x, near_x = top_k(x, y, max(pcfg.candidates, pcfg.neighbours), pcfg.ann_above)
        sims_y, _ = top_k(y, x, pcfg.neighbours, pcfg.ann_above)
        mx, my = _margins(sims_x, pcfg), _margins(sims_y, pcfg)
        candidates: list[tuple[float, int, int]] = []
        for i in range(len(frs)):
            for sim, j in zip(sims_x[i, :pcfg.candidates], near_x[i, :pcfg.candidates], strict=True):
                if j < 0:
                    continue
                margin = sim / ((mx[i] + my[j]) / 2 + 1e-9)
                score = float(margin + pcfg.evidence_weight * evidence(frs[i], ars[j]))
                candidates.append((score, i, int(j)))
        candidates.sort(reverse=True)
        taken_fr: dict[int, tuple[int, float]] = {}
        taken_ar: dict[int, tuple[int, float]] = {}
        best_of: dict[tuple[str, int], tuple[float, int]] = {}
        for score, i, j in candidates:
            best_of.setdefault(("fr", i), (score, j))
            best_of.setdefault(("ar", j), (score, i))
            if score < threshold or i in taken_fr or j in taken_ar:
                continue
            taken_fr[i] = (j, score)
            taken_ar[j] = (i, score)
            pairs.append(Pair(frs[i].path, ars[j].path, score, frs[i].doc_id, ars[j].doc_id, frs[i].group))
        for side, docs, others, taken, other_taken in (("fr", frs, ars, taken_fr, taken_ar),
                                                         ("ar", ars, frs, taken_ar, taken_fr)):
            for k, d in enumerate(docs):
                if k in taken:
                    continue
                best = best_of.get((side, k))
                if best is None:
                    reason = "no candidate in the other language"
                else:
                    score, other = best
                    if score < threshold:
                        reason = (f"no {'Arabic' if side == 'fr' else 'French'} counterpart: best candidate "
                                  f"{others[other].path} scores {score:.3f}, below the threshold {threshold}")
                    else:
                        partner = other_taken[other][0]
                        partner_path = docs[partner].path
                        reason = (f"its best candidate {others[other].path} ({score:.3f}) was paired with "
                                  f"{partner_path} ({other_taken[other][1]:.3f}), a better match")
                unpaired.append(Unpaired(d.path, side, reason))
    else:
        missing = "Arabic" if frs else "French"
        for d in frs + ars:
            unpaired.append(Unpaired(d.path, d.language, f"no {missing} document to pair with"))
    return PairingResult(pairs, unpaired)


def join_groups(results: Sequence[PairingResult], infos: Sequence[DocInfo], signature: str = "") -> PairingResult:
    """The pairing of a whole corpus from its groups' (in group order): pairs group by group,
    unpaired documents in corpus order."""
    order = {d.path: d.index for d in infos}
    pairs = [p for r in results for p in r.pairs]
    unpaired = sorted((u for r in results for u in r.unpaired), key=lambda u: order.get(u.file, 0))
    return PairingResult(pairs, unpaired, signature)


def pair_corpus(docs: Sequence[CorpusDoc], encoder: Encoder, cache: EmbeddingCache | None = None,
                pcfg: PairConfig = PAIR_DEFAULTS) -> PairingResult:
    """Describe and pair every document of a corpus, in this process, group by group."""
    infos = [add_vector(describe(d), encoder, cache) for d in docs]
    groups: dict[str, list[DocInfo]] = {}
    for info in infos:
        groups.setdefault(info.group, []).append(info)
    return join_groups([pair_group(groups[g], pcfg) for g in sorted(groups)], infos,
                       pairing_signature(encoder, pcfg))


def pairing_signature(encoder: Encoder, pcfg: PairConfig = PAIR_DEFAULTS) -> str:
    """The signature of a pairing with *encoder* and *pcfg*."""
    return pcfg.signature(f"{encoder.name}-{encoder.version}").format()


def pair_documents(inputs: Sequence[str | os.PathLike[str]], cfg: AlignConfig | None = None,
                   encoder: Encoder | None = None, pcfg: PairConfig = PAIR_DEFAULTS,
                   cache: EmbeddingCache | None = None) -> PairingResult:
    """Pair the French and Arabic documents among *inputs* (files, folders, manifests) one-to-one.

    *cfg* gives the encoder (resolved here if ``auto``), *pcfg* the thresholds."""
    enc = resolve_encoder(cfg or DEFAULTS, encoder)
    return pair_corpus(load_corpus(inputs), enc, cache, pcfg)
