"""Structure review and frame alignment (core/structure_review.py, core/frame.py): the flat
list of headings, edits over several rows as one step, headings of the same shape, a 目录 or
篇目框架 matched to the body and its levels applied."""

from __future__ import annotations

import pytest

from yearbook_editor.core.edits import apply_edit
from yearbook_editor.core.frame import (
    align_frame,
    frame_level_edit,
    frame_rest,
    parse_frame,
    volume_frame_text,
)
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure_review import (
    candidate_rows,
    heading_edit,
    heading_rows,
    join_next_edit,
    like_this,
    node_depths,
    paragraph_edit,
    shape_key,
    shift_edit,
)
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path

#: a small yearbook, one paragraph per line: a 目录 with part labels and title<TAB>page rows,
#: letter-spaced 类目, and two numbered headings the parser takes for 分目 (they are 子目 of 工业)
VOLUME = """示例市年鉴（2022）

目  录

政治

区委工作\t12

人大工作\t15

经济

工业\t20

农业\t23

政  治

区委工作

【重要会议】 2021 年召开常委会会议 24 次，研究重大事项 56 项。

【组织工作】 全年发展党员 120 名，培训党员干部 3000 人次。

人大工作

【立法工作】 审议地方性法规草案 3 件，听取专项工作报告 12 个。

经  济

工业

【工业概况】 全年规模以上工业增加值比上年增长 8%。

一、重点企业

【龙头企业】 全市有龙头企业 15 家，产值 300 亿元。

二、园区建设

【工业园区】 新建标准化厂房 20 万平方米。

农业

【粮食生产】 全年粮食总产量 12 万吨，比上年增长 2%。
"""


@pytest.fixture
def vol(tmp_path):
    path = tmp_path / "city.txt"
    path.write_text(VOLUME, encoding="utf-8")
    with Store(tmp_path / "s.db") as s:
        yield s, import_file(s, path).volume_id


def _outline(store, vid):
    return [(r["kind"], r["depth"]) for r in store.query(
        "SELECT kind, depth FROM nodes WHERE volume_id = ? AND deleted = 0 ORDER BY seq", (vid,))]


def _row(rows, title):
    return next(r for r in rows if r.title == title)


def test_heading_rows_list_every_heading_with_level_line_and_entries(vol):
    s, vid = vol
    rows = heading_rows(s, vid, {})
    titles = [r.title for r in rows]
    assert titles == ["目  录", "政  治", "区委工作", "人大工作", "经  济", "工业", "一、重点企业", "二、园区建设", "农业"]
    politics = _row(rows, "政  治")
    assert (politics.depth, politics.kind, politics.entries, politics.parent_depth) == (1, "category", 3, 0)
    assert _row(rows, "区委工作").entries == 2 and _row(rows, "区委工作").parent_depth == 1
    assert VOLUME.splitlines()[_row(rows, "农业").line - 1] == "农业"
    assert all(r.block_id is not None for r in rows)


def test_the_doubts_of_the_structure_check_come_with_the_rows(vol):
    from yearbook_editor.core.structure_review import doubts_by_node

    s, vid = vol
    rows = heading_rows(s, vid, doubts_by_node(s, vid))
    assert _row(rows, "一、重点企业").doubt == "目录未列"
    assert _row(rows, "工业").doubt == ""


def test_promote_and_demote_several_rows_as_one_step_moving_a_nested_row_once(vol):
    s, vid = vol
    before = _outline(s, vid)
    rows = heading_rows(s, vid)
    chosen = [_row(rows, "经  济"), _row(rows, "工业"), _row(rows, "农业")]  # 工业, 农业 lie under 经济
    applied = apply_edit(s, shift_edit(chosen, +1), author="t")
    after = {r.title: r.depth for r in heading_rows(s, vid)}
    assert (after["经  济"], after["工业"], after["农业"], after["一、重点企业"]) == (2, 3, 3, 3)
    assert after["政  治"] == 1
    apply_edit(s, applied.inverse, author="t")  # one undo brings all of it back
    assert _outline(s, vid) == before


def test_promote_leaves_a_top_heading_where_it_is(vol):
    s, vid = vol
    rows = heading_rows(s, vid)
    edit = shift_edit([_row(rows, "政  治"), _row(rows, "一、重点企业")], -1)
    assert len(edit.edits) == 1


