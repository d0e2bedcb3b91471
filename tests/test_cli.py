"""The command line, run as an editor would run it."""

import ast
import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import yearbook_editor.cli
from yearbook_editor.cli import build_parser, main
from yearbook_editor.cli.console import output_encoding, pipe_encoding
from yearbook_editor.core.export import ENCODINGS, FORMATS

from .conftest import DATA, EVAL, docx_page_sizes, seed_path

CLI_PACKAGE = Path(yearbook_editor.cli.__file__).parent

SMALL = DATA / "small_volume.txt"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_outline_stats_export_history(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    code, out, _err = run(capsys, "--db", db, "import", str(SMALL))
    assert code == 0 and out.startswith("1\t")
    code, out, _ = run(capsys, "--db", db, "import", str(SMALL))
    assert code == 0 and "未重复导入" in out
    code, out, _ = run(capsys, "--db", db, "list")
    assert code == 0 and "small_volume.txt" in out and len(out.strip().splitlines()) == 2
    code, out, _ = run(capsys, "--db", db, "outline", "1")
    assert code == 0 and "地理位置" in out and "人口民族" in out
    code, out, _ = run(capsys, "--db", db, "stats", "1", "--json")
    stats = json.loads(out)
    assert stats["entries"] == 3
    target = tmp_path / "out.txt"
    code, out, _ = run(capsys, "--db", db, "export", "1", "--format", "text", "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "【人口民族】 年末全县常住人口 31.5 万人，比上年末增加 0.3 万人。其中，城镇人口" in text
    assert "- 3 -" not in text
    code, out, _ = run(capsys, "--db", db, "history", "1")
    assert code == 0 and "没有修改记录" in out


def test_export_applies_revisions(tmp_path, capsys):
    from yearbook_editor.core.edits import SetBlockText, apply_edit
    from yearbook_editor.core.store import Store

    db = tmp_path / "s.db"
    run(capsys, "--db", str(db), "import", str(SMALL))
    with Store(db) as s:
        b = s.query("SELECT id, text FROM blocks WHERE instr(text, '1234') > 0 AND kind = 'paragraph'")[0]
        apply_edit(s, SetBlockText(b["id"], b["text"].replace("1234", "1243")), author="王", reason="据统计公报")
    out = tmp_path / "o.txt"
    assert run(capsys, "--db", str(db), "export", "1", "-o", str(out))[0] == 0
    assert "1243 平方千米" in out.read_text(encoding="utf-8")
    code, text, _ = run(capsys, "--db", str(db), "history", "1", "地理位置")
    assert code == 0 and "1243" in text and "据统计公报" in text and "王" in text


@pytest.mark.parametrize(
    "content, words",
    [(b"", "空的"), (b"\x00\x01\x02binary\x00", "不是文本文件")],
)
def test_bad_file_gets_message_and_nonzero_exit_and_nothing_stored(tmp_path, capsys, content, words):
    bad = tmp_path / "坏 文件.txt"
    bad.write_bytes(content)
    db = str(tmp_path / "s.db")
    code, out, err = run(capsys, "--db", db, "import", str(bad))
    assert code != 0 and words in err and "坏 文件.txt" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--db", db, "list")
    assert "还没有卷册" in out


def test_unknown_volume_and_newer_store(tmp_path, capsys):
    import sqlite3

    db = tmp_path / "s.db"
    code, _, err = run(capsys, "--db", str(db), "outline", "9")
    assert code == 1 and "没有卷册" in err
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    code, _, err = run(capsys, "--db", str(db), "list")
    assert code == 1 and "更新版本" in err


def test_entry_point_runs_as_a_program(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "yearbook_editor", "--db", str(tmp_path / "s.db"), "import", str(SMALL)],
        capture_output=True, encoding=pipe_encoding(),
    )
    assert r.returncode == 0, r.stderr
    assert "已导入" in r.stdout
    r = subprocess.run([sys.executable, "-m", "yearbook_editor.cli", "--db", str(tmp_path / "s.db"), "list"],
                       capture_output=True, encoding=pipe_encoding())
    assert r.returncode == 0 and "small_volume.txt" in r.stdout, r.stderr


def test_scorer_locates_export_of_000(tmp_path):
    """The issue's acceptance run: import 000, export text, the layout scorer finds and scores it."""
    src = seed_path("000")
    db = str(tmp_path / "s.db")
    assert main(["-q", "--db", db, "import", str(src)]) == 0
    out = tmp_path / "000.txt"
    assert main(["-q", "--db", db, "export", "1", "--format", "text", "-o", str(out)]) == 0
    r = subprocess.run(
        [sys.executable, str(EVAL / "score_layout.py"), str(EVAL / "000_L7428-7721.gold.txt"), str(out)],
        capture_output=True, encoding="utf-8", errors="replace",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("F1=")
    fields = dict(kv.split("=") for kv in last.split())
    assert float(fields["F1"]) > 0.8


@pytest.mark.parametrize("fmt, suffix, probe", [
    ("text", ".txt", "【地理位置】".encode()),
    ("markdown", ".md", "**【地理位置】**".encode()),
    ("docx", ".docx", b"PK"),
    ("json", ".json", b'"format": "yearbook_editor.volume"'),
    ("report", ".html", "修改报告".encode()),
])
def test_export_formats_from_the_command_line(tmp_path, capsys, fmt, suffix, probe):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "import", str(SMALL))
    out = tmp_path / f"out{suffix}"
    code, text, err = run(capsys, "--db", db, "export", "1", "--format", fmt, "-o", str(out))
    assert code == 0, err
    assert probe in out.read_bytes()
    if fmt == "json":
        other = str(tmp_path / "other.db")
        code, text, _ = run(capsys, "--db", other, "import", str(out))
        assert code == 0 and "已导入" in text
        code, text, _ = run(capsys, "--db", other, "stats", "1", "--json")
        assert json.loads(text)["entries"] == 3


def test_export_of_one_node(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "import", str(SMALL))
    out = tmp_path / "o.txt"
    code, _, err = run(capsys, "--db", db, "export", "1", "--node", "气候", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("【气候】")


# -- one registry for the export formats ---------------------------------------------------


def _export_action(option: str):
    export = next(a for a in build_parser()._subparsers._group_actions[0].choices.items() if a[0] == "export")[1]
    return next(a for a in export._actions if option in a.option_strings)


def test_export_choices_come_from_the_registry():
    assert _export_action("--format").choices == list(FORMATS)
    assert _export_action("--encoding").choices == list(ENCODINGS)


@pytest.mark.parametrize("fmt, encoding", [("markdown", "gb18030"), ("json", "gb18030"), ("docx", "utf-8")])
def test_an_encoding_the_format_is_not_written_in_is_refused(tmp_path, capsys, fmt, encoding):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "import", str(SMALL))
    out = tmp_path / f"o{FORMATS[fmt].suffix}"
    code, _, err = run(capsys, "--db", db, "export", "1", "--format", fmt, "--encoding", encoding, "-o", str(out))
    assert code == 1 and err.startswith("错误：") and err.count("\n") == 1 and fmt in err, err
    assert not out.exists()


def test_gb18030_text_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "import", str(SMALL))
    out = tmp_path / "o.txt"
    assert run(capsys, "--db", db, "export", "1", "--encoding", "gb18030", "-o", str(out))[0] == 0
    assert "【人口民族】" in out.read_bytes().decode("gb18030")


