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


# --- the command line: it parses, calls a flow, prints, and leaves one way ---------------------------

CLI = PACKAGE / "cli"
# What cli/ must not import: the work is the flows' (automation/flows/). Of the engine, only the
# options objects a command fills in.
NOT_FROM_THE_COMMAND_LINE = ("automation.engine", "automation.session", "automation.tools", "automation.demo")
OPTIONS = "automation.engine.options"
# Temporary, and named: a command module that still leaves on its own, until its command becomes
# a flow that ends in finish; then its entry goes (a test below fails while an entry here is no
# longer needed). None is left.
LEAVES_ON_ITS_OWN: dict[str, str] = {}


def _exits(tree: ast.AST) -> list[int]:
    """The lines that leave the process: sys.exit(), ctx.exit(), exit(), raise SystemExit/Exit."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("exit", "_exit", "quit"):
                found.append(node.lineno)
        elif isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = raised.attr if isinstance(raised, ast.Attribute) else raised.id if isinstance(raised, ast.Name) else ""
            if name in ("SystemExit", "Exit"):
                found.append(node.lineno)
    return found


def _commands(tree: ast.AST) -> list[ast.FunctionDef]:
    """Functions decorated as click commands (``@click.command``, ``@cli.command``, ``@schedule.command``)."""
    def is_command(decorator: ast.expr) -> bool:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        return isinstance(call, ast.Attribute) and call.attr == "command"

    return [node for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and any(is_command(d) for d in node.decorator_list)]


def _ends_in_finish(command: ast.FunctionDef) -> bool:
    last = command.body[-1]
    returns = [n for n in ast.walk(command) if isinstance(n, ast.Return)]
    return (not returns and isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Name) and last.value.func.id == "finish")


def _cli_sources(tmp: Path | None = None) -> dict[str, ast.AST]:
    folder = tmp or CLI
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.py"))}


def one_way_out(sources: dict[str, ast.AST]) -> list[str]:
    """Every way out of cli/ but the one in ``finish``, and every command that does not end in it."""
    exits = [f"{name}:{line}" for name, tree in sources.items() if name not in LEAVES_ON_ITS_OWN
             for line in _exits(tree)]
    one = [e for e in exits if e.startswith("base.py:")]
    others = [e for e in exits if e not in one[:1]]
    if len(one) != 1:
        others.append(f"base.py: {len(one)} exit(s), where finish holds the one")
    others += [f"{name}: {command.name} does not end in finish(...)" for name, tree in sources.items()
               if name not in LEAVES_ON_ITS_OWN for command in _commands(tree) if not _ends_in_finish(command)]
    return others


def test_the_command_line_leaves_through_one_finish() -> None:
    assert one_way_out(_cli_sources()) == []


def test_a_second_exit_or_a_command_that_returns_is_caught(tmp_path: Path) -> None:
    """The check above fails on what it must fail on (a check that cannot fail proves nothing)."""
    (tmp_path / "base.py").write_text("import sys\ndef finish(o):\n    sys.exit(o)\n", encoding="utf-8")
    (tmp_path / "extra.py").write_text(
        "import click, sys\n@click.command()\ndef quick():\n    if 1:\n        return\n    finish(1)\n"
        "@cli.command()\ndef rude(ctx):\n    ctx.exit(3)\n", encoding="utf-8")
    assert one_way_out(_cli_sources(tmp_path)) == [
        "extra.py:9", "extra.py: quick does not end in finish(...)", "extra.py: rude does not end in finish(...)"]


def test_what_leaves_on_its_own_is_still_there_and_still_does() -> None:
    """An entry of LEAVES_ON_ITS_OWN is removed once its module ends in finish: none lingers."""
    sources = _cli_sources()
    stale = [name for name in LEAVES_ON_ITS_OWN if name not in sources
             or (not _exits(sources[name]) and all(_ends_in_finish(c) for c in _commands(sources[name])))]
    assert stale == []


def forbidden_imports(sources: dict[str, ast.AST]) -> list[str]:
    found = []
    for name, tree in sources.items():
        for node in ast.walk(tree):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                       else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if isinstance(node, ast.ImportFrom) and node.module in ("automation", "automation.engine"):
                modules = [f"{node.module}.{a.name}" for a in node.names]  # from automation import engine
            found += [f"{name}: {m}" for m in modules if m != OPTIONS
                      and any(m == p or m.startswith(p + ".") for p in NOT_FROM_THE_COMMAND_LINE)]
    return found


def test_the_command_line_imports_no_engine_session_or_tools() -> None:
    assert forbidden_imports(_cli_sources()) == []


def test_an_engine_or_session_import_in_the_command_line_is_caught() -> None:
    tree = ast.parse("from automation.engine.options import Task\nfrom automation.engine.run import opt_out\n"
                     "import automation.session.runner\nfrom automation import tools\n"
                     "def f():\n    from automation.session.browser import has_display\n")
    assert forbidden_imports({"x.py": tree}) == [
        "x.py: automation.engine.run", "x.py: automation.session.runner", "x.py: automation.tools",
        "x.py: automation.session.browser"]


def test_the_application_builds_a_run_s_task_in_one_place() -> None:
    """``flows/plan.py``'s ``task_for`` makes every command's ``Task``; no flow or command makes its own."""
    makers = []
    for folder in (PACKAGE / "flows", CLI):
        for path in folder.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Task":
                    makers.append(f"{folder.name}/{path.name}")
    assert makers == ["flows/plan.py"]
