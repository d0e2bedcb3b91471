"""Exports never write over what they must not, and take every text the reader accepts
(issue 12, items 4, 8 and 9).

* the store, its -wal/-shm/-journal, its migration backups and the files in backups/ are
  refused as targets — by path, through symbolic and hard links, and by name ignoring case
  where the file system does — also when it is the change report's CSV that would land there;
* a read-only target is refused (TargetReadOnly; the command line without --force), and
  replaced, staying read-only, when asked;
* leftover .part files of a killed export are removed by the next export into the folder,
  while files of a live export, newer files and other people's files stay;
* control characters, a vertical tab, a form feed, an escape and titles over 255 characters
  go through every format; the .docx maps what XML cannot hold, the text keeps them;
* CSV cells that start like a formula are neutralised;
* the Word export's fast body writes the same XML as python-docx's own API.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from yearbook_editor.core.edits import SetBlockText, apply_edit, verify_volume
from yearbook_editor.core.errors import TargetReadOnly, WouldOverwriteStore
from yearbook_editor.core.export import (
    FORMATS,
    ExportOptions,
    _atomic,
    _guard,
    export_docx,
    export_report,
    export_text,
    import_json,
    word,
)
from yearbook_editor.core.export.document import ExportDocument, Item, build_document
from yearbook_editor.core.export.report import csv_path, spreadsheet_safe
from yearbook_editor.core.reading import read_source
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file, import_source

from ..conftest import DATA

SAMPLE = Path(__file__).resolve().parents[2] / "yearbook_editor" / "resources" / "sample" / "河西区年鉴2021-示例.txt"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "年鉴.db"
    with Store(path) as s:
        s.vid = import_file(s, DATA / "small_volume.txt").volume_id
        yield s


def _intact(store: Store) -> None:
    assert store.integrity_ok() and verify_volume(store, store.vid) == []


# -- the store's own files ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["年鉴.db", "年鉴.db-wal", "年鉴.db-shm", "年鉴.db-journal", "年鉴.db.v2.bak",
                                  "年鉴.db.damaged-20261205-101010",
                                  "年鉴.db.before-restore-20261205-101010"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_export_onto_the_store_or_its_companions_is_refused(store, tmp_path, name, fmt):
    exporter = FORMATS[fmt].export
    before = store.path.read_bytes()
    with pytest.raises(WouldOverwriteStore) as e:
        exporter(store, store.vid, tmp_path / name)
    assert "资料库" in str(e.value) and "\n" not in str(e.value)
    assert store.path.read_bytes() == before
    _intact(store)


@pytest.mark.posix  # symbolic links need administrator rights on Windows
def test_links_to_the_store_and_the_backups_folder_are_refused(store, tmp_path):
    (tmp_path / "link.txt").symlink_to(store.path)
    (tmp_path / "wal-link.txt").symlink_to(tmp_path / "年鉴.db-wal")  # dangling or not: the WAL's name
    os.link(store.path, tmp_path / "hard.txt")
    backups = tmp_path / "backups"
    backups.mkdir()
    (tmp_path / "folder-link").symlink_to(tmp_path)
    for target in (tmp_path / "link.txt", tmp_path / "wal-link.txt", tmp_path / "hard.txt",
                   backups / "年鉴.db.20261205-101010.bak", backups / "anything.txt",
                   tmp_path / "folder-link" / "年鉴.db-shm", tmp_path / "sub" / ".." / "年鉴.db"):
        with pytest.raises(WouldOverwriteStore):
            export_text(store, store.vid, target)
    _intact(store)
    export_text(store, store.vid, tmp_path / "年鉴.db.txt")  # a name beside the store is fine
    assert (tmp_path / "年鉴.db.txt").read_text(encoding="utf-8")


def test_names_differing_in_case_are_the_store_where_the_file_system_ignores_case(tmp_path, monkeypatch):
    with Store(tmp_path / "Yearbook.db") as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
        # this file system tells case apart: another case is another file
        assert not _guard._ignores_case(tmp_path, "Yearbook.db")
        export_text(s, vid, tmp_path / "YEARBOOK.DB-WAL")
        monkeypatch.setattr(_guard, "_ignores_case", lambda folder, name: True)
        for name in ("YEARBOOK.DB", "yearbook.db-wal", "YearBook.DB-SHM"):
            with pytest.raises(WouldOverwriteStore):
                export_text(s, vid, tmp_path / name)


def test_the_report_csv_landing_on_the_store_is_refused_before_anything_is_written(tmp_path):
    with Store(tmp_path / "edits.csv") as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
        with pytest.raises(WouldOverwriteStore):
            export_report(s, vid, tmp_path / "edits.html")
        assert not (tmp_path / "edits.html").exists() and s.integrity_ok()
    assert csv_path("r.csv") == Path("r.csv.csv") and csv_path("r.html") == Path("r.csv")


def test_the_command_line_refuses_the_store_as_output_in_one_sentence(store, capsys):
    from yearbook_editor.cli import main

    for fmt in ("text", "report"):
        target = store.path if fmt == "text" else store.path.with_name("年鉴.db-wal")
        assert main(["--db", str(store.path), "-q", "export", "1", "--format", fmt, "-o", str(target)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("错误：") and "资料库" in err and "\n" not in err
    _intact(store)


# -- read-only targets ----------------------------------------------------------------------


def test_a_read_only_target_is_refused_unless_asked_and_stays_read_only(store, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(TargetReadOnly) as e:
        export_text(store, store.vid, target)
    assert "只读" in str(e.value)
    assert target.read_text(encoding="utf-8") == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    export_text(store, store.vid, target, options=ExportOptions(replace_read_only=True))
    assert target.read_text(encoding="utf-8") != "old"
    assert not stat.S_IMODE(target.stat().st_mode) & 0o222  # still read-only


def test_a_read_only_report_csv_refuses_the_whole_report(store, tmp_path):
    (tmp_path / "r.csv").write_text("old", encoding="utf-8")
    (tmp_path / "r.csv").chmod(0o444)
    with pytest.raises(TargetReadOnly):
        export_report(store, store.vid, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_the_command_line_needs_force_for_a_read_only_target(store, tmp_path, capsys):
    from yearbook_editor.cli import main

    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    args = ["--db", str(store.path), "-q", "export", "1", "--format", "markdown", "-o", str(target)]
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert "只读" in err and "--force" in err and "\n" not in err
    assert target.read_text(encoding="utf-8") == "old"
    assert main(args + ["--force"]) == 0
    assert target.read_text(encoding="utf-8") != "old"


# -- leftover .part files -----------------------------------------------------------------


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_stale_part_files_are_cleaned_and_live_or_foreign_ones_kept(store, tmp_path):
    old = time.time() - 3600
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = tmp_path / f".out.txt.yearbook-export-{_dead_pid()}-abcd1234.part"
        live = tmp_path / f".out.txt.yearbook-export-{sleeper.pid}-abcd1234.part"
        fresh = tmp_path / f".other.docx.yearbook-export-{_dead_pid()}-wxyz_789.part"
        foreign = tmp_path / ".out.txt.abcd1234.part"
        for f in (stale, live, fresh, foreign):
            f.write_bytes(b"half")
        for f in (stale, live, foreign):
            os.utime(f, (old, old))
        os.utime(fresh, (time.time() + 60, time.time() + 60))  # newer than this process
        export_text(store, store.vid, tmp_path / "elsewhere.txt")
        left = {p.name for p in tmp_path.iterdir()}
        assert stale.name not in left
        assert {live.name, fresh.name, foreign.name} <= left
    finally:
        sleeper.kill()
        sleeper.wait()


def test_part_files_are_named_recognisably_even_for_long_names(store, tmp_path, monkeypatch):
    seen = []
    real = _atomic._temporary

    def spy(folder, name):
        fd, tmp = real(folder, name)
        seen.append(Path(tmp).name)
        return fd, tmp

    monkeypatch.setattr(_atomic, "_temporary", spy)
    long_name = "长" * 80 + ".txt"  # 240 bytes: the temporary name must stay under 255
    export_text(store, store.vid, tmp_path / long_name)
    assert len(seen) == 1 and _atomic._PART.fullmatch(seen[0]) and len(seen[0].encode()) < 255
    assert (tmp_path / long_name).exists()


# -- every text the reader accepts --------------------------------------------------------

CONTROLS = "\x01\x0b\x0c\x1b\x7f"
LONG_TITLE = "城市建设与管理" * 45  # 315 characters


def _hostile_volume(tmp_path) -> Path:
    body = [
        "编辑说明", "",
        "经济", "",
        f"【{LONG_TITLE}】本条目的标题很长。", "",
        "农业", "",
        "【控制字符】全区粮食\x01产量\x0b增长\x0c三成\x1b，\x7f比上年增加。", "",
        "=HYPERLINK(\"http://example.invalid\",\"点这里\") 这一段以等号开头。", "",
    ]
    path = tmp_path / "hostile.txt"
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def test_every_format_takes_control_characters_and_long_titles(tmp_path):
    with Store(tmp_path / "s.db") as s:
        source = read_source(_hostile_volume(tmp_path))
        vid = import_source(s, source, title="很长的卷名\x01" + LONG_TITLE).volume_id
        texts = [r["text"] for r in s.query("SELECT text FROM blocks WHERE volume_id = ?", (vid,))]
        assert any("\x01" in t for t in texts) and any("\x0b" in t for t in texts)  # the reader kept them
        for fmt in FORMATS.values():
            fmt.export(s, vid, tmp_path / f"out{fmt.suffix}")
        text = (tmp_path / "out.txt").read_text(encoding="utf-8")
        assert "粮食\x01产量\x0b增长\x0c三成\x1b，\x7f比上年" in text  # legal in text: kept as they are
        assert LONG_TITLE in text
        export_text(s, vid, tmp_path / "gb.txt", options=ExportOptions(encoding="gb18030"))
        assert "产量\x0b增长" in (tmp_path / "gb.txt").read_text(encoding="gb18030")

        import docx

        d = docx.Document(str(tmp_path / "out.docx"))
        all_text = "\n".join(p.text for p in d.paragraphs)
        assert "粮食产量\n增长\n三成，\x7f比上年" in all_text  # VT, FF: line breaks; others dropped
        assert LONG_TITLE in all_text
        assert d.core_properties.title == ("很长的卷名" + LONG_TITLE)[:255]

        with Store(tmp_path / "again.db") as again:
            res = import_json(again, tmp_path / "out.json")
            assert verify_volume(again, res.volume_id) == []
            assert sorted(r["text"] for r in again.query("SELECT text FROM blocks")) == sorted(texts)


def test_xml_text_maps_only_what_xml_cannot_hold():
    assert word.xml_text("a\tb\nc\rd\x7f\x85\u2028") == "a\tb\nc\rd\x7f\x85\u2028"
    assert word.xml_text("a\x00\x01\x08b\x0bc\x0cd\x0e\x1f\ufffe\uffffe\ud800f") == "ab\nc\nde\ufffdf"


# -- spreadsheet formulas -------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+86 931", "'+86 931"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("人口 1+1", "人口 1+1"), ("", ""), (None, ""), (12, "12"),
])
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_report_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, _hostile_volume(tmp_path)).volume_id
        bid = s.scalar("SELECT id FROM blocks WHERE text LIKE '=HYPERLINK%'")
        for new in ("@SUM(1,2)", "-1 调整", "+cmd|' /C calc'!A0", "\t=1", "普通的改动"):
            old = s.scalar("SELECT text FROM blocks WHERE id = ?", (bid,))
            apply_edit(s, SetBlockText(bid, new), author="=evil()", reason="+reason")
        export_report(s, vid, tmp_path / "r.html")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 5
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert rows[0]["修改前"].startswith("'=HYPERLINK") and rows[0]["编辑"] == "'=evil()"
    assert rows[-1]["修改后"] == "普通的改动" and old == "\t=1"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "=evil()" in html and "'=evil()" not in html  # only the CSV is changed


# -- Word: the linear body writes what python-docx would --------------------------------------


def _document_xml(doc, monkeypatch, body_class, index=None) -> bytes:
    monkeypatch.setattr(word, "_Body", body_class)
    data = word.build_docx(doc, index=index)
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def _synthetic_document() -> ExportDocument:
    doc = ExportDocument(title="测试卷\x0c名", volume_id=1)
    add = doc.items.append
    add(Item("heading", "经济", 1, "", 1, "category", 1, True))
    add(Item("entry_title", "【农业】", 2, "", 2, "entry", 2, True))
    add(Item("paragraph", "粮食 增产\t一成\n第二行\r第三行 ", 3, "", 2, "entry", 2, False))
    for n, row in enumerate(["项目  2019  2020", "粮食  10  11", "蔬菜\t5\t6"]):
        add(Item("row", row, 4 + n, "", 2, "entry", 2, False))
    add(Item("paragraph", "表后一段\x01\x1b。", 10, "", 2, "entry", 2, False))
    add(Item("row", "不成表的一行", 11, "", 2, "entry", 2, False))
    add(Item("heading", "分目", 12, "", 3, "division", 2, True))
    add(Item("heading", "深层", 13, "", 4, "division", 12, True))
    add(Item("entry_title", "【无正文】", 14, "", 5, "entry", 3, True))
    add(Item("paragraph", "", 15, "", 5, "entry", 3, False))
    return doc


def test_the_fast_word_body_writes_the_same_xml_as_python_docx(tmp_path, monkeypatch):
    from yearbook_editor.core.subject_index import IndexRef, IndexTerm

    doc = _synthetic_document()
    index = [IndexTerm(1, "农业", [IndexRef(2, "经济 › 【农业】"), IndexRef(99, "不在文中 › 别处", 7, True)]),
             IndexTerm(2, "深层\x01", [IndexRef(4, "经济 › 分目 › 深层")])]
    fast = _document_xml(doc, monkeypatch, word._Body, index)
    assert fast == _document_xml(doc, monkeypatch, word.PythonDocxBody, index)
    assert b"<w:tbl>" in fast and b"Heading9" in fast  # a table; depth 12 clamped to level 9
    assert fast.count(b"PAGEREF") == 2 + 3  # two indexed nodes in the document; 类目, 分目 and the index in the contents
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, SAMPLE).volume_id
        sample = build_document(s, vid)
    assert _document_xml(sample, monkeypatch, word._Body) == _document_xml(sample, monkeypatch, word.PythonDocxBody)


def test_export_docx_writes_a_document_word_can_open(store, tmp_path):
    export_docx(store, store.vid, tmp_path / "v.docx")
    import docx

    d = docx.Document(str(tmp_path / "v.docx"))
    assert any(p.style.name.startswith("Heading") for p in d.paragraphs)