def test_headings_like_this_share_kind_level_place_and_numbering(vol):
    s, vid = vol
    rows = heading_rows(s, vid)
    numbered = like_this(rows, _row(rows, "一、重点企业"))
    assert [r.title for r in numbered] == ["一、重点企业", "二、园区建设"]
    plain = like_this(rows, _row(rows, "工业"))
    assert [r.title for r in plain] == ["区委工作", "人大工作", "工业", "农业"]
    assert [r.title for r in like_this(rows, _row(rows, "政  治"))] == ["政  治", "经  济"]
    assert shape_key(_row(rows, "政  治"))[3] is True  # letter-spaced


def test_demote_all_like_this_puts_the_numbered_headings_under_their_division(vol):
    s, vid = vol
    rows = heading_rows(s, vid)
    apply_edit(s, shift_edit(like_this(rows, _row(rows, "一、重点企业")), +1), author="t")
    rows = heading_rows(s, vid)
    first = _row(rows, "一、重点企业")
    assert (first.depth, first.kind, first.parent_id) == (3, "subdivision", _row(rows, "工业").node_id)
    assert _row(rows, "工业").entries == 3


def test_not_a_heading_and_make_heading_again_several_rows_at_once(vol):
    s, vid = vol
    before = _outline(s, vid)
    rows = heading_rows(s, vid)
    apply_edit(s, paragraph_edit(like_this(rows, _row(rows, "一、重点企业"))), author="t")
    assert [r.title for r in heading_rows(s, vid)][-3:] == ["经  济", "工业", "农业"]
    candidates = [r for r in candidate_rows(s, vid) if r.title in ("一、重点企业", "二、园区建设")]
    assert len(candidates) == 2 and all(r.node_id is None and r.depth == 0 for r in candidates)
    apply_edit(s, heading_edit(candidates), author="t")
    rows = heading_rows(s, vid)  # one level below the heading they stand under: 子目 of 工业
    assert [(r.title, r.kind, r.depth) for r in rows][-3:] == [
        ("一、重点企业", "subdivision", 3), ("二、园区建设", "subdivision", 3), ("农业", "division", 2)]
    assert _row(rows, "工业").entries == 3 and len(_outline(s, vid)) == len(before)


def test_join_a_heading_wrapped_over_two_lines(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(VOLUME.replace("农业\n", "农业与\n\n农村工作\n"), encoding="utf-8")
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, path).volume_id
        rows = heading_rows(s, vid) + candidate_rows(s, vid)
        first = _row(rows, "农业与")
        apply_edit(s, join_next_edit(s, vid, [first]), author="t")
        titles = [r.title for r in heading_rows(s, vid)]
        assert "农业与农村工作" in titles and "农村工作" not in titles


def test_parse_frame_levels_from_indentation_or_marks_and_page_numbers_dropped():
    text = "特载\n大事记\t3\n政治 ……… 12\n    区委工作\t12\n\t人大工作  15\n        重要会议\n\n城关区 2020\n## 工业\n"
    rows = parse_frame(text)
    assert [(r.title, r.level) for r in rows] == [
        ("特载", 1), ("大事记", 1), ("政治", 1), ("区委工作", 2), ("人大工作", 2), ("重要会议", 3),
        ("城关区 2020", 1), ("工业", 2)]
    assert rows[-1].line == 9


def test_align_keeps_order_folds_traditional_and_spaces_and_matches_fuzzily(vol):
    s, vid = vol
    heads = heading_rows(s, vid)
    frame = parse_frame("政 治\n  區委工作\n  人大常委会工作\n  不存在的分目\n經濟\n  工业\n  农业\n")
    matches = align_frame(frame, heads)
    got = {m.row.title: m.node_id for m in matches}
    assert got["政 治"] == _row(heads, "政  治").node_id
    assert got["區委工作"] == _row(heads, "区委工作").node_id
    assert got["人大常委会工作"] is None  # too far from 人大工作
    assert got["不存在的分目"] is None
    assert got["經濟"] == _row(heads, "经  济").node_id
    rest_rows, unlisted = frame_rest(matches, heads)
    assert [m.row.title for m in rest_rows] == ["人大常委会工作", "不存在的分目"]
    assert [h.title for h in unlisted] == ["人大工作", "一、重点企业", "二、园区建设"]


