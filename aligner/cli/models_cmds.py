"""``aligner models`` and ``aligner models download``."""

from __future__ import annotations

import json

import click

from . import main
from .common import handle_errors


@main.group(invoke_without_command=True)
@click.option("--laser-dir", type=click.Path(file_okay=False), help="Folder of the LASER model files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handle_errors
def models(ctx: click.Context, laser_dir: str | None, as_json: bool) -> None:
    """List every encoder: usable here or not, where its files are, version, dimension."""
    if ctx.invoked_subcommand is not None:
        return
    from ..encoders import EncoderOptions, models_report

    rep = models_report(EncoderOptions(laser_dir))
    if as_json:
        click.echo(json.dumps(rep.as_json(), ensure_ascii=False, indent=1))
        return
    for st in rep.encoders:
        mark = "usable" if st.usable else "NOT USABLE"
        star = " (default)" if st.name == rep.default else ""
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
    from ..encoders.laser import download

    target = download(folder)
    click.echo(f"LASER files in {target}; `aligner models` should now list laser as usable", err=True)
