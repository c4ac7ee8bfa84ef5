"""The docs keep up with the CLI: every command and option is documented, the reference is current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import click
import pytest

from aligner.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Pages that describe commands in prose (docs/cli.md is generated, so it does not count).
PROSE = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name != "cli.md")
PROSE += (ROOT / "README.md").read_text(encoding="utf-8")


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_cli_reference", ROOT / "scripts" / "gen_cli_reference.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = _load_generator()
COMMANDS = GEN.commands(main)


def _command(path: tuple[str, ...]) -> click.Command:
    cmd: click.Command = main
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    return cmd


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_documented_with_help(path):
    cmd = _command(path)
    assert cmd.help, f"aligner {' '.join(path)} has no help text"
    assert f"aligner {' '.join(path)}" in PROSE, f"`aligner {' '.join(path)}` is not described in docs/"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_is_documented(path):
    cmd = _command(path)
    missing = []
    for param in cmd.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        names = [o for o in param.opts + param.secondary_opts if o.startswith("--")]
        if names and not any(re.search(re.escape(n) + r"(?![\w-])", PROSE) for n in names):
            missing.append("/".join(names))
    assert not missing, f"aligner {' '.join(path)}: options not in docs/: {', '.join(missing)}"


def test_cli_reference_is_current():
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert current == GEN.reference(), "docs/cli.md is out of date: run python scripts/gen_cli_reference.py"


def test_docs_link_to_pages_that_exist():
    broken = []
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]+)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.name} -> {target}")
    assert not broken, broken


def test_module_docstrings_cite_docs_that_exist():
    broken = []
    for path in (ROOT / "aligner").rglob("*.py"):
        for target in re.findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8")):
            if not (DOCS / target).exists():
                broken.append(f"{path.relative_to(ROOT)} cites docs/{target}")
    assert not broken, broken


def test_user_guide_summary_example_is_what_the_seed_pair_prints(tmp_path, monkeypatch):
    """The summary and signature the user guide shows for `aligner align … -o seed.tmx` are the
    seed pair's (they had gone stale: 12 units and 19 Arabic sentences where the run gives others)."""
    from click.testing import CliRunner

    guide = (DOCS / "user-guide.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(\d+ units, .*?)```", guide, re.S)
    assert block, "the align summary example is gone from docs/user-guide.md"
    shown = [line for line in block.group(1).splitlines() if not line.startswith("encoder: ")]
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["align", str(ROOT / "corpora" / "000_7605adee3dac5af9.txt"),
                                    str(ROOT / "corpora" / "003_d8871bab029391e4.txt"), "-o", "seed.tmx",
                                    "--encoder", "use"])
    assert res.exit_code == 0, res.output
    printed = [line for line in res.stderr.splitlines() if not line.startswith("encoder: ")]
    assert printed == shown
