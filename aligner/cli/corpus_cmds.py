"""``aligner pair`` and ``aligner batch``."""

from __future__ import annotations

import json
from typing import Any

import click

from . import main
from .common import alignment_options, encoder_options, handle_errors, log, make_cache, make_config


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON: pairs and unpaired documents.")
@encoder_options
@handle_errors
def pair(inputs: tuple[str, ...], as_json: bool, **opts: Any) -> None:
    """Find which French and Arabic documents report the same content (FILE_OR_DIR...)."""
    from ..corpus.pairing import pair_documents
    from ..pipeline import resolve_config

    result = pair_documents(list(inputs), resolve_config(make_config(**opts))[0])
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return
    for p in result.pairs:
        click.echo(f"pair  {p.score:.3f}  {p.fr}  <->  {p.ar}")
    for u in result.unpaired:
        click.echo(f"alone {u.language:5s}  {u.file}: {u.reason}")
    log(f"signature: {result.signature}")


@main.command()
@click.argument("in_dir", type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Output folder.")
@click.option("--jobs", type=int, default=1, show_default=True, help="Pairs aligned in parallel processes.")
@click.option("--resume", is_flag=True, help="Skip pairs finished by an earlier, interrupted run.")
@alignment_options
@handle_errors
def batch(in_dir: str, out_dir: str, jobs: int, resume: bool, quiet: bool, **opts: Any) -> None:
    """Pair the articles of IN_DIR, align every pair, write one TMX per pair, all.tmx and manifest.json."""
    from ..corpus.batch import run_batch
    from ..pipeline import resolve_config
    from ..progress import progress_bar

    cache = make_cache(opts)
    cfg, note = resolve_config(make_config(**opts))
    manifest = run_batch(in_dir, out_dir, cfg, jobs=max(1, jobs), resume=resume,
                         progress=progress_bar(quiet), cache_dir=None if cache is None else str(cache.folder))
    pairs = manifest["pairs"]
    unpaired = manifest["unpaired"]
    log(f"{len(pairs)} pairs aligned, {len(unpaired)} files unpaired; "  # type: ignore[arg-type]
        f"{manifest['all_units']} units in {manifest['all']}; manifest: {out_dir}/manifest.json", quiet)
    if note:
        log(note, quiet)
