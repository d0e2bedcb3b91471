"""Security of a desktop tool (issue 8): no SQL built from user text, safe export names,
no network connections.

(Rich text in the interface — a volume holding ``<img src=…>`` or ``<b>`` shown literally —
is tested with the widgets in tests/gui/.)
"""

from __future__ import annotations

import ast
import os
import re
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yearbook_editor.core.edits import FieldValue, RestoreFields, apply_edit
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.export.filenames import safe_filename
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file, resolve_volume

from ..conftest import DATA

PACKAGE = Path(__file__).resolve().parents[2] / "yearbook_editor"
SOURCES = sorted((PACKAGE / "core").rglob("*.py")) + sorted((PACKAGE / "cli").rglob("*.py"))

# -- no SQL built from user text ----------------------------------------------------------

_SQL_CALLS = {"execute", "executemany", "executescript", "query", "scalar"}
_CONSTANT = re.compile(r"_?[A-Z][A-Z0-9_]*$")
#: Interpolated names that are not constants, each reviewed: (file, name) → why it is safe.
REVIEWED = {
    ("store.py", "sql"): "Store.query/scalar: the parameterised wrapper itself (callers are scanned)",
    ("store.py", "statement"): "migration scripts: constants in migrations.py",
    ("store.py", "number"): "the migration step number, an int from range()",
    ("store.py", "busy_timeout_ms"): "wrapped in int()",
    ("base.py", "name"): "an edit's field name (core/edits/base.py): set_field checks it against the target's "
                         "fields before any UPDATE; get_field checks it before reading (a bad name is refused "
                         "before anything is written: tested)",
    ("search.py", "select"): "_cached_rows: the constant SELECT … JOIN text built in search()",
    ("search.py", "filters_sql"): "_cached_rows: search()'s WHERE terms, constants and '?' placeholders only "
                                  "(every user value goes in params)",
}


def _calls_with_scope(tree):
    """(call, innermost enclosing function or the module) for every SQL-running call."""
    scope_of = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            scope_of.setdefault(node, tree)
    for fn in ast.walk(tree):  # outer functions come first, inner ones overwrite
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, ast.Call):
                    scope_of[node] = fn
    for call, scope in scope_of.items():
        if isinstance(call.func, ast.Attribute) and call.func.attr in _SQL_CALLS and call.args:
            yield call, scope


def _assignments(scope, name: str):
    """Every expression assigned or appended to ``name`` in ``scope``."""
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            yield node.value
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name) \
                and node.target.id == name and node.value is not None:
            yield node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("append", "extend")
              and isinstance(node.func.value, ast.Name) and node.func.value.id == name):
            yield from node.args


def _params(scope) -> set[str]:
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = scope.args
        return {x.arg for x in [*a.posonlyargs, *a.args, *a.kwonlyargs]}
    return set()


def _unsafe_parts(expr, scope, seen: set) -> list[str]:
    """Names in an SQL-building expression that may carry text from outside the program."""
    out: list[str] = []

    def visit(e, in_format: bool):
        if isinstance(e, ast.Constant):
            return
        if isinstance(e, ast.JoinedStr):
            for v in e.values:
                if isinstance(v, ast.FormattedValue):
                    visit(v.value, True)
            return
        if isinstance(e, ast.BinOp):
            if isinstance(e.op, ast.Mult) and isinstance(e.left, ast.Constant) and e.left.value == "?":
                return  # '?' * len(x): placeholders
            visit(e.left, in_format)
            visit(e.right, in_format)
            return
        if isinstance(e, ast.IfExp):
            visit(e.body, in_format)
            visit(e.orelse, in_format)
            return
        if isinstance(e, ast.Call):
            f = e.func
            if isinstance(f, ast.Name) and f.id in ("int", "float", "len"):
                return
            if isinstance(f, ast.Attribute) and f.attr == "join":
                visit(f.value, in_format)
                for a in e.args:
                    visit(a, in_format)
                return
            if isinstance(f, ast.Attribute) and f.attr == "format":
                out.append(ast.unparse(e))
                return
            out.append(ast.unparse(e))
            return
        if isinstance(e, ast.Subscript):
            if isinstance(e.value, ast.Name) and _CONSTANT.match(e.value.id):
                return  # a constant mapping: an unknown key raises KeyError, nothing reaches SQL
            visit(e.value, in_format)
            return
        if isinstance(e, ast.Attribute):
            if isinstance(e.value, ast.Name) and e.value.id[:1].isupper():
                return  # an enum member or class constant, e.g. BlockKind.NOISE
            out.append(ast.unparse(e))
            return
        if isinstance(e, (ast.List, ast.Tuple, ast.GeneratorExp, ast.ListComp)):
            for sub in ast.iter_child_nodes(e):
                if isinstance(sub, ast.expr):
                    visit(sub, in_format)
            return
        if isinstance(e, ast.Dict):
            for k in e.keys:
                if k is not None and not isinstance(k, ast.Constant):
                    out.append(ast.unparse(k))
            return
        if isinstance(e, ast.Name):
            if _CONSTANT.match(e.id):
                return
            if e.id in seen:
                return
            seen.add(e.id)
            values = list(_assignments(scope, e.id))
            if e.id in _params(scope) or not values:
                out.append(e.id)
                return
            for v in values:
                visit(v, in_format)
            return
        out.append(ast.unparse(e))

    visit(expr, False)
    return out


