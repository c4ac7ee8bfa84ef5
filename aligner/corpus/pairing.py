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

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..config import DEFAULTS, PAIR_DEFAULTS, AlignConfig, PairConfig
from ..encoders import Encoder
from ..errors import AlignerError, InputError
from ..io.reading import SUFFIXES, read_document
from ..lang.entities import french_names, months, numbers
from ..lang.langid import detect_language, language_name
from ..lang.segment import segment_text
from ..lang.translit import arabic_skeletons, name_in_arabic
from ..pipeline import resolve_encoder


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


@dataclass(frozen=True)
class Pair:
    """A French and an Arabic document judged to report the same content."""

    fr: str
    ar: str
    score: float


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


#: Document formats found in a folder but not read: listed as unpaired with the fix.
UNREAD_DOCUMENTS = (".doc", ".docm", ".dotx", ".rtf", ".pages", ".wpd", ".mht", ".mhtml", ".epub", ".xps",
                    ".odp", ".ods", ".xlsx", ".xls", ".pptx", ".ppt")


def collect_files(inputs: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Files named, and the article files inside folders named (sorted), as given: the formats
    :func:`~aligner.io.reading.read_document` reads, and documents in formats it does not
    (:data:`UNREAD_DOCUMENTS`), which are listed as unpaired with the reason, never dropped
    silently."""
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*"))
                       if f.is_file() and f.suffix.lower() in SUFFIXES + UNREAD_DOCUMENTS)
        elif p.exists():
            out.append(str(item))
        else:
            raise InputError(f"{item}: no such file or folder; check the path")
    if not out:
        raise InputError(f"no .txt, .html, .docx, .odt or .pdf files found in {', '.join(map(str, inputs))}; "
                         "give the articles or the folders that hold them")
    return out


def _describe(path: str) -> DocInfo:
    suffix = Path(path).suffix.lower()
    if suffix in UNREAD_DOCUMENTS:
        return DocInfo(path, "unreadable", error=f"{path}: {suffix} files are not read; save it as "
                                                  ".docx, .odt, .pdf, .html or .txt")
    try:
        doc = read_document(path)
    except AlignerError as exc:
        return DocInfo(path, "unreadable", error=str(exc))
    lang = detect_language(doc.text).code
    info = DocInfo(path, lang, text=doc.text)
    if lang not in ("fr", "ar"):
        return info
    info.sentences = [s.text for s in segment_text(doc.text, lang)]
    info.numbers = {v for n in numbers(doc.text) if not n.soft for v in n.values if v >= 10}
    info.months = months(doc.text, lang)
    if lang == "fr":
        info.names = list(dict.fromkeys(french_names(doc.text)))
    else:
        info.skeletons = arabic_skeletons(doc.text)
    return info


def _doc_vectors(docs: list[DocInfo], lang: str, encoder: Encoder) -> np.ndarray:
    flat = [s for d in docs for s in d.sentences]
    vecs = encoder.encode(flat, lang) if flat else np.zeros((0, encoder.dim), np.float32)
    out = np.zeros((len(docs), encoder.dim), dtype=np.float32)
    start = 0
    for k, d in enumerate(docs):
        n = len(d.sentences)
        if n:
            out[k] = vecs[start:start + n].mean(axis=0)
        start += n
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return out / norms


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


def pair_documents(inputs: Sequence[str | os.PathLike[str]], cfg: AlignConfig | None = None,
                   encoder: Encoder | None = None, pcfg: PairConfig = PAIR_DEFAULTS) -> PairingResult:
    """Pair the French and Arabic documents among *inputs* one-to-one.

    *cfg* gives the encoder (resolved here if ``auto``), *pcfg* the thresholds."""
    enc = resolve_encoder(cfg or DEFAULTS, encoder)
    threshold = pcfg.threshold
    infos = [_describe(p) for p in collect_files(inputs)]
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
        x = _doc_vectors(frs, "fr", enc)
        y = _doc_vectors(ars, "ar", enc)
        sims = x @ y.T
        # ratio margin: the cosine relative to each side's neighbourhood (Artetxe & Schwenk)
        # Small folders have fewer than k neighbours: pad with the similarity of
        # unrelated documents so that a lone true pair still stands out.
        pad_x = np.full((len(frs), pcfg.neighbours), pcfg.unrelated_cosine, dtype=sims.dtype)
        pad_y = np.full((pcfg.neighbours, len(ars)), pcfg.unrelated_cosine, dtype=sims.dtype)
        mx = np.sort(np.hstack([sims, pad_x]), axis=1)[:, -pcfg.neighbours:].mean(axis=1)
        my = np.sort(np.vstack([sims, pad_y]), axis=0)[-pcfg.neighbours:, :].mean(axis=0)
        candidates: list[tuple[float, int, int]] = []
        top = min(pcfg.candidates, len(ars))
        for i in range(len(frs)):
            for j in np.argsort(-sims[i])[:top]:
                margin = sims[i, j] / ((mx[i] + my[j]) / 2 + 1e-9)
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
            pairs.append(Pair(frs[i].path, ars[j].path, score))
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
    order = {p: k for k, p in enumerate(d.path for d in infos)}
    unpaired.sort(key=lambda u: order.get(u.file, 0))
    return PairingResult(pairs, unpaired, pcfg.signature(f"{enc.name}-{enc.version}").format())
