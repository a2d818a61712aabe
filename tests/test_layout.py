"""The package layout shows the pipeline: each stage imports only from the stages before it.

Every module of build_site is parsed with `ast` (nothing is imported), and every import statement
counts, wherever it stands: at the top, under `if TYPE_CHECKING:`, inside a `try:`. The rules:

- no import circle between modules;
- no import of a LATER stage (order in STAGES below; `model` imports nothing of the package,
  `render/paths.py` only the model);
- no import inside a function (a hidden import is how circles survived before);
- no module over MAX_LINES lines, except those in LONG_MODULES (each naming its issue).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import PACKAGE_DIR

#: The pipeline, in order: a module may import from its own stage and from earlier ones.
STAGES = (
    ("build_site.model", "build_site.config", "build_site.months"),
    ("build_site.read",),
    ("build_site.clean",),
    ("build_site.structure",),
    ("build_site.extract",),
    ("build_site.link",),
    ("build_site.render",),
    ("build_site.write",),
    ("build_site.build", "build_site.__main__", "build_site.mkdocs_hook"),
)
#: Modules with a narrower rule than their stage: module → the only package modules it may import.
ONLY = {
    "build_site.model": frozenset(),
    "build_site.months": frozenset(),
    "build_site.render.paths": frozenset({"build_site.model", "build_site.months"}),
}
MAX_LINES = 400
#: Modules allowed over MAX_LINES for now, each with the issue that will split it. An entry whose
#: module has shrunk makes its test XPASS, which fails (strict): then delete the entry.
LONG_MODULES = {
    "build_site.extract.figures": "issue 9 (figures): extract/figures.py is being split",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


def stage_of(module: str) -> int:
    for rank, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module}: belongs to no stage; add it to STAGES in {__file__}")


def imports(module: str, source: str | None = None) -> list[tuple[str, int, bool]]:
    """(imported package module, line, inside a function) for every import of `module`."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source, str(path))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from build_site.clean import dates` imports the module build_site.clean.dates
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            if target == "build_site" or target.startswith("build_site."):
                while target not in MODULES and "." in target:
                    target = target.rpartition(".")[0]
                found.append((target, node.lineno, id(node) in in_function))
    return found


GRAPH = {m: imports(m) for m in MODULES}


def test_every_module_has_a_stage():
    for module in MODULES:
        if module != "build_site":
            stage_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_earlier_stages(module):
    if module == "build_site":
        return
    rank = stage_of(module)
    bad = []
    for target, line, _ in GRAPH[module]:
        if target == "build_site":
            continue
        if module in ONLY and target not in ONLY[module]:
            allowed = ", ".join(sorted(ONLY[module])) or "nothing of the package"
            bad.append(f"{MODULES[module]}:{line}: imports {target} (may import {allowed})")
        elif stage_of(target) > rank:
            bad.append(f"{MODULES[module]}:{line}: imports {target}, a later stage")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_inside_a_function(module):
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [
        f"{path}:{n.lineno}: {ast.unparse(n)} inside {f.name if hasattr(f, 'name') else 'lambda'}"
        for f in ast.walk(tree)
        if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for n in ast.walk(f)
        if isinstance(n, (ast.Import, ast.ImportFrom))
    ]
    assert not bad, "\n".join(bad)


def test_no_import_circle():
    edges = {m: sorted({t for t, _, _ in GRAPH[m] if t != m}) for m in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []
    circles: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in edges[m]:
            if state.get(t) == 1:
                circles.append(" → ".join(stack[stack.index(t) :] + [t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(MODULES):
        if m not in state:
            visit(m)
    assert not circles, "import circle(s):\n" + "\n".join(circles)


def test_the_walker_sees_hidden_and_relative_imports():
    src = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from build_site.render.renderer import Renderer\n"
        "def f():\n    from . import paths\n"
        "from ..link.index import Index\n"
    )
    assert sorted(imports("build_site.render.footnotes", src), key=lambda t: t[1]) == [
        ("build_site.render.renderer", 3, False),
        ("build_site.render.paths", 5, True),
        ("build_site.link.index", 6, False),
    ]


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=LONG_MODULES[m]))
        if m in LONG_MODULES
        else m
        for m in sorted(MODULES)
    ],
)
def test_module_length(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module]}: {lines} lines (at most {MAX_LINES}); split it"
