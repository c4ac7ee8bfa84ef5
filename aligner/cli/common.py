"""What every command shares: errors → ``Error: …``, stderr lines, option groups."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..config import DEFAULTS, FAITHFUL_AUTO, AlignConfig
from ..errors import AlignerError, ConfigError

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


def stdout_if_dash(path: str | None) -> str | None:
    """``-o -`` means standard output, as omitting ``-o`` does (None)."""
    return None if path == "-" else path


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
    click.option("--faithful", is_flag=True, default=DEFAULTS.faithful,
                 help="The texts are translated in full (books, reports): a short sentence next to a unit is "
                      "merged into it rather than left unaligned (spans encoded as one text: a few more encoder "
                      "calls). Not for rewritten news, where sentences are added and dropped."),
    click.option("--faithful-auto/--no-faithful-auto", default=DEFAULTS.faithful_auto > 0, show_default=True,
                 help="Do what --faithful does on each document whose unaligned sentences read as members of "
                      "their neighbouring units (a text translated in full), not on the others (news)."),
    click.option("--pre-split", is_flag=True, help="Inputs are one sentence per line; take the lines as given "
                                                   "(lines of page chrome, e.g. 'Partager cet article', stay unaligned)."),
    click.option("--pre-split-chrome/--align-chrome", default=DEFAULTS.pre_split_chrome, show_default=True,
                 help="With --pre-split, keep lines that the boilerplate rules call page chrome out of the "
                      "alignment (unaligned, in place), or align them like any line."),
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
    if "faithful_auto" in opts and isinstance(opts["faithful_auto"], bool):  # the flag: on at the documented share
        opts = {**opts, "faithful_auto": FAITHFUL_AUTO if opts["faithful_auto"] else 0.0}
    return AlignConfig.from_options(**opts)


def _output_options(report: Callable[[F], F]) -> Callable[[F], F]:
    return options(
        click.option("--tmx-langs", help="Language codes written in the TMX, e.g. fr-FR,ar-MA."),
        click.option("--cat-profile",
                     help="Write codes and respect limits of this CAT tool: omegat, trados, memoq, phrase."),
        click.option("--split-size", type=str, help="Cut the TMX into files under this size (e.g. 500MB)."),
        click.option("--tmx-notes", is_flag=True,
                     help="Give every TMX unit a <note> naming its two documents and sentences."),
        click.option("--min-confidence", type=float,
                     help="Write only units at or above this confidence; the others go to a side file."),
        click.option("--show-dropped", is_flag=True,
                     help="List what was left out when reading (boilerplate, page chrome), on stderr."),
        report,
    )


#: The output options of ``aligner align``: ``--report`` is one page.
output_options = _output_options(
    click.option("--report", "review_out", type=click.Path(dir_okay=False),
                 help="Also write a side-by-side HTML review of the alignment here."))
#: The same for ``aligner batch``: ``--report`` is a folder of pages, one per pair.
batch_output_options = _output_options(
    click.option("--report", "review_out", type=click.Path(file_okay=False), metavar="DIR",
                 help="Also write a side-by-side HTML review of each pair in this folder "
                      "(DIR/<fr-name>__<ar-name>.html)."))


def make_write_options(opts: dict[str, Any]) -> tuple[Any, bool, str | None]:
    """The :class:`~aligner.formats.WriteOptions` the output options ask for (checked before
    any work), ``--show-dropped`` and ``--report``; pops those options."""
    from ..formats import WriteOptions
    from ..formats.confidence import check_threshold
    from ..tmx.writer import parse_size, parse_tmx_langs

    tmx_langs, split_size = opts.pop("tmx_langs", None), opts.pop("split_size", None)
    threshold = opts.pop("min_confidence", None)
    if opts.get("low_output") and threshold is None:
        raise ConfigError("--low-confidence-out is for the units below --min-confidence: add "
                          "--min-confidence X (e.g. --min-confidence 0.8), or leave --low-confidence-out out")
    write = WriteOptions(tmx_langs=parse_tmx_langs(tmx_langs) if tmx_langs else None,
                         profile=opts.pop("cat_profile", None),
                         split_bytes=parse_size(split_size) if split_size else None,
                         tmx_notes=opts.pop("tmx_notes", False),
                         min_confidence=check_threshold(threshold) if threshold is not None else None,
                         low_output=opts.pop("low_output", None))
    return write, opts.pop("show_dropped", False), opts.pop("review_out", None)


def print_dropped(alignment: Any, prefix: str = "") -> None:
    """One stderr line per piece left out when reading: side, line in its file, reason, text."""
    for side, dropped in (("source", alignment.src_dropped), ("target", alignment.tgt_dropped)):
        for d in dropped:
            where = f"line {d.line}" if d.line else "(no line: page, header or footer)"
            click.echo(f"{prefix}dropped {side} {where} ({d.reason}): {d.text}", err=True)
