"""What every command shares: errors → ``Error: …``, stderr lines, option groups."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..config import DEFAULTS, AlignConfig
from ..errors import AlignerError

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn library errors into ``Error: …`` and exit code 1, no traceback."""

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


def options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator (applied in the order given)."""

    def apply(func: F) -> F:
        for deco in reversed(decorators):
            func = deco(func)
        return func

    return apply


encoder_options = options(
    click.option("--encoder", default=DEFAULTS.encoder, show_default=True,
                 help="Sentence encoder: auto (laser when its files are found, else use), "
                      "use, e5, laser or any registered one (see `aligner models`)."),
    click.option("--laser-dir", type=click.Path(file_okay=False),
                 help="Folder of the LASER model files (default: $ALIGNER_LASER_DIR, then the user data folder)."),
    click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=DEFAULTS.device,
                 show_default=True, help="Where LASER runs."),
)

alignment_options = options(
    click.option("--src-lang", default=DEFAULTS.src_lang, show_default=True,
                 help="Language of the first (source) file."),
    click.option("--tgt-lang", default=DEFAULTS.tgt_lang, show_default=True,
                 help="Language of the second (target) file."),
    encoder_options,
    click.option("--max-bead", type=int, default=DEFAULTS.max_bead, show_default=True,
                 help="Largest bead, in sentences on both sides together."),
    click.option("--refine/--no-refine", default=DEFAULTS.refine, show_default=True,
                 help="Check bead boundaries again with the spans in doubt encoded as one text "
                      "(more accurate, a few more encoder calls)."),
    click.option("--pre-split", is_flag=True, help="Inputs are one sentence per line; take the lines as given."),
    click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr."),
    click.option("--cache-dir", type=click.Path(file_okay=False),
                 help="Embedding cache folder (default: $ALIGNER_CACHE_DIR or the user cache folder)."),
    click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
)


def make_cache(opts: dict[str, Any]) -> Any:
    """The embedding cache the options ask for (None with --no-cache); pops its options."""
    from ..encoders.cache import EmbeddingCache

    folder = opts.pop("cache_dir", None)
    if opts.pop("no_cache", False):
        return None
    return EmbeddingCache(folder)


def make_config(**opts: Any) -> AlignConfig:
    """The :class:`AlignConfig` of the options that name a setting (others are ignored)."""
    return AlignConfig.from_options(**opts)
