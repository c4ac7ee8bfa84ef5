"""``aligner tmx validate|stats|merge|filter|split|convert``."""

from __future__ import annotations

import json

import click

from ..config import DEFAULTS
from . import main
from .common import handle_errors, log


@main.group()
def tmx() -> None:
    """Validate, inspect, merge, filter, split and convert TMX files."""


@tmx.command(name="validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@handle_errors
def tmx_validate(files: tuple[str, ...]) -> None:
    """Check TMX FILES against the DTD and the rules CAT tools need."""
    from ..tmx.tools import validate

    bad = 0
    for path in files:
        problems = validate(path)
        bad += bool(problems)
        for problem in problems:
            click.echo(f"{path}: {problem}")
        if not problems:
            click.echo(f"{path}: valid TMX 1.4")
    if bad:
        raise click.exceptions.Exit(1)


@tmx.command(name="stats")
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def tmx_stats(path: str, as_json: bool) -> None:
    """Units, languages and alignment-score histogram of a TMX."""
    from ..tmx.tools import stats

    s = stats(path)
    if as_json:
        click.echo(json.dumps(s.as_json()))
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
    from ..tmx.tools import merge

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
    from ..qa.filter import filter_tmx

    r = filter_tmx(path, output, min_score, drop_flagged)
    log(f"kept {r.written} units -> {output}")


@tmx.command(name="split")
@click.argument("path", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Name of the parts: NAME_001.tmx …")
@click.option("--split-size", required=True, help="Largest part, e.g. 500MB.")
@handle_errors
def tmx_split(path: str, output: str, split_size: str) -> None:
    """Cut a TMX into valid TMX files under a size."""
    from ..tmx.tools import split
    from ..tmx.writer import parse_size

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
    from ..tmx.tools import convert

    n = convert(path, output, src_lang, tgt_lang, keep_codes)
    log(f"{n} units -> {output}")
