"""Import directions: the core is Qt-free and imports neither the GUI nor the command line; the
command line does not import the GUI (it starts it by name, so it runs where Qt is missing); no
two core modules import each other, directly or round a longer circle — counting the imports
inside functions too, since a function-local import that closes a circle only hides it."""

import ast
import subprocess
import sys
from pathlib import Path

import yearbook_editor

from ..conftest import CHILD_ENCODING

PKG = Path(yearbook_editor.__file__).parent

#: circles known and owned elsewhere, each with what ends it; a new circle fails the test
KNOWN_CIRCLES: dict = {}  # none left: a circle found later is named here with the reason it stays


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PKG.rglob("*.py")}


def _cli_files() -> list[Path]:
    return sorted(p for p in PKG.glob("cli*.py")) + sorted((PKG / "cli").rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level and node.module:
            names.add("." * node.level + node.module)
    return names


def imported_modules(name: str, path: Path) -> set[str]:
    """The package's own modules that ``name`` imports anywhere in its text (a ``from pkg import
    sub`` counts as importing ``pkg.sub`` when that is a module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - (0 if path.name == "__init__.py" else 1)]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = {f"{target}.{a.name}" for a in node.names} & MODULES.keys()
            out.update(subs or ({target} & MODULES.keys()))
    out.discard(name)
    return out


def circles(prefix: str) -> list[frozenset[str]]:
    """The strongly connected groups (of more than one module) of the import graph under ``prefix``."""
    graph = {m: {t for t in imported_modules(m, p) if t.startswith(prefix)} for m, p in MODULES.items()
             if m.startswith(prefix)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_core_and_cli_modules_do_not_import_qt_or_gui():
    files = list((PKG / "core").rglob("*.py")) + _cli_files()
    assert len(files) > 5 and _cli_files()
    for f in files:
        for name in _imports(f):
            assert not name.startswith(("PySide6", "shiboken6")), f"{f} imports {name}"
            assert "gui" not in name.split("."), f"{f} imports {name}"


def test_the_core_does_not_import_the_command_line():
    for f in (PKG / "core").rglob("*.py"):
        for name in _imports(f):
            assert not any(part == "cli" or part.startswith("cli_") for part in name.lstrip(".").split(".")), \
                f"{f} imports {name}"


def test_no_import_circles_in_the_core():
    found = [sorted(c) for c in circles("yearbook_editor.core") if c not in KNOWN_CIRCLES]
    assert found == [], f"modules of the core that import each other: {found}"


def test_the_circle_finder_finds_a_circle(tmp_path, monkeypatch):
    a, b, c = tmp_path / "a.py", tmp_path / "b.py", tmp_path / "c.py"
    a.write_text("from .b import x\n", encoding="utf-8")
    b.write_text("def f():\n    from . import c\n", encoding="utf-8")
    c.write_text("import yearbook_editor.core.a\n", encoding="utf-8")
    fake = {"yearbook_editor.core.a": a, "yearbook_editor.core.b": b, "yearbook_editor.core.c": c}
    monkeypatch.setattr(sys.modules[__name__], "MODULES", fake)
    assert circles("yearbook_editor.core") == [frozenset(fake)]
    c.write_text("", encoding="utf-8")
    assert circles("yearbook_editor.core") == []


def test_the_edits_structure_and_volumes_import_in_one_direction():
    core = "yearbook_editor.core"
    assert not imported_modules(f"{core}.structure", MODULES[f"{core}.structure"]) & {m for m in MODULES if ".edits" in m}
    assert not imported_modules(f"{core}.volumes", MODULES[f"{core}.volumes"]) & {m for m in MODULES if ".edits" in m}


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, yearbook_editor.cli, yearbook_editor.core.volumes, yearbook_editor.core.export;"
        "import yearbook_editor.core.edits, yearbook_editor.core.structure;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, encoding=CHILD_ENCODING,
                         check=True).stdout
    assert out.strip() == "[]"
