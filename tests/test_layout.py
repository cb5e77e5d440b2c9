"""The package's shape: no import cycles (function-level imports included), arrows between
subpackages one way, no module over 400 lines without a reason, every subpackage exporting its names."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"
CORE = {"records", "errors", "settings", "taxonomy", "geometry", "files", "lazy", "reading", "__init__", "__main__"}

# Which layers each layer may import (besides core). The data flow, read left to right:
# gazetteer -> extract -> pipeline -> store <- formats; render and ui sit on top; cli over all.
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "gazetteer": {"core"},
    "extract": {"core", "gazetteer"},
    "store": {"core"},
    "pipeline": {"core", "gazetteer", "extract", "store", "formats"},
    "formats": {"core", "store"},
    "render": {"core"},
    "evaluate": {"core", "gazetteer", "extract"},
    "ui": {"core", "render", "formats", "pipeline", "store", "extract"},
    "cli": {"core", "gazetteer", "extract", "pipeline", "store", "formats", "render", "evaluate"},
    "facade": {"core", "gazetteer", "extract", "cli"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(GEO.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in GEO.rglob("*.py")}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every geo module `path` imports, at any depth of the file (imports inside functions too)."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "geo")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.split(".")[0] != "geo":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != here}


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "facade"  # `import geo` and `python -m geo`: the public names of every layer
    if parts[1] in CORE:
        return "core"
    return parts[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles(graph):
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_arrows_between_layers_point_one_way(graph):
    wrong = sorted(
        f"{a} -> {b}" for a, targets in graph.items() for b in targets
        if _layer(b) != _layer(a) and _layer(b) not in ALLOWED[_layer(a)]
    )
    assert wrong == []


def test_layer_table_has_no_two_way_arrow():
    two_way = [(a, b) for a, deps in ALLOWED.items() for b in deps if a != b and a in ALLOWED.get(b, set())]
    assert two_way == []


def test_long_modules_say_why():
    long = []
    for path in GEO.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400 and "over 400 lines" not in (ast.get_docstring(ast.parse(text)) or "").lower():
            long.append(str(path.relative_to(GEO)))
    assert long == []


@pytest.mark.parametrize("package", sorted(p.parent.name for p in GEO.glob("*/__init__.py")))
def test_every_subpackage_exports_its_names(package):
    pkg = importlib.import_module(f"geo.{package}")
    assert pkg.__all__, package
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None, f"geo.{package}.{name}"


def test_no_streamlit_in_geo():
    assert [str(p) for p in GEO.rglob("*.py") if "import streamlit" in p.read_text(encoding="utf-8")] == []
