"""The ``aligner`` command line: option parsing and printing only.

Each command makes one call into the library; :class:`AlignerError` becomes
``Error: …`` on stderr with exit code 1 (2 for usage errors, from click).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .config import DEFAULTS, AlignConfig
from .errors import AlignerError

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn library errors into ``Error: …`` and a non-zero exit, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlignerError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; no output was written", err=True)
            sys.exit(130)
        except OSError as exc:  # an OS fault no reader or writer turned into an AlignerError
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}; check the path, its permissions and "
                       "the free space", err=True)
            sys.exit(1)
        except MemoryError:
            click.echo("Error: out of memory; give smaller inputs (split them)", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def log(message: str, quiet: bool = False) -> None:
    """A progress or summary line on stderr."""
    if not quiet:
        click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def main() -> None:
    """French–Arabic sentence alignment and translation QA."""
    from .io.atomic import install_signal_handlers

    install_signal_handlers()


def alignment_options(func: F) -> F:
    """Options shared by every command that aligns."""
    options = [
        click.option("--src-lang", default=DEFAULTS.src_lang, show_default=True,
                     help="Language of the first (source) file."),
        click.option("--tgt-lang", default=DEFAULTS.tgt_lang, show_default=True,
                     help="Language of the second (target) file."),
        click.option("--encoder", default=DEFAULTS.encoder, show_default=True,
                     help="Sentence encoder: auto (laser when its files are found, else use), "
                          "use, e5 or laser (see `aligner models`)."),
        click.option("--laser-dir", type=click.Path(file_okay=False),
                     help="Folder of the LASER model files (default: $ALIGNER_LASER_DIR, then the user data folder)."),
        click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=DEFAULTS.device,
                     show_default=True, help="Where LASER runs."),
        click.option("--max-bead", type=int, default=DEFAULTS.max_bead, show_default=True,
                     help="Largest bead, in sentences on both sides together."),
        click.option("--refine/--no-refine", default=DEFAULTS.refine, show_default=True,
                     help="Check bead boundaries again with the spans in doubt encoded as one text "
                          "(more accurate, a few more encoder calls)."),
        click.option("--pre-split", is_flag=True,
                     help="Inputs are one sentence per line; take the lines as given."),
        click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr."),
        click.option("--cache-dir", type=click.Path(file_okay=False),
                     help="Embedding cache folder (default: $ALIGNER_CACHE_DIR or the user cache folder)."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_cache(opts: dict[str, Any]) -> Any:
    """The embedding cache the options ask for (None with --no-cache); pops its options."""
    from .encoders.cache import EmbeddingCache

    folder = opts.pop("cache_dir", None)
    if opts.pop("no_cache", False):
        return None
    return EmbeddingCache(folder)


def make_config(**opts: Any) -> tuple[AlignConfig, str]:
    """An :class:`AlignConfig` from the CLI options that name its fields, with ``--encoder
    auto`` resolved, and the line that says which encoder ``auto`` chose (printed once the
    job has run, so that an error stays the only line)."""
    from .pipeline import choose_config

    fields = AlignConfig.__dataclass_fields__
    return choose_config(DEFAULTS.with_(**{k: v for k, v in opts.items() if k in fields}))


@main.command()
@click.argument("source", type=click.Path(dir_okay=True))
@click.argument("target", type=click.Path(dir_okay=True))
@click.option("-o", "--output", type=click.Path(), help="Output file (.tmx, .tsv, .jsonl, .beads); TSV on stdout if omitted.")
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "jsonl", "beads"]),
              help="Output format (default: from the extension).")
@click.option("--tmx-langs", help="Language codes written in the TMX, e.g. fr-FR,ar-MA.")
@click.option("--cat-profile", type=click.Choice(["omegat", "trados", "memoq", "phrase"]),
              help="Write codes and respect limits of this CAT tool.")
@click.option("--split-size", type=str, help="Cut the TMX into files under this size (e.g. 500MB).")
@click.option("--show-dropped", is_flag=True, help="List the boilerplate lines removed, on stderr.")
@click.option("--report", "review_out", type=click.Path(dir_okay=False),
              help="Also write a side-by-side HTML review of the alignment here.")
@alignment_options
@handle_errors
def align(source: str, target: str, output: str | None, fmt: str | None, tmx_langs: str | None,
          cat_profile: str | None, split_size: str | None, show_dropped: bool, review_out: str | None,
          quiet: bool, **opts: Any) -> None:
    """Align SOURCE and TARGET articles sentence by sentence."""
    from .io.output import format_for, write_alignment
    from .pipeline import align_files
    from .tmx.profiles import get_profile

    cache = make_cache(opts)
    cfg, note = make_config(**opts)
    langs = _parse_langs(tmx_langs)
    profile = get_profile(cat_profile) if cat_profile else None
    split_bytes = parse_size(split_size) if split_size else None
    from .io.atomic import check_outputs

    if output:
        format_for(output, fmt)
    check_outputs([output, review_out], [source, target])
    from .progress import progress_bar

    result = align_files(source, target, cfg, cache=cache, progress=progress_bar(quiet, "sentence", "encoding"))
    if show_dropped:
        for side, dropped in (("source", result.src_dropped), ("target", result.tgt_dropped)):
            for d in dropped:
                click.echo(f"dropped {side} line {d.line} ({d.reason}): {d.text}", err=True)
    if output:
        report = write_alignment(result, output, fmt, tmx_langs=langs, profile=profile,
                                 split_bytes=split_bytes)
        used = report.fmt
        _log_write_report(report, profile, quiet)
    else:
        from .io.output import write_lines

        used = fmt or "tsv"
        write_lines(result, sys.stdout, used)
    units = len(result.units)
    nulls = len(result.beads) - units
    log(f"{units} units, {nulls} unaligned sentences ({used})"
        + (f" -> {output}" if output else ""), quiet)
    if review_out:
        from .review.html import write_review
        from .review.model import review_alignment

        write_review(review_alignment(result), review_out)
        log(f"review -> {review_out}", quiet)
    if note:
        log(note, quiet)
    log(f"signature: {result.signature}", quiet)


@main.command()
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML page to write.")
@handle_errors
def report(path: str, output: str) -> None:
    """Write a side-by-side HTML review of PATH, a .jsonl written by `aligner align`."""
    from .io.atomic import check_output_path
    from .review.html import write_review
    from .review.model import review_file

    check_output_path(output, [path])
    review = review_file(path)
    write_review(review, output)
    s = review.scores
    click.echo(f"{s.verdict}: coverage {s.src_coverage:.0%} / {s.tgt_coverage:.0%}, mean confidence "
               f"{s.mean_confidence:.2f}, {len(review.rows)} rows -> {output}", err=True)


def parse_size(text: str) -> int:
    """``500MB``, ``1GB``, ``20k`` or a number of bytes."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text.lower())
    if not m:
        raise click.BadParameter(f"{text!r} is not a size such as 500MB or 20kB", param_hint="--split-size")
    return int(float(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2)])