def sql_interpolations() -> list[tuple[str, int, str]]:
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, scope in _calls_with_scope(tree):
            for name in _unsafe_parts(node.args[0], scope, set()):
                found.append((path.name, node.lineno, name))
    return sorted(set(found))


def test_no_sql_is_built_from_text_that_comes_from_outside():
    found = sql_interpolations()
    unreviewed = [f for f in found if (f[0], f[2]) not in REVIEWED]
    assert unreviewed == [], (
        "SQL built with values that may come from outside (use ? parameters, or review the name and add it "
        f"to REVIEWED with the reason): {unreviewed}"
    )


def test_the_scan_finds_sql_built_from_a_parameter():
    tree = ast.parse("def find(store, title):\n    sql = 'SELECT * FROM volumes WHERE title = '\n"
                     "    sql += f\"'{title}'\"\n    return store.query(sql)\n")
    fn = tree.body[0]
    call = next(n for n in ast.walk(fn) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "query")
    assert _unsafe_parts(call.args[0], fn, set()) == ["title"]


def test_an_edit_naming_an_unknown_field_writes_nothing(tmp_path):
    with Store(tmp_path / "s.db") as s:
        import_file(s, DATA / "small_volume.txt")
        b = s.scalar("SELECT min(id) FROM blocks")
        for field in ("text = 'x' --", "(SELECT group_concat(text) FROM sources)", "id; DROP TABLE volumes"):
            with pytest.raises((YearbookError, ValueError, KeyError)):
                apply_edit(s, RestoreFields((FieldValue("block", b, field, "x", None),)), author="t")
        assert s.scalar("SELECT count(*) FROM revisions") == 0
        assert s.scalar("SELECT count(*) FROM volumes") == 1 and s.integrity_ok()


HOSTILE_QUERIES = ["'); DROP TABLE volumes; --", "%", "_", '"', "C-919", "'", "\\", "*", "NEAR(", "a OR b",
                   '"年鉴" AND', "人口 NOT 民族", "^", "{", "?", ":1", "$x", "\x00", "年%鉴", "1=1", "[", "】【"]


@pytest.fixture(scope="module")
def store_with_volume(tmp_path_factory):
    path = tmp_path_factory.mktemp("sec") / "s.db"
    with Store(path) as s:
        text = (DATA / "small_volume.txt").read_text(encoding="utf-8")
        src = path.parent / "C-919 年鉴%_.txt"
        src.write_text(text + "\n【型号】C-919 大型客机，100% 国产化 a_b \"引号\" 'quote'。\n", encoding="utf-8")
        vid = import_file(s, src).volume_id
        yield s, vid


def _intact(s):
    assert s.integrity_ok()
    assert {"volumes", "blocks", "nodes", "revisions", "sources"} <= set(s.db.table_names())
    assert s.scalar("SELECT count(*) FROM volumes") == 1


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_search_like_input_goes_through_find_and_resolve_safely(store_with_volume, q):
    from yearbook_editor.core import find

    s, vid = store_with_volume
    for query in (find.Query(q), find.Query(q, match_case=True), find.Query(q, match_width=True)):
        hits = find.find_all(s, vid, query)
        text = " ".join(r["text"] for r in s.query("SELECT text FROM blocks WHERE volume_id = ? AND kind != 'noise'",
                                                    (vid,)))
        if q and q.strip() and not query.match_width and q.isascii():
            assert (len(hits) > 0) == (q.lower() in text.lower())
    try:
        resolve_volume(s, q)
    except YearbookError:
        pass
    _intact(s)


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_search_like_input_goes_through_the_search_index_safely(store_with_volume, q):
    search = pytest.importorskip("yearbook_editor.core.search")
    s, vid = store_with_volume
    try:
        search.ensure_search_index(s, vid)
    except YearbookError:
        pass
    try:
        result = search.search(s, q)
    except YearbookError:
        result = None  # refused with a sentence (e.g. an empty query): fine
    if result is not None and q in ("C-919", "%", "_", '"'):
        assert result.hits, q  # the literal text is found, the characters are not operators
    _intact(s)


