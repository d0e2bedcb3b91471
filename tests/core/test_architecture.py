"""The core and the command line stay free of Qt."""

import ast
import subprocess
import sys
from pathlib import Path

import yearbook_editor

PKG = Path(yearbook_editor.__file__).parent


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


def test_core_and_cli_modules_do_not_import_qt_or_gui():
    files = list((PKG / "core").rglob("*.py")) + [PKG / "cli.py"]
    assert len(files) > 5
    for f in files:
        for name in _imports(f):
            assert not name.startswith(("PySide6", "shiboken6")), f"{f} imports {name}"
            assert "gui" not in name.split("."), f"{f} imports {name}"


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, yearbook_editor.cli, yearbook_editor.core.volumes, yearbook_editor.core.export;"
        "import yearbook_editor.core.edits, yearbook_editor.core.structure;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