def test_align_takes_repeated_titles_in_order():
    from yearbook_editor.core.structure_review import HeadingRow

    heads = [HeadingRow(i + 1, i + 1, d, "division", t, i + 1) for i, (t, d) in enumerate(
        [("甲街道", 1), ("概况", 2), ("党建工作", 2), ("乙街道", 1), ("概况", 2), ("党建工作", 2)])]
    matches = align_frame(parse_frame("乙街道\n  概况\n  党建工作\n"), heads)
    assert [m.node_id for m in matches] == [4, 5, 6]


def test_frame_levels_applied_as_one_step_and_undone_as_one(vol):
    s, vid = vol
    before = _outline(s, vid)
    frame = volume_frame_text(s, vid).replace("工业", "工业\n        一、重点企业\n        二、园区建设")
    matches = align_frame(parse_frame(frame), heading_rows(s, vid))
    assert sum(m.node_id is not None for m in matches) == 8
    edit, stuck = frame_level_edit(matches, node_depths(s, vid))
    assert stuck == []
    applied = apply_edit(s, edit, author="t")
    rows = heading_rows(s, vid)
    assert _row(rows, "一、重点企业").depth == 3 and _row(rows, "二、园区建设").depth == 3
    assert _row(rows, "工业").entries == 3
    apply_edit(s, applied.inverse, author="t")
    assert _outline(s, vid) == before


def test_the_volume_frame_is_its_toc_with_part_labels_flush(vol):
    s, vid = vol
    assert volume_frame_text(s, vid) == "政治\n    区委工作\n    人大工作\n经济\n    工业\n    农业"
    assert [(r.title, r.level) for r in parse_frame(volume_frame_text(s, vid))][:2] == [("政治", 1), ("区委工作", 2)]


def test_a_frame_puts_a_scrambled_000_back_exactly(tmp_path):
    """All 分目 of 000 demoted one level (with everything under them); a frame of its 类目 and
    分目 (what an editor's 篇目 lists) applied in one step gives the outline back."""
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, seed_path("000")).volume_id
        before = _outline(s, vid)
        rows = heading_rows(s, vid)
        frame = "\n".join("  " * (r.depth - 1) + r.title for r in rows if r.kind in ("category", "division"))
        apply_edit(s, shift_edit([r for r in rows if r.kind == "division"], +1), author="t")
        assert _outline(s, vid) != before
        matches = align_frame(parse_frame(frame), heading_rows(s, vid))
        assert all(m.node_id is not None for m in matches)
        edit, stuck = frame_level_edit(matches, node_depths(s, vid))
        apply_edit(s, edit, author="t")
        assert stuck == [] and _outline(s, vid) == before


def test_candidates_leave_out_author_notes_and_label_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(VOLUME.replace("研究重大事项 56 项。\n", "研究重大事项 56 项。\n\n（撰稿：王某某）\n\n责任单位：区委办公室\n"),
                    encoding="utf-8")
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, path).volume_id
        texts = {r["text"].strip() for r in s.query("SELECT text FROM blocks WHERE volume_id = ? AND kind = 'paragraph'",
                                                    (vid,))}
        assert {"（撰稿：王某某）", "责任单位：区委办公室"} <= texts  # both are there as paragraphs
        assert candidate_rows(s, vid) == []


def test_a_frame_row_whose_heading_became_text_points_to_that_paragraph(vol):
    from yearbook_editor.core.edits import MakeParagraph

    s, vid = vol
    rows = heading_rows(s, vid)
    lost = _row(rows, "人大工作")
    apply_edit(s, MakeParagraph(block_id=lost.block_id), author="t")
    frame = parse_frame(volume_frame_text(s, vid) + "\n    不存在的分目")
    matches = align_frame(frame, heading_rows(s, vid), candidate_rows(s, vid))
    rest, _unlisted = frame_rest(matches, heading_rows(s, vid))
    assert [(m.row.title, m.paragraph.block_id if m.paragraph else None) for m in rest] == [
        ("人大工作", lost.block_id), ("不存在的分目", None)]
    assert align_frame(frame, heading_rows(s, vid))[2].paragraph is None  # without candidates: none offered
