"""The checks on the shared volumes: every example the seeds README names under Characters,
Blanks and Things editors left is found; the 编辑说明 and 【人口民族】 blanks are found and filled;
few false alarms (upper bounds per code, from findings looked at by eye)."""

from __future__ import annotations

import pytest

from yearbook_editor.cli import main
from yearbook_editor.core.checks import (
    blank_groups,
    blank_queue,
    check_group,
    finding_counts,
    fix_finding,
    run_checks,
)
from yearbook_editor.core.edits import ShiftNodeDepth, apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import volume_stats
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    paths = {k: seed_path(k) for k in ("000", "001", "003")}
    store = Store(tmp_path_factory.mktemp("checks") / "seeds.db")
    ids = {k: import_file(store, p, author="t").volume_id for k, p in paths.items()}
    found = {k: run_checks(store, v) for k, v in ids.items()}
    yield store, ids, found
    store.close()


def where(f):
    before, match, after = f.context(10)
    return before + match + after


def has(findings, code, text):
    return [f for f in findings if f.code == code and text in where(f)]


def test_editorial_note_blanks_on_line_28(seeds, seed_lines):
    store, ids, found = seeds
    assert seed_lines("000")[27] == "全书有 个分目、 个子目、 个条目。"
    line28 = [f for f in found["000"] if f.code == "blank.figure" and f.line == 28]
    assert [f.params["noun"] for f in line28] == ["分目", "子目", "条目"]
    st = volume_stats(store, ids["000"])
    q = {i.label: i.suggested for i in blank_queue(store, ids["000"], found["000"]) if i.finding.line == 28}
    assert q == {"分目": str(st.divisions), "子目": str(st.subdivisions), "条目": str(st.entries)}


def test_ethnic_blanks_of_000(seeds, seed_lines):
    store, ids, found = seeds
    assert "共 人，占总人口的 %" in seed_lines("000")[7544]
    entry = [f for f in found["000"] if f.code == "blank.figure" and 7533 <= f.line <= 7551]
    labels = [f.params["label"] for f in entry]
    assert labels == ["总数", "占比", "回族", "藏族", "东乡族", "保安族", "撒拉族", "裕固族", "蒙古族", "哈萨克族",
                      "其他少数民族", "出生率", "死亡率", "人口自然增长率"]
    g = next(g for g in blank_groups(store, ids["000"], found["000"]) if len(g.fields) == 11)
    assert g.title == "人口民族" and g.population == pytest.approx(1_319_100)
    values = {"总数": "30000", "占比": "2.27", "回族": "20000", "藏族": "3000", "东乡族": "2000", "保安族": "100",
              "撒拉族": "200", "裕固族": "50", "蒙古族": "300", "哈萨克族": "10", "其他少数民族": "4340"}
    assert check_group(g, values) == []
    problems = check_group(g, dict(values, 回族="21000"))
    assert [p.code for p in problems] == ["group.sum"] and problems[0].params["sum"] == 31000
    rates = next(g for g in blank_groups(store, ids["000"], found["000"]) if g.fields[0].label == "出生率")
    assert [p.code for p in check_group(rates, {"出生率": "7.42", "死亡率": "4.25", "人口自然增长率": "3.71"})] == [
        "group.rate"]
    assert check_group(rates, {"出生率": "7.42", "死亡率": "4.25", "人口自然增长率": "3.17"}) == []


def test_counts_follow_structure_edits_on_000(tmp_path):
    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path("000"), author="t").volume_id
    before = {i.label: int(i.suggested) for i in blank_queue(store, vid) if i.finding.line == 28}
    sub = store.scalar("SELECT id FROM nodes WHERE volume_id = ? AND kind = 'subdivision' AND deleted = 0"
                       " AND NOT EXISTS (SELECT 1 FROM nodes c WHERE c.parent_id = nodes.id AND c.kind = 'subdivision')"
                       " ORDER BY seq LIMIT 1", (vid,))
    apply_edit(store, ShiftNodeDepth(sub, -1), author="t")  # a 子目 promoted to 分目
    after = {i.label: int(i.suggested) for i in blank_queue(store, vid) if i.finding.line == 28}
    assert after["分目"] == before["分目"] + 1 and after["子目"] == before["子目"] - 1
    store.close()