# -- the tag, search and index commands ---------------------------------------------------


def test_tag_search_and_index_commands(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "import", str(SMALL))
    code, out, err = run(capsys, "--db", db, "tag", "add", "1", "人口民族", "气候", "--tag", "人口", "--group", "index")
    assert code == 0 and "2 个节点" in out, err
    code, out, _ = run(capsys, "--db", db, "tag", "nodes", "1", "人口")
    assert code == 0 and len(out.strip().splitlines()) == 2 and "人口民族" in out and "气候" in out
    code, out, _ = run(capsys, "--db", db, "index", "1")
    assert code == 0 and out.startswith("人口\t") and "人口民族" in out
    code, out, _ = run(capsys, "--db", db, "search", "城镇化率", "--tag", "人口")
    assert code == 0 and "〖城镇化率〗" in out
    code, out, _ = run(capsys, "--db", db, "history", "1", "气候")
    assert code == 0 and "tag:" in out
    code, _, err = run(capsys, "--db", db, "tag", "nodes", "1", "没有这个标签")
    assert code == 1 and "没有标签" in err


# -- the package itself -------------------------------------------------------------------

_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|REPLACE INTO)\b")


def _strings_and_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    private = [(n.module, a.name) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
               for a in n.names if a.name.startswith("_") and not a.name.endswith("__")]
    return strings, private


