"""Exports: text, Markdown, Word, JSON (round trip), change report; atomic and cancellable."""

import csv
import io

import pytest

from yearbook_editor.core.edits import SetBlockText, SetNodeStatus, apply_edit, verify_volume
from yearbook_editor.core.errors import Cancelled
from yearbook_editor.core.export import (
    FORMATS,
    ExportOptions,
    export_docx,
    export_json,
    export_markdown,
    export_report,
    export_text,
    import_json,
    markdown,
)
from yearbook_editor.core.progress import Progress
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import load_outline, volume_stats, walk
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA, seed_path


@pytest.fixture(scope="module")
def store000(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "s.db"
    with Store(path) as s:
        vid = import_file(s, seed_path("000")).volume_id
        yield s, vid


@pytest.fixture
def small(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s, import_file(s, DATA / "small_volume.txt").volume_id


def outline_rows(store, vid):
    return [(n.depth, n.kind, n.title, n.status) for n in walk(load_outline(store, vid))]


def test_text_export_of_000_leaves_furniture_out(store000, tmp_path):
    store, vid = store000
    out = tmp_path / "000.txt"
    export_text(store, vid, out)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "- 8 -" not in lines and not any(line.strip() == "- 24 -" for line in lines)
    assert any(line.startswith("【人口民族】 年末全区常住人口 131.91 万人") for line in lines)
    assert "区 情 综 述" in lines


def test_text_export_gb18030(small, tmp_path):
    store, vid = small
    out = tmp_path / "gb.txt"
    export_text(store, vid, out, options=ExportOptions(encoding="gb18030"))
    assert "【地理位置】" in out.read_bytes().decode("gb18030")


def test_markdown_has_heading_levels_and_bold_entry_titles(small, tmp_path):
    store, vid = small
    out = tmp_path / "v.md"
    export_markdown(store, vid, out)
    md = out.read_text(encoding="utf-8").splitlines()
    assert "## 县 情 综 述" in md  # 类目 one level below the volume title
    assert "### 自然地理" in md
    assert any(line.startswith("**【地理位置】** 位于示例省中部") for line in md)
    assert not any("- 3 -" in line for line in md)


@pytest.mark.parametrize("text, expected", [
    # printed as they are: titles in 【】, [] and 〔〕, document numbers, <> around a title, & and > inside
    ("【概况】", "【概况】"), ("[概况]", "[概况]"), ("〔2019〕", "〔2019〕"), ("城办发[2019]35 号", "城办发[2019]35 号"),
    ("关于印发<兰州市档案馆规定>的通知", "关于印发<兰州市档案馆规定>的通知"), ("A & B > C", "A & B > C"),
    ("1.《年鉴》", "1.《年鉴》"), ("2.2 降水", "2.2 降水"), ("-20℃", "-20℃"), ("+86", "+86"), ("#1 号楼", "#1 号楼"),
    (r"C:\年鉴", r"C:\年鉴"),
    # what Markdown would read as markup
    ("# 标题", r"\# 标题"), ("### 三", r"\### 三"), ("> 引文", r"\> 引文"), ("- 一项", r"\- 一项"), ("+ 一项", r"\+ 一项"),
    ("1. 第一", r"1\. 第一"), ("12) 十二", r"12\) 十二"), ("---", r"\---"), ("===", r"\==="), ("~~~", r"\~~~"),
    ("见[全文](http://example.com)", r"见[全文\](http://example.com)"), ("![图](a.png)", r"![图\](a.png)"),
    ("[注]: 说明", r"[注\]: 说明"), ("<b>粗</b>", r"\<b>粗\</b>"), ("<http://a.cn>", r"\<http://a.cn>"),
    ("a&amp;b", r"a\&amp;b"), ("x*y_z`w|v", r"x\*y\_z\`w\|v"), (r"\*", r"\\\*"),
    ("第一行\n# 第二行", "第一行\n\\# 第二行"),
])
def test_markdown_escapes_only_what_markdown_would_misread(text, expected):
    assert markdown.escape(text) == expected


def test_markdown_keeps_bracketed_entry_titles_readable(tmp_path):
    src = tmp_path / "方括号.txt"
    src.write_text((DATA / "small_volume.txt").read_text(encoding="utf-8").replace("【气候】", "[气候]"),
                   encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, src).volume_id
        export_markdown(store, vid, tmp_path / "v.md")
    md = (tmp_path / "v.md").read_text(encoding="utf-8")
    assert "**[气候]** 属温带大陆性气候" in md and "\\[" not in md


def test_docx_reopens_with_headings_and_entries(store000, tmp_path):
    import docx

    store, vid = store000
    out = tmp_path / "000.docx"
    export_docx(store, vid, out)
    d = docx.Document(str(out))
    heads1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    cats = [n.title for n in load_outline(store, vid) if n.kind == "category"]
    assert len(cats) == 12 and all(c in heads1 for c in cats)
    entries = [p for p in d.paragraphs if p.runs and p.runs[0].style.name == "Entry Title"
               and p.runs[0].text.startswith(("【", "["))]  # 黑体, as yearbooks print entry titles
    assert abs(len(entries) - volume_stats(store, vid).entries) <= 2
    assert d.paragraphs[0].text == "兰州市城关区年鉴（2020）"  # the title page
    pop = next(p for p in entries if p.runs[0].text == "【人口民族】")
    assert "131.91 万人" in pop.text


def test_json_round_trip_reproduces_the_volume(small, tmp_path):
    store, vid = small
    para = store.query("SELECT id, text, node_id FROM blocks WHERE instr(text, '1234') > 0")[0]
    apply_edit(store, SetBlockText(para["id"], para["text"].replace("1234", "1243")), author="王", reason="核对")
    apply_edit(store, SetNodeStatus(para["node_id"], "approved"), author="王")
    out = tmp_path / "v.json"
    export_json(store, vid, out)
    with Store(tmp_path / "other.db") as other:
        res = import_json(other, out)
        assert res.created
        a, b = tmp_path / "a.txt", tmp_path / "b.txt"
        export_text(store, vid, a)
        export_text(other, res.volume_id, b)
        assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
        assert outline_rows(store, vid) == outline_rows(other, res.volume_id)
        assert other.scalar("SELECT count(*) FROM revisions") == 2
        assert verify_volume(other, res.volume_id) == []
        again = import_json(other, out)
        assert not again.created and again.volume_id == res.volume_id


def test_json_round_trip_of_000_after_structure_edits(store000, tmp_path):
    from yearbook_editor.core.edits import SplitBlock

    store, vid = store000
    p = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND length(text) > 80"
                    " AND deleted = 0 LIMIT 1", (vid,))[0]
    apply_edit(store, SplitBlock(p["id"], 40), author="t")
    out = tmp_path / "000.json"
    export_json(store, vid, out)
    with Store(tmp_path / "o.db") as other:
        res = import_json(other, out)
        assert verify_volume(other, res.volume_id) == []
        assert volume_stats(other, res.volume_id) == volume_stats(store, vid)
        assert outline_rows(other, res.volume_id) == outline_rows(store, vid)


def test_not_a_volume_json_is_refused(tmp_path):
    from yearbook_editor.core.errors import ReadError

    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with Store(tmp_path / "s.db") as s, pytest.raises(ReadError):
        import_json(s, bad)


def test_report_lists_revisions_with_path_lines_and_diff(small, tmp_path):
    store, vid = small
    para = store.query("SELECT id, text FROM blocks WHERE instr(text, '1234') > 0")[0]
    apply_edit(store, SetBlockText(para["id"], para["text"].replace("1234", "1243")), author="李编辑", reason="据统计公报")
    out = tmp_path / "report.html"
    export_report(store, vid, out)
    html = out.read_text(encoding="utf-8")
    assert "李编辑" in html and "据统计公报" in html and "<del>" in html and "<ins>" in html
    assert "县 情 综 述 › 自然地理 › 地理位置" in html
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["编辑"] == "李编辑" and rows[0]["来源行"] == "15-17"
    assert "1243" in rows[0]["修改后"]


def test_report_escapes_volume_text(small, tmp_path):
    store, vid = small
    para = store.query("SELECT id, text FROM blocks WHERE instr(text, '1234') > 0")[0]
    apply_edit(store, SetBlockText(para["id"], "<img src=x onerror=alert(1)><b>粗</b>"), author="t")
    out = tmp_path / "r.html"
    export_report(store, vid, out)
    html = out.read_text(encoding="utf-8")
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img" in html and "&lt;b&gt;粗&lt;/b&gt;" in html


def test_options_select_nodes_and_reviewed_only(small, tmp_path):
    store, vid = small
    node = store.query("SELECT id FROM nodes WHERE title = '人口民族'")[0]["id"]
    out = tmp_path / "one.txt"
    export_text(store, vid, out, options=ExportOptions(node_ids=(node,)))
    assert out.read_text(encoding="utf-8").splitlines() == [
        "【人口民族】 年末全县常住人口 31.5 万人，比上年末增加 0.3 万人。其中，城镇人口 20.1 万人，城镇化率为 63.8%。"
    ]
    apply_edit(store, SetNodeStatus(node, "checked"), author="t")
    export_text(store, vid, out, options=ExportOptions(include_unreviewed=False))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("【人口民族】") and "自然地理" in lines
    assert not any("1234" in line or "9.1℃" in line for line in lines)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cancelled_export_leaves_no_partial_file(small, tmp_path, fmt):
    store, vid = small
    exporter, suffix = FORMATS[fmt].export, FORMATS[fmt].suffix
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"the earlier export")
    calls = {"n": 0}

    def cancel_soon():
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(Cancelled):
        exporter(store, vid, out, progress=Progress(lambda *a: None, cancel_soon))
    assert out.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_failed_write_leaves_existing_file(small, tmp_path, monkeypatch):
    import os

    from yearbook_editor.core.errors import DiskFull

    store, vid = small
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull):
        export_text(store, vid, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
