"""The house: subpackages by layer, no import circle, nothing imported upward, no module past
~300 lines. Read from the source with ``ast``; nothing is imported. Imports under
``TYPE_CHECKING`` count like any other: a circle for the type checker is a circle for a reader."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "automation"

# Lowest first. A module may import its own layer and the layers below it, never above.
LAYERS = [
    {"errors", "exit_codes", "version", "config", "paths", "private", "owner_only", "redact", "resources"},
    {"catalogue"},
    {"results", "schedule", "review"},
    {"engine"},
    {"pruning"},
    {"session"},
    {"demo"},
    {"tools"},
    {"flows"},
    {"cli", "__main__"},
]
LONGEST = 320  # lines; ~300 with room for a docstring


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports: at the top, inside functions, and under
    ``TYPE_CHECKING`` alike."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("automation"):
            assert node.level == 0, f"{name}: relative import (use absolute imports)"
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.add(target if target in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    return {m for m in found if m in modules and m != name}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) == 1:
        return len(LAYERS)  # the package root gathers the public names
    return next((i for i, layer in enumerate(LAYERS) if parts[1] in layer), None)


def test_every_module_has_a_layer() -> None:
    assert [m for m in _modules() if _layer(m) is None] == []


def test_no_module_imports_a_higher_layer() -> None:
    modules = _modules()
    upward = [f"{m} -> {d}" for m, path in modules.items() for d in _imports(m, path, modules)
              if _layer(d) > _layer(m)]  # type: ignore[operator]
    assert upward == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    # A package's __init__ may name its own modules (lazily); that is not a circle of code.
    graph = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            if state.get(dep) == 1:
                circles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    return circles


def test_there_is_no_import_circle() -> None:
    modules = _modules()
    assert _circles({m: _imports(m, path, modules) for m, path in modules.items()}) == []


def test_a_type_only_import_is_counted(tmp_path: Path) -> None:
    """The check sees an import that only the type checker runs: the way circles used to hide."""
    pkg = tmp_path / "automation"
    pkg.mkdir()
    (pkg / "low.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                "    from automation.high import High\n", encoding="utf-8")
    (pkg / "high.py").write_text("from automation.low import thing\n", encoding="utf-8")
    modules = {"automation.low": pkg / "low.py", "automation.high": pkg / "high.py"}
    graph = {m: _imports(m, path, modules) for m, path in modules.items()}
    assert graph["automation.low"] == {"automation.high"}
    assert _circles(graph) == [["automation.low", "automation.high", "automation.low"]]


def test_no_module_is_too_long_to_read() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}


def test_the_public_names_stay_importable() -> None:
    import automation
    from automation.cli import main

    assert callable(automation.opt_out) and callable(main) and automation.__version__


# What only a flow does (automation/flows/): run the engine, take signals, keep history and send
# alerts after a run. The command line parses, calls a flow and prints what it returns.
FLOW_ONLY = {"automation.engine.run": None, "automation.engine.interrupt": None, "automation.demo.run": None,
             "automation.results.after_run": {"after_run"}, "automation.results.alerts": None,
             "automation.session.runner": {"run_live"}}


def test_the_command_line_holds_no_flow() -> None:
    found = []
    for path in (PACKAGE / "cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in FLOW_ONLY:
                names = FLOW_ONLY[node.module]
                if names is None or names & {a.name for a in node.names}:
                    found.append(f"{path.name}: {node.module}")
    assert found == []
