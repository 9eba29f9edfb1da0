"""The house: subpackages by layer, no import circle, nothing imported upward, no
module past ~300 lines. Read from the source with ``ast``; nothing is imported."""

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
    {"session"},
    {"demo"},
    {"tools"},
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
    """The package's modules ``name`` imports at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING"
                   for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
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


def test_there_is_no_import_circle() -> None:
    modules = _modules()
    graph = {m: _imports(m, path, modules) for m, path in modules.items()}
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
    assert circles == []


def test_no_module_is_too_long_to_read() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}


def test_the_public_names_stay_importable() -> None:
    import automation
    from automation.cli import main

    assert callable(automation.opt_out) and callable(main) and automation.__version__
