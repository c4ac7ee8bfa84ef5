"""``aligner edit``: correct an alignment in the browser, or export its reviewed units."""

from __future__ import annotations

from typing import Any

import click

from . import main
from .common import handle_errors, log


@main.command()
@click.argument("path", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where the edits are saved (default: PAIR.edited.jsonl beside PATH).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Print the editor's address; do not open a browser.")
@click.option("--user", envvar="ALIGNER_USER", default="", help="Name recorded with each edit, with its time "
              "(default: $ALIGNER_USER; none: who and when are not recorded).")
@click.option("--export", "export_to", type=click.Path(dir_okay=False),
              help="Write the reviewed units to this .tmx, .tsv or .jsonl and exit (no editor).")
@click.option("--include", type=click.Choice(["reviewed", "all"]), default="reviewed", show_default=True,
              help="Units exported: reviewed (accepted and edited) or all (all but rejected).")
@click.option("--tmx-langs", help="Language codes written in an exported TMX, e.g. fr-FR,ar-MA.")
@handle_errors
def edit(path: str, output: str | None, port: int, no_browser: bool, user: str, export_to: str | None,
         include: str, tmx_langs: str | None) -> None:
    """Correct PATH (a .jsonl written by `aligner align`) in the browser, or export its reviewed units."""
    from ..review.session import EditSession

    serving = export_to is None
    session = EditSession(path, output, user=user, rescore=serving, background_qa=serving)
    if export_to:
        from ..io.atomic import check_output_path
        from ..tmx.writer import parse_tmx_langs

        check_output_path(export_to, [path, session.output])
        count = session.export(export_to, include=include,
                               tmx_langs=parse_tmx_langs(tmx_langs) if tmx_langs else None)
        click.echo(f"{count} units ({include}) -> {export_to}", err=True)
        if count == 0 and include == "reviewed":
            click.echo(f"no unit of {path} is reviewed yet: accept or correct units in `aligner edit {path}` "
                       "first, or export every unit but the rejected ones with --include all", err=True)
        return
    serve_editor(session, port, not no_browser)


def serve_editor(session: Any, port: int, open_browser: bool) -> None:
    """Run the editor on *session* until Ctrl+C (also what ``aligner align --edit`` does)."""
    from ..review.server import run_editor

    if session.resumed:
        log(f"resuming the edits in {session.output}")
    run_editor(session, lambda line: click.echo(line, err=True), port, open_browser)
    log(f"editor stopped; the edits are in {session.output}")
