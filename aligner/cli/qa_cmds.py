"""``aligner qa`` and ``aligner mt-eval``."""

from __future__ import annotations

import sys

import click

from . import main
from .common import handle_errors, log, stdout_if_dash


@main.command()
@click.argument("path", type=click.Path())
@click.option("--glossary", type=click.Path(), help="CSV: French term, accepted Arabic renderings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(), help="Write the report here instead of stdout (- : stdout).")
@handle_errors
def qa(path: str, glossary: str | None, fmt: str, output: str | None) -> None:
    """Check the units of a TMX or of our JSONL for translation errors."""
    from ..qa.base import is_pair
    from ..qa.report import qa_report

    report = qa_report(path, glossary, fmt, stdout_if_dash(output), sys.stdout)
    n = report.counts()
    pairs = sum(1 for u in report.units if is_pair(u))
    unaligned = len(report.units) - pairs
    # Counted as `aligner align` counts them: units are the aligned pairs.
    log(f"{pairs} units" + (f" and {unaligned} unaligned sentences" if unaligned else "")
        + f": {n['error']} errors, {n['warning']} warnings, {n['info']} notes")
    log(f"signature: {report.signature}")


@main.command(name="mt-eval")
@click.option("--hyp", required=True, type=click.Path(), help="Machine translation, one segment per line.")
@click.option("--ref", required=True, type=click.Path(), help="Reference translation, line-aligned.")
@click.option("--src", type=click.Path(), help="Source text, line-aligned (shown with the worst segments).")
@click.option("--worst", type=click.IntRange(min=0), default=10, show_default=True, help="How many worst segments to show.")
@handle_errors
def mt_eval(hyp: str, ref: str, src: str | None, worst: int) -> None:
    """BLEU, chrF and TER with sacrebleu signatures, and the worst segments by chrF."""
    from ..qa.mteval import evaluate_mt

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
