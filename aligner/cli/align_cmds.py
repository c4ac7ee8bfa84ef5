"""``aligner align``, ``aligner report`` and ``aligner eval``."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..errors import ConfigError
from . import main
from .common import (
    alignment_options,
    handle_errors,
    log,
    make_cache,
    make_config,
    make_write_options,
    output_options,
    print_dropped,
    stdout_if_dash,
)


@main.command()
@click.argument("source", type=click.Path(dir_okay=True))
@click.argument("target", type=click.Path(dir_okay=True))
@click.option("-o", "--output", type=click.Path(),
              help="Output file (.tmx, .tsv, .jsonl, .beads); TSV on stdout if omitted or -.")
@click.option("--format", "fmt", help="Output format: tmx, tsv, jsonl, beads or a registered one "
                                      "(default: from the extension).")
@output_options
@click.option("--low-confidence-out", "low_output", type=click.Path(dir_okay=False),
              help="With --min-confidence: the file for the units below it "
                   "(default: the output's name + .low-confidence).")
@click.option("--edit", "then_edit", is_flag=True,
              help="Then correct the alignment in the browser (needs -o FILE.jsonl); see `aligner edit`.")
@click.option("--no-browser", is_flag=True, help="With --edit: print the editor's address, open no browser.")
@alignment_options
@handle_errors
def align(source: str, target: str, output: str | None, fmt: str | None, then_edit: bool, no_browser: bool,
          quiet: bool, **opts: Any) -> None:
    """Align SOURCE and TARGET articles sentence by sentence."""
    from ..pipeline import AlignRequest, run_align
    from ..progress import progress_bar

    output = stdout_if_dash(output)
    cache = make_cache(opts)
    write, show_dropped, review_out = make_write_options(opts)
    req = AlignRequest(source, target, make_config(**opts), output, fmt, write, review_out)
    _warn_tmx_only_options(req)
    if then_edit and (not output or (fmt or output.rsplit(".", 1)[-1].lower()) != "jsonl"):
        raise ConfigError("--edit needs the alignment saved as JSONL: add -o FILE.jsonl")
    outcome = run_align(req, sys.stdout, cache, progress_bar(quiet, "sentence", "encoding"))
    result = outcome.alignment
    if show_dropped:
        print_dropped(result)
    for note in outcome.written.notes:
        log(note, quiet)
    log(outcome.summary, quiet)
    for warning in outcome.warnings:
        log(warning)
    if review_out:
        log(f"review -> {review_out}", quiet)
    if outcome.encoder_note:
        log(outcome.encoder_note, quiet)
    log(f"signature: {result.signature}", quiet)
    if then_edit and output:
        from ..review.session import EditSession
        from .edit_cmds import serve_editor

        serve_editor(EditSession(output, user=os.environ.get("ALIGNER_USER", ""), background_qa=True), 0,
                     not no_browser)


def _warn_tmx_only_options(req: Any) -> None:
    """A warning (before any work) when TMX options are given for another output format,
    which would silently ignore them."""
    from ..formats import format_for

    name = format_for(req.output, req.fmt).name
    given = [option for option, value in (("--tmx-langs", req.write.tmx_langs), ("--cat-profile", req.write.profile),
                                          ("--split-size", req.write.split_bytes), ("--tmx-notes", req.write.tmx_notes))
             if value]
    if name != "tmx" and given:
        log(f"warning: {', '.join(given)} only change a TMX; the {name} output does not use them "
            "(give -o FILE.tmx for a TMX)")


@main.command()
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML page to write.")
@handle_errors
def report(path: str, output: str) -> None:
    """Write a side-by-side HTML review of PATH, a .jsonl written by `aligner align`."""
    from ..io.atomic import check_output_path
    from ..review import review_file, write_review

    check_output_path(output, [path])
    review = review_file(path)
    write_review(review, output)
    s = review.scores
    click.echo(f"{s.verdict}: coverage {s.src_coverage:.0%} / {s.tgt_coverage:.0%}, mean confidence "
               f"{s.mean_confidence:.2f}, {len(review.rows)} rows -> {output}", err=True)


@main.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@handle_errors
def eval_(files: tuple[str, ...]) -> None:
    """Score predicted beads against gold: GOLD PRED [GOLD PRED ...].

    Prints strict and lax precision, recall and F1 (Vecalign's convention),
    pooled over all the pairs given.
    """
    from ..align.evaluate import evaluate_files

    if len(files) % 2:
        raise click.UsageError("give files in pairs: GOLD PRED [GOLD PRED ...]")
    result = evaluate_files(files)
    s = result.scores
    click.echo("            strict    lax")
    click.echo(f"precision   {s.precision_strict:.4f}    {s.precision_lax:.4f}")
    click.echo(f"recall      {s.recall_strict:.4f}    {s.recall_lax:.4f}")
    click.echo(f"F1          {s.f1_strict:.4f}    {s.f1_lax:.4f}")
    click.echo(f"signature: {result.signature}")