README_EXAMPLES = [
    # (volume, code, text near the place)
    ("003", "char.confusable", "臵"),
    ("000", "char.confusable", "第十ー"),
    ("000", "char.traditional", "共贏"),
    ("000", "char.wrong_word", "培同"),
    ("000", "char.wrong_word", "复原干部"),
    ("000", "char.wrong_word", "高领补贴"),
    ("000", "char.wrong_word", "扶恤金"),
    ("000", "char.doubled", "在在金轮"),
    ("000", "char.doubled", "印制宣传折页印制宣传折页"),
    ("000", "punct.halfwidth", "‰,人口"),
    ("000", "punct.middle_dot", "七•一"),
    ("000", "punct.middle_dot", "天昱﹒凤凰城"),
    ("001", "punct.ratio_colon", "2.2 ﹕ 75.9"),
    ("001", "punct.ratio_colon", "6∶1"),
    ("000", "punct.percent", "％"),
    ("001", "punct.bracket_mixed", "（PPP)"),
    ("003", "punct.halfwidth_document", ""),
    ("003", "blank.placeholder", "20xx"),
    ("000", "blank.author", "（ ）"),
    ("000", "blank.author", "共贏的目标。（）"),
    ("000", "blank.entry_body", "【概况】"),
    ("000", "blank.entry_body", "【人口面积】"),
    ("000", "blank.unit", "金额 32000"),
    ("000", "note.editorial", "（合适？）"),
    ("000", "note.editorial", "请核实）"),
    ("000", "note.editorial", "（补充资料）"),
    ("000", "consistency.year", "2017 年出生率"),
    ("000", "consistency.year", "2018 年，手机 APP"),
    ("000", "consistency.sum", "少数民族人口 1759 人"),
    ("000", "consistency.density", "22821.34"),
    ("000", "consistency.category", "军事·政法"),
]


@pytest.mark.parametrize("vol, code, text", README_EXAMPLES)
def test_every_readme_example_is_found(seeds, vol, code, text):
    _store, _ids, found = seeds
    assert has(found[vol], code, text), f"{code} {text!r} not found in {vol}"


def test_003_half_width_document_is_one_finding_and_one_fix(seeds):
    store, _ids, found = seeds
    docs = [f for f in found["003"] if f.code == "punct.halfwidth_document"]
    assert len(docs) == 1 and docs[0].params["count"] > 100
    assert not [f for f in found["003"] if f.code == "punct.halfwidth"]
    batch = fix_finding(docs[0], store)
    assert len(batch.edits) >= 50
    assert all(e.text.count(",") < e.expected.count(",") or "," not in e.expected for e in batch.edits)


#: Upper bounds per code, set from the findings of 000/001/003 looked at by eye (see the report):
#: a rule that starts to raise false alarms on these volumes fails here.
BUDGET = {
    "000": {"blank.figure": 17, "blank.author": 10, "blank.entry_body": 4, "blank.unit": 2, "blank.placeholder": 0,
            "char.confusable": 1, "char.wrong_word": 12, "char.traditional": 1, "char.doubled": 9,
            "char.english_word": 0, "note.editorial": 3, "note.question": 2, "consistency.year": 8,
            "consistency.sum": 3, "consistency.density": 5, "consistency.category": 2, "consistency.figure": 0,
            "punct.unbalanced": 45, "punct.bracket_mixed": 12, "punct.halfwidth": 320, "punct.middle_dot": 36,
            "punct.percent": 16, "punct.ratio_colon": 0, "punct.halfwidth_document": 0},
    "001": {"blank.figure": 0, "char.doubled": 1, "char.traditional": 0, "consistency.sum": 3,
            "consistency.category": 4, "punct.unbalanced": 6, "punct.halfwidth": 140, "punct.ratio_colon": 7},
    "003": {"blank.placeholder": 20, "char.confusable": 16, "punct.halfwidth_document": 1, "blank.figure": 0,
            "punct.halfwidth": 0},
}


@pytest.mark.parametrize("vol", ["000", "001", "003"])
def test_false_alarm_budget(seeds, vol):
    _store, _ids, found = seeds
    counts = finding_counts(found[vol])
    over = {c: (counts.get(c, 0), limit) for c, limit in BUDGET[vol].items() if counts.get(c, 0) > limit}
    assert not over, over


def test_no_false_alarm_on_near_misses_in_000(seeds):
    _store, _ids, found = seeds
    fs = found["000"]
    for text in ("实实在在", "XXX（街道名称）", "是（）否（）", "安祥园", "和和平", "首要要求"):
        assert not [f for f in fs if text in where(f) and f.code in ("char.doubled", "blank.placeholder",
                                                                      "blank.author", "char.wrong_word")], text
    assert not [f for f in fs if f.code == "blank.figure" and f.line != 28 and not 7533 <= f.line <= 7551]


def test_cli_check(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "-q", "import", str(seed_path("003"))]) == 0
    capsys.readouterr()
    assert main(["--db", db, "-q", "check", "1"]) == 0
    out = capsys.readouterr().out
    assert "punct.halfwidth_document" in out and "L1\tblank.placeholder" in out and "臵" in out
    assert main(["--db", db, "-q", "check", "1", "--format", "json", "--code", "char"]) == 0
    import json

    rows = [r for r in json.loads(capsys.readouterr().out) if r["code"] != "char.suspect"]  # the detector's own
    assert len(rows) == 16 and {r["code"] for r in rows} == {"char.confusable"} and rows[0]["suggestion"] == "置"
    assert main(["--db", db, "-q", "check", "1", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("id,line,code") and len([x for x in lines if ",char.suspect," not in x]) == 1 + 37
