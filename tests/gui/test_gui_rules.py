"""Rules that keep the desktop app's code easy to live in (issue 13): no SQL under gui/ (every
query is a function of the core module that owns the table), no module over 500 lines and no
function over 60, and controllers that never import the main window."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import yearbook_editor

GUI = Path(yearbook_editor.__file__).resolve().parent / "gui"
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+"
                 r"(TABLE|INDEX|VIEW|TRIGGER)|PRAGMA\s+\w+|BEGIN\s+(IMMEDIATE|DEFERRED))\b", re.S)
DB_CALL = re.compile(r"\b(store|conn|db)\w*['\"\]]*\s*\.\s*(query|scalar|execute|executemany|executescript)\s*\(")


def _sources():
    return sorted(GUI.rglob("*.py"))


def _sql_in(text: str) -> list[str]:
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.STRING and SQL.search(tok.string):
            found.append(f"line {tok.start[0]}: {tok.string[:60]}")
    found += [f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}" for m in DB_CALL.finditer(text)]
    return found


def test_the_guard_sees_sql():
    assert _sql_in('rows = store.query("SELECT id FROM nodes WHERE volume_id = ?", (v,))\n')
    assert _sql_in('n = state["store"].scalar(q)\n')
    assert _sql_in('sql = "DELETE FROM tags"\n')
    assert not _sql_in('label = "Select the nodes to tag in the outline first."\n')


def test_no_sql_under_gui():
    found = {p.relative_to(GUI).as_posix(): _sql_in(p.read_text(encoding="utf-8")) for p in _sources()}
    assert {k: v for k, v in found.items() if v} == {}, "move the query to the core module that owns the table"


#: modules of work in progress elsewhere (the export-format registry): their entry goes when they comply
NOT_YET = {"export_dialog.py"}


def test_no_module_over_500_lines_and_no_function_over_60():
    long_modules, long_functions = [], []
    for p in _sources():
        if p.relative_to(GUI).as_posix() in NOT_YET:
            continue
        text = p.read_text(encoding="utf-8")
        name = p.relative_to(GUI).as_posix()
        if text.count("\n") > 500:
            long_modules.append((name, text.count("\n")))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > 60:
                    long_functions.append((name, node.name, n))
    assert long_modules == [] and long_functions == []


def test_the_main_window_is_a_shell():
    assert (GUI / "main_window.py").read_text(encoding="utf-8").count("\n") <= 600


def test_controllers_talk_back_only_through_the_feedback_object():
    for p in sorted((GUI / "controllers").glob("*.py")):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(m.endswith("main_window") for m in imported), p.name
        reach = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute)
                 and n.value.attr == "parent" and getattr(n.value.value, "attr", "") == "feedback"]
        assert reach == [], f"{p.name} reaches into the window: {reach}"