def test_the_command_line_holds_no_sql_and_imports_no_private_names():
    files = sorted(CLI_PACKAGE.glob("*.py"))
    assert {f.stem for f in files} >= {"__init__", "__main__", "volumes", "checks", "tags", "store", "common"}
    for f in files:
        strings, private = _strings_and_imports(f)
        assert [s for s in strings if _SQL.search(s)] == [], f
        assert private == [], f


def test_every_command_has_one_handler():
    from yearbook_editor.cli import COMMANDS, store

    parser_commands = set(build_parser()._subparsers._group_actions[0].choices)
    assert parser_commands == set(COMMANDS) | set(store.PATH_COMMANDS)
    assert not set(COMMANDS) & set(store.PATH_COMMANDS)


# -- output on any console or pipe (issue 18) ---------------------------------------------

#: characters GBK lacks: a list bullet (48 times in 000) and a rare name character
OUTSIDE_GBK = "•䶮"


@pytest.fixture(scope="module")
def volume_outside_gbk(tmp_path_factory):
    """A store whose volume (title, headings, text, a revision) holds characters GBK lacks."""
    from yearbook_editor.core.edits import SetBlockText, apply_edit
    from yearbook_editor.core.store import Store
    from yearbook_editor.core.structure import find_node, node_blocks

    folder = tmp_path_factory.mktemp("gbk")
    text = SMALL.read_text(encoding="utf-8").replace("东与甲县接壤", "东与甲县•䶮村接壤").replace("【气候】", "【气候•䶮】")
    assert all(c in text for c in OUTSIDE_GBK)
    src = folder / "䶮 卷.txt"
    src.write_text(text, encoding="utf-8")
    db = folder / "资料 库.db"
    assert main(["-q", "--db", str(db), "import", str(src)]) == 0
    with Store(db) as s:
        block = node_blocks(s, find_node(s, 1, "人口民族"))[-1]
        apply_edit(s, SetBlockText(block["id"], block["text"] + "（据•䶮乡统计）"), author="䶮编辑", reason="核对")
    return db


@pytest.mark.parametrize("argv, expected", [
    (["check", "1"], "•"),
    (["check", "1", "--format", "json"], "•"),
    (["check", "1", "--format", "csv"], "•"),
    (["search", "䶮"], "䶮"),
    (["outline", "1"], "䶮"),
    (["history", "1"], "•䶮"),
])
def test_output_into_a_gbk_pipe_never_fails(volume_outside_gbk, argv, expected):
    """Chinese Windows writes pipes and redirected files in GBK (cp936): the output comes as
    GB18030, which is GBK for every character GBK has and still holds • and 䶮."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    env.update(PYTHONPATH=os.pathsep.join(sys.path), PYTHONIOENCODING="gbk")
    r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--db", str(volume_outside_gbk), "-q", *argv],
                       capture_output=True, env=env, timeout=120)
    err = r.stderr.decode("gb18030")
    assert r.returncode == 0 and "错误" not in err, err
    out = r.stdout.decode("gb18030")
    assert all(c in out for c in expected), out
    gbk_part = r.stdout
    for c in OUTSIDE_GBK:
        gbk_part = gbk_part.replace(c.encode("gb18030"), b"")
    gbk_part.decode("gbk")  # a program reading GBK reads all the rest
    if "json" in argv:
        assert json.loads(out)
    if "csv" in argv:
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][0] == "id" and all(len(row) == len(rows[0]) for row in rows)


def test_an_output_encoding_can_be_chosen(volume_outside_gbk):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), PYTHONIOENCODING="gbk")
    r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--db", str(volume_outside_gbk), "-q",
                        "--output-encoding", "utf-8", "outline", "1"], capture_output=True, env=env, timeout=120)
    assert r.returncode == 0 and "䶮" in r.stdout.decode("utf-8")
    r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--output-encoding", "no-such-codec", "list"],
                       capture_output=True, env=env, timeout=120)
    assert r.returncode == 2 and "no-such-codec" in r.stderr.decode("gb18030")


@pytest.mark.parametrize("stream, written", [
    ("utf-8", "utf-8"), ("UTF-16", "utf-16"), ("gbk", "gb18030"), ("cp936", "gb18030"), ("gb2312", "gb18030"),
    ("gb18030", "gb18030"), ("cp1252", "utf-8"), ("big5", "utf-8"), ("ascii", "utf-8"),
])
def test_output_encoding_rule(stream, written):
    assert output_encoding(stream) == written
    assert output_encoding(stream, "utf-8") == "utf-8"


def test_csv_to_a_windows_stream_has_no_doubled_line_ends(volume_outside_gbk, monkeypatch):
    """Windows' stdout turns "\n" into "\r\n"; csv's own "\r\n" became "\r\r\n" (a blank row
    after each finding in Excel)."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["-q", "--db", str(volume_outside_gbk), "check", "1", "--format", "csv"]) == 0
    stream.flush()
    data = raw.getvalue()
    assert b"\r\r\n" not in data and data.count(b"\n") == data.count(b"\r\n") > 2
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0][0] == "id" and all(len(row) == len(rows[0]) for row in rows)


