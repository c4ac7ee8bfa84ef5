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

    return wrapper  # type: ignore[return-value]


def log(message: str, quiet: bool = False) -> None:
    """A progress or summary line on stderr."""
    if not quiet:
        click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def main() -> None:
    """French–Arabic sentence alignment and translation QA."""


def alignment_options(func: F) -> F:
    """Options shared by every command that aligns."""
    options = [
        click.option("--src-lang", default=DEFAULTS.src_lang, show_default=True,
                     help="Language of the first (source) file."),
        click.option("--tgt-lang", default=DEFAULTS.tgt_lang, show_default=True,
                     help="Language of the second (target) file."),
        click.option("--encoder", default=DEFAULTS.encoder, show_default=True,
                     help="Sentence encoder (see `aligner models`)."),
        click.option("--max-bead", type=int, default=DEFAULTS.max_bead, show_default=True,
                     help="Largest bead, in sentences on both sides together."),
        click.option("--pre-split", is_flag=True,
                     help="Inputs are one sentence per line; take the lines as given."),
        click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_config(**opts: Any) -> AlignConfig:
    """An :class:`AlignConfig` from the CLI options that name its fields."""
    fields = AlignConfig.__dataclass_fields__
    return DEFAULTS.with_(**{k: v for k, v in opts.items() if k in fields})


@main.command()
@click.argument("source", type=click.Path(dir_okay=True))
@click.argument("target", type=click.Path(dir_okay=True))
@click.option("-o", "--output", type=click.Path(), help="Output file (.tmx, .tsv, .jsonl, .beads); TSV on stdout if omitted.")
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "jsonl", "beads"]),
              help="Output format (default: from the extension).")
@click.option("--tmx-langs", help="Language codes written in the TMX, e.g. fr-FR,ar-MA.")
@click.option("--show-dropped", is_flag=True, help="List the boilerplate lines removed, on stderr.")
@alignment_options
@handle_errors
def align(source: str, target: str, output: str | None, fmt: str | None, tmx_langs: str | None,
          show_dropped: bool, quiet: bool, **opts: Any) -> None:
    """Align SOURCE and TARGET articles sentence by sentence."""
    from .output import format_for, write_alignment
    from .pipeline import align_files

    cfg = make_config(**opts)
    langs = _parse_langs(tmx_langs)
    if output:
        from .atomic import check_output_path

        check_output_path(output)
        format_for(output, fmt)
    result = align_files(source, target, cfg)
    if show_dropped:
        for side, dropped in (("source", result.src_dropped), ("target", result.tgt_dropped)):
            for d in dropped:
                click.echo(f"dropped {side} line {d.line} ({d.reason}): {d.text}", err=True)
    if output:
        used = write_alignment(result, output, fmt, tmx_langs=langs)
    else:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "out"
            used = write_alignment(result, path, fmt or "tsv")
            sys.stdout.write(path.read_text(encoding="utf-8"))
    units = len(result.units)
    nulls = len(result.beads) - units
    log(f"{units} units, {nulls} unaligned sentences ({used})"
        + (f" -> {output}" if output else ""), quiet)
    log(f"signature: {result.signature}", quiet)


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
    from .evaluate import read_beads, score

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


if __name__ == "__main__":  # pragma: no cover
    main()
