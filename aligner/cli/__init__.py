"""The ``aligner`` command line: option parsing and printing only.

Each command makes one call into the library; :class:`~aligner.errors.AlignerError` becomes
``Error: …`` on stderr with exit code 1 (2 for usage errors, from click). Commands live in
one module per family (align, tmx, qa, corpus, models); this package is the only code that
prints or exits.
"""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
@click.pass_context
def main(ctx: click.Context) -> None:
    """French–Arabic sentence alignment and translation QA."""
    from ..io.atomic import install_signal_handlers

    ctx.call_on_close(install_signal_handlers())


from . import align_cmds, corpus_cmds, edit_cmds, models_cmds, qa_cmds, tmx_cmds  # noqa: E402,F401  (they add commands)

__all__ = ["main"]
