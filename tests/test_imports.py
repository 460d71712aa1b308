"""The package's imports run one way: no module imports, at load time, a module that imports
it back (directly or through others). A loop makes the load order matter and hides which
module is the lower layer; the seam's types live in `pipeline.seam` for this reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _load_time_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules `path` imports at its top level (not inside functions, nor under
    `if TYPE_CHECKING:`)."""
    named: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            named.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                named.add(sub if sub in modules else node.module)
    return {n for n in named if n in modules}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _load_time_imports(path, modules) - {name} for name, path in modules.items()}


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import loops of `graph`, each as the path of modules that closes it."""
    state: dict[str, int] = {}
    path: list[str] = []
    found: list[list[str]] = []

    def visit(u: str) -> None:
        state[u] = 1
        path.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                found.append([*path[path.index(v):], v])
            elif v not in state:
                visit(v)
        path.pop()
        state[u] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return found


def test_loops_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert loops(graph) == [["a", "b", "c", "a"]]
    assert loops({"a": {"b"}, "b": set()}) == []


def test_the_graph_is_read_from_the_package() -> None:
    graph = import_graph()
    assert "pipeline.seam" in graph["pipeline.runner"]
    assert "pipeline.seam" in graph["pipeline.validate.core"]


def test_the_package_has_no_import_loop() -> None:
    assert loops(import_graph()) == []
