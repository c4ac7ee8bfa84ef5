"""The end-to-end API: read → segment → embed → align, one call each.

``align_files`` is what ``aligner align`` calls; evaluation scripts call
``align_sentences`` with their own sentence lists.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO

import numpy as np

from .align.blocks import expand, grouped, list_groups
from .align.chrome import content_indexes, restore
from .align.loss import SideAccount, account, loss_warnings
from .align.refine import SpanVectors
from .align.search import align_vectors
from .align.span_budget import ConcurrentSpanVectors
from .config import AlignConfig
from .encoders import Encoder, choose_encoder, get_encoder
from .encoders.cache import EmbeddingCache
from .encoders.parallel import Worker, both, one_blas_thread, side_worker, source_encoder
from .errors import ConfigError, EncoderError, OutputError, TMXError
from .formats.base import OutputReport, WriteOptions
from .io.reading import read_document, read_lines
from .lang.langid import check_language
from .lang.segment import openings, pre_split
from .lang.segment_cache import segment_cached
from .models import Alignment, Document, Sentence
from .progress import Progress, both_sides, stage


def load(path: str | os.PathLike[str], lang: str, cfg: AlignConfig, check: bool = True,
         cache: EmbeddingCache | None = None) -> tuple[Document, list[Sentence]]:
    """Read and segment one input; refuse it when it is not in *lang*. With *cache*, the
    segmentation is read from it when this text was segmented before (and kept there)."""
    if cfg.pre_split:
        doc = read_lines(path, lang=lang)
        sentences = pre_split(doc.text)
    else:
        doc = read_document(path, lang=lang)
        sentences = segment_cached(doc.text, lang, cache)
        if doc.headings:  # headings known from the markup (<h2>, a Heading style)
            sentences = [dataclasses.replace(s, kind="heading") if s.line in doc.headings else s
                         for s in sentences]
    if check:
        check_language(doc.text, lang, str(path))
    if doc.dropped:
        lines = [s.line for s in sentences]
        placed = tuple(dataclasses.replace(d, before=bisect.bisect_left(lines, d.kept_before))
                       for d in doc.dropped)
        doc = dataclasses.replace(doc, dropped=placed)
    return doc, sentences


def resolve_config(cfg: AlignConfig) -> tuple[AlignConfig, str]:
    """*cfg* with every ``auto`` choice resolved (the one place that does it): ``encoder="auto"``
    becomes the encoder it means here. Returns the config and a note saying which and why
    (empty when nothing was chosen). The result travels in the config from here on."""
    if cfg.encoder != "auto":
        return cfg, ""
    name, note = choose_encoder(cfg.encoder_options)
    return cfg.with_(encoder=name), note


def resolve_encoder(cfg: AlignConfig, encoder: Encoder | None = None) -> Encoder:
    """The encoder to use (*encoder*, else the configured one), checked against both languages."""
    if encoder is None and cfg.encoder == "auto":
        cfg = resolve_config(cfg)[0]
    enc = encoder or get_encoder(cfg.encoder, cfg.encoder_options)
    for lang in (cfg.src_lang, cfg.tgt_lang):
        if not enc.supports(lang):
            raise EncoderError(
                f"encoder {enc.name!r} does not support language {lang!r}; choose another "
                "with --encoder (see `aligner models`)"
            )
    return enc


#: Sentences encoded per call: bounds the encoder's working memory and paces the progress bar.
CHUNK = 256


def encode_texts(texts: list[str], lang: str, encoder: Encoder, cache: EmbeddingCache | None = None) -> np.ndarray:
    """Vectors of *texts*, through the on-disk cache when given."""
    return cache.encode(encoder, texts, lang) if cache is not None else encoder.encode(texts, lang)


def embed(sentences: Sequence[Sentence], lang: str, encoder: Encoder,
          cache: EmbeddingCache | None = None, progress: Progress | None = None) -> np.ndarray:
    """Vectors of the sentences' texts, through the on-disk cache when given, in chunks;
    *progress(done, total)* after each chunk."""
    texts = [s.text for s in sentences]
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    first = encode_texts(texts[:CHUNK], lang, encoder, cache)
    if progress:
        progress(min(CHUNK, len(texts)), len(texts))
    if len(texts) <= CHUNK:
        return first
    # filled chunk by chunk: never a second copy of the whole side
    out = np.empty((len(texts), first.shape[1]), dtype=first.dtype)
    out[:CHUNK] = first
    for start in range(CHUNK, len(texts), CHUNK):
        chunk = texts[start:start + CHUNK]
        out[start:start + len(chunk)] = encode_texts(chunk, lang, encoder, cache)
        if progress:
            progress(start + len(chunk), len(texts))
    return out


def span_vectors(src: Sequence[Sentence], tgt: Sequence[Sentence], x: np.ndarray, y: np.ndarray,
                 cfg: AlignConfig, encoder: Encoder, cache: EmbeddingCache | None = None,
                 worker: Worker | None = None) -> SpanVectors:
    """What :mod:`aligner.align.refine` encodes spans with: the same encoder and cache as *x* and *y*,
    the source side's spans in *worker* while the target side's are encoded (when given)."""

    def encoder_for(lang: str, enc: Encoder) -> Callable[[list[str]], np.ndarray]:
        return lambda texts: encode_texts(texts, lang, enc, cache)

    return ConcurrentSpanVectors(x, y, [s.text for s in src], [s.text for s in tgt],
                                 encoder_for(cfg.src_lang, source_encoder(worker, encoder)),
                                 encoder_for(cfg.tgt_lang, encoder), worker)


def align_sentences(
    src: list[Sentence],
    tgt: list[Sentence],
    cfg: AlignConfig,
    encoder: Encoder | None = None,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
    features_out: list[np.ndarray] | None = None,
) -> Alignment:
    """Align two lists of sentences with the configured encoder.

    *progress(done, total)* is called as sentences of both sides are encoded; with
    *features_out*, the confidence features of each bead the search aligned are appended to
    it, in order (``scripts/calibrate_confidence.py``); the unaligned beads of pre-split chrome
    lines (:mod:`aligner.align.chrome`) have none.
    """
    enc = resolve_encoder(cfg, encoder)
    cfg = cfg.with_(encoder=enc.name)
    # pre-split lines that are page chrome stay out of the search, and are not encoded
    # (aligner.align.chrome)
    chrome = cfg.pre_split and cfg.pre_split_chrome
    src_kept = content_indexes(src) if chrome else list(range(len(src)))
    tgt_kept = content_indexes(tgt) if chrome else list(range(len(tgt)))
    csrc, ctgt = [src[i] for i in src_kept], [tgt[j] for j in tgt_kept]
    on_src, on_tgt = both_sides(progress, len(csrc), len(ctgt))
    with one_blas_thread(), side_worker(enc) as worker:
        src_enc = source_encoder(worker, enc)
        x, y = both(lambda: embed(csrc, cfg.src_lang, src_enc, cache, on_src),
                    lambda: embed(ctgt, cfg.tgt_lang, enc, cache, on_tgt), worker)
        # a list on one side only is aligned as one block (aligner.align.blocks)
        src_groups = list_groups(csrc, any(s.kind == "item" for s in ctgt))
        tgt_groups = list_groups(ctgt, any(s.kind == "item" for s in csrc))
        gsrc, gx = grouped(csrc, x, src_groups)
        gtgt, gy = grouped(ctgt, y, tgt_groups)
        del x, y  # a side with lists was copied into its groups: keep one copy of the vectors
        lx = np.array([len(s.text) for s in gsrc], dtype=np.float64)
        ly = np.array([len(s.text) for s in gtgt], dtype=np.float64)
        hx = np.array([s.kind == "heading" for s in gsrc], dtype=np.float64)
        hy = np.array([s.kind == "heading" for s in gtgt], dtype=np.float64)
        (glued_x, lead_x), (glued_y, lead_y) = openings(gsrc, cfg.src_lang), openings(gtgt, cfg.tgt_lang)
        stage(progress, "aligning")
        spans = span_vectors(gsrc, gtgt, gx, gy, cfg, enc, cache, worker)
        leads = (np.array(lead_x, dtype=bool), np.array(lead_y, dtype=bool))
        in_full: list[bool] = []
        beads = expand(align_vectors(gx, gy, lx, ly, cfg, hx, hy, np.array(glued_x, dtype=np.float64),
                                     np.array(glued_y, dtype=np.float64), features_out, spans, leads, in_full),
                       src_groups, tgt_groups)
        if len(csrc) < len(src) or len(ctgt) < len(tgt):
            beads = restore(beads, src_kept, tgt_kept, len(src), len(tgt))
    stage(progress, None)
    return Alignment(
        src=list(src),
        tgt=list(tgt),
        beads=beads,
        src_lang=cfg.src_lang,
        tgt_lang=cfg.tgt_lang,
        signature=cfg.signature(enc.version).format(),
        translated_in_full=any(in_full),
    )


def align_files(
    src_path: str | os.PathLike[str],
    tgt_path: str | os.PathLike[str],
    cfg: AlignConfig,
    encoder: Encoder | None = None,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Read, segment, check languages, and align two articles."""
    stage(progress, "reading")
    src_doc, src = load(src_path, cfg.src_lang, cfg, cache=cache)
    tgt_doc, tgt = load(tgt_path, cfg.tgt_lang, cfg, cache=cache)
    dropped = src_doc.dropped, tgt_doc.dropped
    del src_doc, tgt_doc  # their texts are not needed any more (nor shared with the encoding child)
    result = align_sentences(src, tgt, cfg, encoder, cache, progress)
    result.src_dropped, result.tgt_dropped = dropped
    result.src_path, result.tgt_path = str(src_path), str(tgt_path)
    return result


