"""Write docs/cli.md: the ``--help`` of every command and subcommand, as the CLI prints it.

Usage: python scripts/gen_cli_reference.py [--check]

``--check`` exits 1 when docs/cli.md differs from what the CLI prints now (the test suite
runs it, so the reference cannot drift from the code).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "cli.md"


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under *group*, depth first, sorted."""
    out: list[tuple[str, ...]] = []
    for name in sorted(group.commands):
        cmd = group.commands[name]
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += commands(cmd, (*prefix, name))
    return out


def reference() -> str:
    from aligner.cli import main

    runner = CliRunner()
    parts = ["# Command-line reference\n",
             "Generated from `--help` by `python scripts/gen_cli_reference.py`; do not edit by hand "
             "(the test suite fails when it is out of date). The user guide explains each command.\n"]
    for path in [(), *commands(main)]:
        res = runner.invoke(main, [*path, "--help"], terminal_width=100)
        title = " ".join(("aligner", *path))
        parts.append(f"## `{title}`\n\n```text\n{res.output.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if docs/cli.md is out of date")
    args = ap.parse_args()
    text = reference()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date; run python scripts/gen_cli_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