@pytest.mark.parametrize("q", ["'); DROP TABLE volumes; --", "%", "_", '"', "C-919"])
def test_search_like_input_through_the_command_line(store_with_volume, q, capsys):
    from yearbook_editor import cli

    s, _vid = store_with_volume
    for argv in (["outline", q], ["history", "1", q], ["export", "1", "--node", q, "-o", str(s.path.parent / "o.txt")]):
        code = cli.main(["--db", str(s.path), "-q", *argv])
        err = capsys.readouterr().err
        assert code in (0, 1) and "Traceback" not in err and "程序内部出错" not in err, (argv, err)
    _intact(s)


# -- export names -------------------------------------------------------------------------

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _assert_safe(name: str, suffix: str) -> None:
    assert name and name == name.strip()
    assert "/" not in name and "\\" not in name and os.sep not in name
    assert ".." not in name
    assert not re.search(r'[<>:"|?*\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]', name)
    assert Path(name).name == name and not Path(name).is_absolute()
    assert name.split(".")[0].upper() not in _WINDOWS_RESERVED
    assert len(name.encode("utf-8")) <= 200
    assert not name.startswith((".", " ")) and not name.endswith((" ", "."))
    if suffix:
        assert name.endswith(suffix)


@pytest.mark.parametrize("title, expected", [
    ("../../etc/x", "etc_x.txt"),
    ("CON", "_CON.txt"),
    ("con.tar", "_con.tar.txt"),
    ("a/b:c*?", "a_b_c.txt"),
    ("兰州市城关区年鉴（2020）", "兰州市城关区年鉴（2020）.txt"),
    ("", "未命名卷册.txt"),
    ("..", "未命名卷册.txt"),
    ("txt\u202eexe", "txt_exe.txt"),
    ("C:\\Windows\\system32", "C_Windows_system32.txt"),
])
def test_safe_filename_examples(title, expected):
    assert safe_filename(title, ".txt") == expected
    _assert_safe(safe_filename(title, ".txt"), ".txt")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400), st.sampled_from([".txt", ".md", ".docx", ".json", ".html", "", "txt"]))
def test_safe_filename_is_safe_for_any_title(title, suffix):
    name = safe_filename(title, suffix)
    _assert_safe(name, "." + suffix.lstrip(".") if suffix else "")


def test_a_safe_name_can_be_written_in_a_folder_and_stays_in_it(tmp_path):
    from yearbook_editor.core.export._atomic import write_atomic

    for title in ("../../escape", "/etc/passwd", "a/b:c*?", "CON", "x" * 400, "年鉴\u202e", "\x00"):
        name = safe_filename(title, ".txt")
        write_atomic(tmp_path / name, b"ok")
        assert (tmp_path / name).resolve().parent == tmp_path.resolve()


# -- no network ---------------------------------------------------------------------------

_NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
                    "telnetlib", "xmlrpc", "asyncio", "websocket", "websockets", "urllib3", "imaplib", "poplib"}


def test_the_core_and_the_command_line_import_no_network_module():
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [(path.name, n) for n in names if n.split(".")[0] in _NETWORK_MODULES]
    assert found == []


def test_import_check_and_export_make_no_network_connection(tmp_path, monkeypatch, capsys):
    from yearbook_editor import cli

    attempts = []

    def refuse(*a, **k):
        attempts.append(a)
        raise OSError("network use is not allowed in this test")

    class NoSocket(socket.socket):
        def __init__(self, *a, **k):
            refuse(*a)

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    db = str(tmp_path / "s.db")
    assert cli.main(["--db", db, "-q", "import", str(DATA / "small_volume.txt")]) == 0
    commands = [["list"], ["outline", "1"], ["stats", "1"], ["history", "1"]]
    if "check" in cli.COMMANDS:
        commands.append(["check", "1"])
    for fmt, suffix in (("text", ".txt"), ("markdown", ".md"), ("docx", ".docx"), ("json", ".json"),
                        ("report", ".html")):
        commands.append(["export", "1", "--format", fmt, "-o", str(tmp_path / f"out{suffix}")])
    commands.append(["import", str(tmp_path / "out.json")])
    for argv in commands:
        code = cli.main(["--db", db, "-q", *argv])
        assert code == 0, (argv, capsys.readouterr().err)
    assert attempts == []