@dataclass(frozen=True)
class AlignRequest:
    """One ``aligner align`` job: the inputs, the settings and every output asked for.

    Attributes:
        source, target: the two articles.
        cfg: alignment settings (``encoder="auto"`` is resolved by :func:`run_align`).
        output: the output file (None: *stream*, TSV unless *fmt* says another line format).
        fmt: output format name (None: from the output's extension).
        write: options of the write (TMX codes, CAT profile, split size…).
        report: also write the HTML review page here.
    """

    source: str
    target: str
    cfg: AlignConfig
    output: str | None = None
    fmt: str | None = None
    write: WriteOptions = field(default_factory=WriteOptions)
    report: str | None = None


@dataclass
class AlignOutcome:
    """What :func:`run_align` did: the alignment, what was written, and the lines to tell the user.

    Attributes:
        low: what was written of the units below ``--min-confidence`` (None: no threshold).
        accounts: each side's sentences kept, pieces dropped, text lost and coverage.
        warnings: one line per side that lost much of its text or is poorly covered.
    """

    alignment: Alignment
    written: OutputReport
    encoder_note: str = ""
    low: OutputReport | None = None
    accounts: tuple[SideAccount, ...] = ()
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """``12 units, 3 unaligned sentences (tmx) -> seed.tmx; fr: 17 sentences kept, 3 pieces
        dropped (8% of the text), coverage 82%; ar: …``."""
        units = len(self.alignment.units)
        nulls = len(self.alignment.beads) - units
        files = f" -> {', '.join(self.written.files)}" if self.written.files else ""
        line = f"{units} units, {nulls} unaligned sentences ({self.written.fmt}){files}"
        if self.low is not None:
            line += f"; {self.low.written} units below the confidence threshold -> {', '.join(self.low.files)}"
        return "; ".join([line] + [a.describe() for a in self.accounts])