def test_sample_and_a_titled_import_go_through_the_use_cases(tmp_path, capsys):
    from yearbook_editor.core.resources import SAMPLE_TITLE

    db = str(tmp_path / "s.db")
    code, out, err = run(capsys, "--db", db, "sample")
    assert code == 0 and out == f"1\t{SAMPLE_TITLE}\t已导入\n", err
    assert run(capsys, "--db", db, "sample")[1] == f"1\t{SAMPLE_TITLE}\t已在资料库中\n"
    code, out, _ = run(capsys, "--db", db, "import", str(SMALL), "--title", "试用卷")
    assert code == 0 and out.startswith("2\t试用卷\t已导入")
    code, _, err = run(capsys, "--db", db, "import", str(SMALL), str(SMALL), "--title", "两个")
    assert code == 1 and "--title" in err


def test_a_store_in_a_synced_folder_or_on_a_share_is_opened_with_a_warning(tmp_path, capsys, monkeypatch):
    from yearbook_editor.core import location

    synced = tmp_path / "坚果云" / "年鉴 资料库.db"
    synced.parent.mkdir()
    code, out, err = run(capsys, "--db", str(synced), "import", str(SMALL))
    assert code == 0 and out.startswith("1\t")
    warnings = [line for line in err.splitlines() if line.startswith("警告：")]
    assert len(warnings) == 1 and "坚果云" in warnings[0] and "年鉴 资料库.db" in warnings[0]
    # a network file system mounted where the store lies (the mount table given to the check)
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(location, "_mounts", lambda system: [("/", "ext4"), (str(share.resolve()), "cifs")])
    code, out, err = run(capsys, "--db", str(share / "s.db"), "list")
    assert code == 0 and err.count("警告：") == 1 and "网络共享" in err
    # a local store: no warning
    code, out, err = run(capsys, "--db", str(tmp_path / "local.db"), "list")
    assert code == 0 and "警告" not in err


def test_word_export_on_16k_paper(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert run(capsys, "--db", db, "import", str(SMALL))[0] == 0
    for paper, size in ((None, (11906, 16838)), ("16k", (10431, 14740)), ("a4", (11906, 16838))):
        out = tmp_path / f"{paper}.docx"
        code, _, err = run(capsys, "--db", db, "export", "1", "--format", "docx", "-o", str(out),
                           *(["--paper", paper] if paper else []))
        assert code == 0, err
        assert set(docx_page_sizes(out)) == {size}  # 184 × 260 mm for 16开
    # a paper size for a format that has none is refused in one sentence
    code, _, err = run(capsys, "--db", db, "export", "1", "--format", "text", "--paper", "16k",
                       "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "纸张" in err and len(err.strip().splitlines()) == 1 and not (tmp_path / "x.txt").exists()


def test_history_shows_reason_codes_in_words_and_tags_store_codes(tmp_path, capsys):
    from yearbook_editor.core.edits import SetBlockText, apply_edit
    from yearbook_editor.core.store import Store

    db = str(tmp_path / "s.db")
    assert run(capsys, "--db", db, "import", str(SMALL))[0] == 0
    code, out, err = run(capsys, "--db", db, "tag", "add", "1", "--tag", "待核实", "地理位置")
    assert code == 0, err
    assert run(capsys, "--db", db, "tag", "remove", "1", "--tag", "待核实", "地理位置")[0] == 0
    with Store(db) as store:
        block = store.query("SELECT id, text FROM blocks WHERE text LIKE '%1234 平方千米%'")[0]
        apply_edit(store, SetBlockText(block["id"], block["text"].replace("1234", "1233")), author="编辑",
                   reason="replace_all")
        assert [r["reason"] for r in store.query("SELECT reason FROM revisions ORDER BY id")] == [
            "tag", "untag", "replace_all"]
    code, out, _ = run(capsys, "--db", db, "history", "1")
    assert code == 0
    assert "（加标签）" in out and "（去标签）" in out and "（全部替换）" in out and "replace_all" not in out