def _log_write_report(report: Any, profile: Any, quiet: bool) -> None:
    import os

    for dup in report.duplicates:
        log(f"duplicate source left out (unit {dup.position}; unit {dup.kept} scored higher): "
            f"{dup.source[:80]}", quiet)
    if report.tmx is not None:
        for pos in report.tmx.too_long:
            log(f"unit {pos} left out: over the {profile.name} limit of {profile.max_segment_chars} "
                "characters per segment", quiet)
        if len(report.files) > 1:
            log(f"split into {len(report.files)} files: {', '.join(report.files)}", quiet)
        if profile and profile.max_file_bytes:
            for f in report.files:
                if os.path.getsize(f) > profile.max_file_bytes:
                    log(f"warning: {f} is over the {profile.name} import limit; use --split-size", quiet)


def _parse_langs(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter("give two codes separated by a comma, e.g. fr-FR,ar-MA",
                                 param_hint="--tmx-langs")
    return parts[0], parts[1]


@main.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@handle_errors
def eval_(files: tuple[str, ...]) -> None:
    """Score predicted beads against gold: GOLD PRED [GOLD PRED ...].

    Prints strict and lax precision, recall and F1 (Vecalign's convention),
    pooled over all the pairs given.
    """
    from .align.evaluate import read_beads, score

    if len(files) % 2:
        raise click.UsageError("give files in pairs: GOLD PRED [GOLD PRED ...]")
    golds = [read_beads(f) for f in files[0::2]]
    preds = [read_beads(f) for f in files[1::2]]
    s = score(golds, preds)
    click.echo("            strict    lax")
    click.echo(f"precision   {s.precision_strict:.4f}    {s.precision_lax:.4f}")
    click.echo(f"recall      {s.recall_strict:.4f}    {s.recall_lax:.4f}")
    click.echo(f"F1          {s.f1_strict:.4f}    {s.f1_lax:.4f}")
    click.echo(f"signature: files:{len(golds)}|score:vecalign-strict-lax|version:{__version__}")


@main.group()
def tmx() -> None:
    """Validate, inspect, merge, filter, split and convert TMX files."""


@tmx.command(name="validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@handle_errors
def tmx_validate(files: tuple[str, ...]) -> None:
    """Check TMX FILES against the DTD and the rules CAT tools need."""
    from .tmx.tools import validate

    bad = 0
    for path in files:
        problems = validate(path)
        if problems:
            bad += 1
            for problem in problems:
                click.echo(f"{path}: {problem}")
        else:
            click.echo(f"{path}: valid TMX 1.4")
    if bad:
        raise click.exceptions.Exit(1)


@tmx.command(name="stats")
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def tmx_stats(path: str, as_json: bool) -> None:
    """Units, languages and alignment-score histogram of a TMX."""
    import json

    from .tmx.tools import stats

    s = stats(path)
    if as_json:
        click.echo(json.dumps({"units": s.units, "languages": dict(s.languages),
                               "scores": dict(sorted(s.scores.items())), "unscored": s.unscored}))
        return
    click.echo(f"units: {s.units}")
    click.echo("languages: " + ", ".join(f"{k} ({v})" for k, v in sorted(s.languages.items())))
    for bin_, count in sorted(s.scores.items()):
        click.echo(f"  score {bin_}: {count:6d} {'#' * min(60, count * 60 // max(1, s.units))}")
    if s.unscored:
        click.echo(f"  no score: {s.unscored}")


@tmx.command(name="merge")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Merged TMX.")
@handle_errors
def tmx_merge(inputs: tuple[str, ...], output: str) -> None:
    """Merge TMX files, keeping one unit per source (the highest-scoring)."""
    from .io.atomic import check_outputs
    from .tmx.tools import merge

    check_outputs([output], inputs)
    r = merge(list(inputs), output)
    written = r.write.written if r.write else 0
    log(f"read {r.read} units; {r.exact_duplicates} exact duplicates, {r.conflicts} sources with "
        f"several targets; wrote {written} -> {output}")


@tmx.command(name="filter")
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Filtered TMX.")
@click.option("--min-score", type=float, default=0.0, show_default=True, help="Keep units scoring at least this.")
@click.option("--drop-flagged", is_flag=True, help="Drop units with a QA error or warning.")
@handle_errors
def tmx_filter(path: str, output: str, min_score: float, drop_flagged: bool) -> None:
    """Keep the units of a TMX that pass a score threshold and the QA checks."""
    from .io.atomic import check_outputs
    from .tmx.tools import filter_units
    from .tmx.writer import unit_score

    check_outputs([output], [path])
    flagged: set[int] = set()
    if drop_flagged:
        from .qa.checks import flagged_units

        flagged = flagged_units(path)
    r = filter_units(path, output, lambda i, u: unit_score(u) >= min_score and i not in flagged)
    log(f"kept {r.written} units -> {output}")


@tmx.command(name="split")
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Name of the parts: NAME_001.tmx …")
@click.option("--split-size", required=True, help="Largest part, e.g. 500MB.")
@handle_errors
def tmx_split(path: str, output: str, split_size: str) -> None:
    """Cut a TMX into valid TMX files under a size."""
    from .io.atomic import check_outputs
    from .tmx.tools import split

    check_outputs([output], [path])
    r = split(path, output, parse_size(split_size))
    for f in r.files:
        click.echo(f)


@tmx.command(name="convert")
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help=".tsv, .jsonl or .tmx")
@click.option("--src-lang", default=DEFAULTS.src_lang, show_default=True, help="Source language (to TMX).")
@click.option("--tgt-lang", default=DEFAULTS.tgt_lang, show_default=True, help="Target language (to TMX).")
@click.option("--keep-codes", is_flag=True, help="Keep inline codes (<bpt>, <ph>…) as markup instead of flattening.")
@handle_errors
def tmx_convert(path: str, output: str, src_lang: str, tgt_lang: str, keep_codes: bool) -> None:
    """Convert TMX to TSV/JSONL, or our TSV/JSONL to TMX."""
    from .tmx.tools import convert

    n = convert(path, output, src_lang, tgt_lang, keep_codes)
    log(f"{n} units -> {output}")


@main.command()
@click.argument("path", type=click.Path())
@click.option("--glossary", type=click.Path(), help="CSV: French term, accepted Arabic renderings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write the report here instead of stdout.")
@handle_errors
def qa(path: str, glossary: str | None, fmt: str, output: str | None) -> None:
    """Check the units of a TMX or of our JSONL for translation errors."""
    from .io.atomic import check_outputs
    from .qa.checks import Glossary, load_units, run_checks
    from .qa.report import render

    check_outputs([output], [path, *([glossary] if glossary else [])])
    report = run_checks(load_units(path), Glossary.read(glossary) if glossary else None)
    text = render(report, fmt, path)
    if output:
        from .io.atomic import write_text_atomic

        write_text_atomic(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    log(f"{len(report.units)} units: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")


@main.command(name="mt-eval")
@click.option("--hyp", required=True, type=click.Path(), help="Machine translation, one segment per line.")
@click.option("--ref", required=True, type=click.Path(), help="Reference translation, line-aligned.")
@click.option("--src", type=click.Path(), help="Source text, line-aligned (shown with the worst segments).")
@click.option("--worst", type=int, default=10, show_default=True, help="How many worst segments to show.")
@handle_errors
def mt_eval(hyp: str, ref: str, src: str | None, worst: int) -> None:
    """BLEU, chrF and TER with sacrebleu signatures, and the worst segments by chrF."""
    from .qa.mteval import evaluate_mt

    result = evaluate_mt(hyp, ref, src, worst)
    for s in result.scores:
        click.echo(f"{s.name:5s} {s.score:6.2f}  {s.signature}")
    if result.worst:
        click.echo(f"\nworst {len(result.worst)} segments by chrF:")
        for seg in result.worst:
            click.echo(f"  line {seg.index + 1}: chrF {seg.chrf:.1f}")
            if seg.source is not None:
                click.echo(f"    src: {seg.source}")
            click.echo(f"    hyp: {seg.hypothesis}")
            click.echo(f"    ref: {seg.reference}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON: pairs and unpaired documents.")
@click.option("--encoder", default=DEFAULTS.encoder, show_default=True, help="Sentence encoder.")
@click.option("--laser-dir", type=click.Path(file_okay=False), help="Folder of the LASER model files.")
@handle_errors
def pair(inputs: tuple[str, ...], as_json: bool, encoder: str, laser_dir: str | None) -> None:
    """Find which French and Arabic documents report the same content (FILE_OR_DIR...)."""
    import json

    from .corpus.pairing import pair_documents

    result = pair_documents(list(inputs), make_config(encoder=encoder, laser_dir=laser_dir)[0])
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return
    for p in result.pairs:
        click.echo(f"pair  {p.score:.3f}  {p.fr}  <->  {p.ar}")
    for u in result.unpaired:
        click.echo(f"alone {u.language:5s}  {u.file}: {u.reason}")


@main.command()
@click.argument("in_dir", type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Output folder.")
@click.option("--jobs", type=int, default=1, show_default=True, help="Pairs aligned in parallel processes.")
@click.option("--resume", is_flag=True, help="Skip pairs finished by an earlier, interrupted run.")
@alignment_options
@handle_errors
def batch(in_dir: str, out_dir: str, jobs: int, resume: bool, quiet: bool, **opts: Any) -> None:
    """Pair the articles of IN_DIR, align every pair, write one TMX per pair, all.tmx and manifest.json."""
    from .corpus.batch import run_batch
    from .progress import progress_bar

    cache = make_cache(opts)
    cfg, note = make_config(**opts)
    manifest = run_batch(in_dir, out_dir, cfg, jobs=max(1, jobs), resume=resume,
                         progress=progress_bar(quiet), cache_dir=None if cache is None else str(cache.folder))
    pairs = manifest["pairs"]
    unpaired = manifest["unpaired"]
    log(f"{len(pairs)} pairs aligned, {len(unpaired)} files unpaired; "  # type: ignore[arg-type]
        f"{manifest['all_units']} units in {manifest['all']}; manifest: {out_dir}/manifest.json", quiet)
    if note:
        log(note, quiet)


@main.group(invoke_without_command=True)
@click.option("--laser-dir", type=click.Path(file_okay=False), help="Folder of the LASER model files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handle_errors
def models(ctx: click.Context, laser_dir: str | None, as_json: bool) -> None:
    """List every encoder: usable here or not, where its files are, version, dimension."""
    if ctx.invoked_subcommand is not None:
        return
    import dataclasses
    import json

    from .encoders.registry import choose_encoder, model_statuses

    statuses = model_statuses(laser_dir)
    default = choose_encoder(laser_dir)[0]
    if as_json:
        click.echo(json.dumps({"default": default, "encoders": [dataclasses.asdict(s) for s in statuses]},
                              ensure_ascii=False, indent=1))
        return
    for st in statuses:
        mark = "usable" if st.usable else "NOT USABLE"
        star = " (default)" if st.name == default else ""
        click.echo(f"{st.name}{star}: {st.description}")
        click.echo(f"  {mark}; version {st.version}; dimension {st.dim}; files: {st.location}")
        if st.note:
            click.echo(f"  {st.note}")


@models.command(name="download")
@click.argument("name", type=click.Choice(["laser"]))
@click.option("--dir", "folder", type=click.Path(file_okay=False),
              help="Where to put the files (default: the user data folder).")
@handle_errors
def models_download(name: str, folder: str | None) -> None:
    """Download an encoder's model files (LASER: three files, about 200 MB)."""
    from .encoders.laser import download

    target = download(folder)
    click.echo(f"LASER files in {target}; `aligner models` should now list laser as usable", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