def check_request(req: AlignRequest) -> None:
    """Refuse, before any work, what would fail after it: unknown format or CAT profile, bad
    language codes, a confidence threshold out of range or without a file for the units
    below it, output folders that do not exist."""
    from .formats import format_for
    from .formats.confidence import check_threshold, low_confidence_path
    from .io.atomic import check_outputs
    from .tmx.profiles import get_profile
    from .tmx.writer import check_lang_code

    for option, code in (("--src-lang", req.cfg.src_lang), ("--tgt-lang", req.cfg.tgt_lang)):
        try:
            check_lang_code(code)
        except TMXError as exc:
            raise ConfigError(f"{option}: {exc}") from None
    fmt = format_for(req.output, req.fmt)
    if req.output is None and not fmt.streamable:
        raise OutputError(f"format {fmt.name!r} cannot be written to standard output; give -o FILE.{fmt.name}")
    if req.write.profile:
        get_profile(req.write.profile)
    low = None
    if req.write.min_confidence is not None:
        check_threshold(req.write.min_confidence)
        low = low_confidence_path(req.output, req.write.low_output)
        format_for(low, req.fmt or fmt.name)
    check_outputs([req.output, req.report, low], [req.source, req.target])


def write_outputs(result: Alignment, req: AlignRequest, stream: IO[str] | None = None
                  ) -> tuple[OutputReport, OutputReport | None]:
    """Write *result* as *req* asks; with ``min_confidence``, the units below it go to their
    own file (same format) and the main output says the threshold."""
    from .formats import write_alignment

    threshold = req.write.min_confidence
    if threshold is None:
        return write_alignment(result, req.output, req.fmt, req.write, stream), None
    from .formats.confidence import low_confidence_path, split_by_confidence

    kept, low = split_by_confidence(result, threshold)
    options = dataclasses.replace(req.write, header_props={**req.write.header_props,
                                                           "x-min-confidence": f"{threshold:g}"})
    written = write_alignment(kept, req.output, req.fmt, options, stream)
    low_options = dataclasses.replace(req.write, header_props={**req.write.header_props,
                                                               "x-below-confidence": f"{threshold:g}"})
    low_written = write_alignment(low, low_confidence_path(req.output, req.write.low_output),
                                  req.fmt or written.fmt, low_options)
    return written, low_written


def run_align(req: AlignRequest, stream: IO[str] | None = None, cache: EmbeddingCache | None = None,
              progress: Progress | None = None) -> AlignOutcome:
    """``aligner align``: check every output first, align, write the output (to *stream* when
    no file is given), and the review page when asked."""
    check_request(req)
    cfg, note = resolve_config(req.cfg)
    try:
        result = align_files(req.source, req.target, cfg, cache=cache, progress=progress)
        stage(progress, "writing")
        from .io.atomic import output_set

        with output_set():  # the output, the low-confidence file and the review: all, or none
            written, low = write_outputs(result, req, stream)
            if req.report:
                from .review import review_alignment, write_review

                write_review(review_alignment(result), req.report)
    finally:
        stage(progress, None)
    accounts = account(result)
    warnings = loss_warnings(accounts, cfg.warn_coverage, cfg.warn_lost)
    return AlignOutcome(result, written, note, low, accounts, warnings)
