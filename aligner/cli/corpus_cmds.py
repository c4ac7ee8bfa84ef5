"""``aligner pair`` and ``aligner batch``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from . import main
from .common import (
    alignment_options,
    batch_output_options,
    encoder_options,
    handle_errors,
    log,
    make_cache,
    make_config,
    make_write_options,
)


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
@click.option("--format", "fmt", help="Also write each pair in this format (jsonl, tsv, beads) beside its TMX.")
@batch_output_options
@click.option("--jobs", type=click.IntRange(min=0), default=None,
              help="Pairs aligned in parallel processes [default: 1]; --engine ray: Ray workers "
                   "[default and 0: one per CPU of the cluster].")
@click.option("--resume", is_flag=True, help="Skip pairs finished by an earlier, interrupted run.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine's processes; ray: a Ray cluster (pip install 'fr-ar-aligner[ray]').")
@click.option("--address", help="Ray cluster to join (--engine ray); default: start a local Ray with this machine's cores.")
@alignment_options
@handle_errors
def batch(in_dir: str, out_dir: str, fmt: str | None, jobs: int | None, resume: bool, engine: str,
          address: str | None, quiet: bool, **opts: Any) -> None:
    """Pair the articles of IN_DIR (a folder, or a .jsonl/.parquet corpus manifest), align every pair,
    write one TMX per pair, all.tmx and manifest.json.

    The output options of `aligner align` apply to every pair; --report names a folder
    for one review page per pair.
    """
    from ..corpus.batch import BatchOutputs, run_batch
    from ..pipeline import resolve_config
    from ..progress import progress_bar

    cache = make_cache(opts)
    write, show_dropped, review_dir = make_write_options(opts)
    cfg, note = resolve_config(make_config(**opts))
    manifest = run_batch(in_dir, out_dir, cfg, jobs=(0 if engine == "ray" else 1) if jobs is None else jobs,
                         resume=resume, progress=progress_bar(quiet),
                         cache_dir=None if cache is None else str(cache.folder), engine=engine, address=address,
                         outputs=BatchOutputs(write, review_dir, fmt))
    pairs: list[dict[str, Any]] = manifest["pairs"]  # type: ignore[assignment]
    unpaired: list[dict[str, Any]] = manifest["unpaired"]  # type: ignore[assignment]
    for record in pairs:
        if show_dropped:
            for d in record.get("dropped", []):
                where = f"line {d['line']}" if d["line"] else "(no line)"
                click.echo(f"dropped {d['side']} {d['file']} {where} ({d['reason']}): {d['text']}", err=True)
        if record.get("error"):
            log(f"failed {record['fr']} <-> {record['ar']}: {record['error']}")
        for warning in record.get("warnings", []):
            log(f"{warning} ({Path(record['fr']).name} <-> {Path(record['ar']).name})")
    for u in unpaired:
        log(f"alone {u['language']:5s}  {u['file']}: {u['reason']}", quiet)
    low = manifest.get("all_low_confidence")
    log(f"{len(pairs)} pairs aligned, {len(unpaired)} files unpaired; "
        f"{manifest['all_units']} units in {manifest['all']}"
        + (f"; units below the confidence threshold in {low}" if low else "")
        + f"; manifest: {out_dir}/manifest.json", quiet)
    if note:
        log(note, quiet)
