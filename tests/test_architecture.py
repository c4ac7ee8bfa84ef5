"""The package's shape holds: no import cycle, no upward import, small modules, a thin CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "aligner"

#: Layers, lowest first (docs/architecture.md): a module may import only from its own layer or below.
LAYERS = [
    {"errors", "models", "signature", "registry", "config", "progress", "__init__"},
    {"lang", "io", "encoders"},
    {"align", "tmx", "formats", "qa", "review"},
    {"pipeline"},
    {"corpus"},
    {"cli"},
]


def _top(module: str) -> str:
    return module.split(".")[0]


def _layer(top: str) -> int:
    for k, names in enumerate(LAYERS):
        if top in names:
            return k
    raise AssertionError(f"aligner.{top} is in no layer of tests/test_architecture.py; add it (and to the docs)")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).with_suffix("")
        out[".".join(rel.parts)] = path
    return out


def _imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported aligner module, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(n) for n in tree.body}
    in_type_checking: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            in_type_checking |= {id(n) for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and id(node) not in in_type_checking:
            base = name.split(".")[:-1]  # the module's package ("encoders.__init__" → encoders)
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            mod = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if not node.module:
                out += [(f"{mod}.{a.name}".strip("."), id(node) in top_level) for a in node.names]
            else:
                out.append((mod, id(node) in top_level))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aligner."):
            out.append((node.module[len("aligner."):], id(node) in top_level))
    return out


def test_no_upward_import():
    bad = []
    for name, path in _modules().items():
        own = _layer(_top(name))
        for mod, _level in _imports(name, path):
            if not mod or _top(mod) == "__version__":
                continue
            if _layer(_top(mod)) > own:
                bad.append(f"aligner.{name} imports aligner.{mod}")
    assert not bad, "upward imports:\n" + "\n".join(bad)


def _graph() -> dict[str, set[str]]:
    mods = _modules()

    def key(m: str) -> str | None:
        if m in mods:
            return m
        if f"{m}.__init__" in mods:
            return f"{m}.__init__"
        parent = m.rpartition(".")[0]  # "from .x import name" where name is not a module
        return key(parent) if parent else None

    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        graph[name] = set()
        for m, _top in _imports(name, path):
            k = key(m)
            if k and k != name:
                graph[name].add(k)
    return graph


def test_no_import_cycle():
    """No two modules import each other, directly or through others, even inside functions
    (a package's ``__init__`` re-exporting its members is not counted)."""
    graph = {n: {m for m in e if not (n.endswith("__init__") and m.startswith(n[: -len("__init__")]))}
             for n, e in _graph().items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(n: str, stack: list[str]) -> None:
        state[n] = 1
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycles.append(" -> ".join([*stack[stack.index(m):], m]))
            elif m not in state:
                visit(m, [*stack, m])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420, f"{path.name}: split it (see docs/architecture.md)"


def test_only_the_cli_prints_or_exits():
    bad = []
    for name, path in _modules().items():
        if _top(name) == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = ast.unparse(node.func)
                if f in ("print", "sys.exit", "exit", "click.echo") and not (f == "print" and any(
                        k.arg == "file" for k in node.keywords)):
                    bad.append(f"aligner.{name}:{node.lineno} calls {f}")
    assert not bad, "\n".join(bad)
