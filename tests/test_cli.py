"""The command line, run as an editor would run it."""

import json
import subprocess
import sys

import pytest

from yearbook_editor.cli import main

from .conftest import DATA, EVAL, seed_path

SMALL = DATA / "small_volume.txt"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_outline_stats_export_history(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    code, out, err = run(capsys, "--db", db, "import", str(SMALL))
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
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "已导入" in r.stdout


def test_scorer_locates_export_of_000(tmp_path):
    """The issue's acceptance run: import 000, export text, the layout scorer finds and scores it."""
    src = seed_path("000")
    db = str(tmp_path / "s.db")
    assert main(["-q", "--db", db, "import", str(src)]) == 0
    out = tmp_path / "000.txt"
    assert main(["-q", "--db", db, "export", "1", "--format", "text", "-o", str(out)]) == 0
    r = subprocess.run(
        [sys.executable, str(EVAL / "score_layout.py"), str(EVAL / "000_L7428-7721.gold.txt"), str(out)],
        capture_output=True, text=True,
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
