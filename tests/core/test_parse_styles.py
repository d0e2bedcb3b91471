"""Hand-made volumes in the extraction styles the shared files do not show (seeds README):
a 目录 in three row styles, one paragraph per line split at column and page ends, the lines
of a page on consecutive lines with blank lines between fragments, footers like `— 2 — ★`.
Every one goes through the same parse_text path; nothing here names a style."""

from __future__ import annotations

import pytest

from yearbook_editor.core.export.text import corrected_lines
from yearbook_editor.core.model import BlockKind, NodeKind
from yearbook_editor.core.parse import parse_text
from yearbook_editor.core.text import lossless_problems


def parse(lines):
    res = parse_text(lines)
    assert not res.profile.get("fallback"), res.profile
    assert lossless_problems(lines, res.blocks) == []
    return res


def texts(res):
    """The export's lines: one paragraph per line, an entry's title at its start."""
    return corrected_lines((b.kind.value, b.text) for b in res.blocks)


def tree(res):
    out = []
    for n in res.nodes:
        depth = 0
        p = n.parent
        while p is not None:
            depth += 1
            p = res.nodes[p].parent
        if n.kind in (NodeKind.CATEGORY, NodeKind.DIVISION, NodeKind.SUBDIVISION):
            out.append((depth, n.kind.value, n.title.replace(" ", "")))
    return out


# ----------------------------------------------------------------------------------- 目录

_ROWS = [  # (indent, title as the 目录 prints it, page)
    (0, "特载", 1),
    (0, "大事记", 9),
    (0, "區情綜述", 15),  # traditional forms in the 目录, simplified in the body
    (1, "自然地理", 15),
    (1, "人口民族", 18),
    (0, "经 济", 20),
    (1, "农业", 20),
    (1, "商 贸 流 通", 24),
]


def _toc_row(style: str, indent: int, title: str, page: int) -> str:
    pad = "　　" * indent
    if style == "tab":
        return f"{pad}{title}\t{page}"
    if style == "dots":
        return f"{pad}{title}{'…' * (12 - len(title))}{page}"
    return f"{pad}{title} {page}"  # just the page number


_BODY = [
    "特载",
    "",
    "在全区经济工作会议上的讲话",
    "",
    "同志们：",
    "",
    "今天召开全区经济工作会议，主要任务是总结工作、部署任务。",
    "",
    "大事记",
    "",
    "1 月",
    "",
    "1 月 3 日，区委书记调研草场街街道。",
    "",
    "区 情 综 述",
    "",
    "自然地理",
    "",
    "【位置】 全区位于市区东部，总面积 220 平方千米。",
    "",
    "人口民族",
    "",
    "【人口】 年末户籍人口 98 万人。",
    "",
    "经济",
    "",
    "农业",
    "",
    "【概况】 全年农业总产值 3 亿元，同比增长 2%。",
    "",
    "商贸流通",
    "",
    "【概况】 全年社会消费品零售总额 364 亿元。",
]


@pytest.mark.parametrize("style", ["tab", "dots", "bare"])
def test_toc_rows_stay_rows_and_frame_the_outline(style):
    lines = ["某某区年鉴（2020）", "", "目  录", ""]
    for ind, title, page in _ROWS:
        lines += [_toc_row(style, ind, title, page), ""]
    lines += _BODY
    res = parse(lines)
    rows = [b for b in res.blocks if b.kind == BlockKind.ROW and b.role == "toc"]
    assert len(rows) == len(_ROWS), [(b.kind, b.role, b.text) for b in res.blocks]
    assert all(b.text.rstrip()[-1].isdigit() for b in rows)  # title and page number together
    assert tree(res) == [
        (0, "category", "特载"),
        (0, "category", "大事记"),
        (0, "category", "区情综述"),
        (1, "division", "自然地理"),
        (1, "division", "人口民族"),
        (0, "category", "经济"),
        (1, "division", "农业"),
        (1, "division", "商贸流通"),
    ]


def test_toc_rows_in_a_wrapped_volume():
    """The same 目录 in a text with one printed line per line and a blank line between."""
    lines = ["某某区年鉴（2020）", "", "目  录", ""]
    for ind, title, page in _ROWS:
        lines += [_toc_row("dots", ind, title, page), ""]
    lines += _BODY
    res = parse(lines)
    cats = [t for _, kind, t in tree(res) if kind == "category"]
    assert cats == ["特载", "大事记", "区情综述", "经济"]


def test_dot_leader_rows_outside_a_toc_heading_are_rows_too():
    lines = ["目次"] + [""] + [f"第{n}章 总则……………{k * 3}" for k, n in enumerate("一二三四", 1)]
    res = parse(lines)
    assert [b.role for b in res.blocks if b.kind == BlockKind.ROW] == ["toc"] * 4


# ------------------------------------------------ one paragraph per line, split at page ends

_PARA_LINES = [
    "某某区人民政府工作报告",
    "",
    "各位代表:",
    "",
    "现在,我代表区人民政府,向大会报告工作,请予审议。",
    "",
    "一、过去一年工作回顾",
    "",
    "过去一年,全区上下坚持稳中求进工作总基调,经济运行总体平稳,社会大局和谐稳定,各项事业取得新进展。",
    "",
    "项目建设加快推进。全年实施重点项目 120 个,完成投资 85 亿元,其中新开工项目 46 个,建成投产项目",
    "",
    "38 个,为经济增长提供了有力支撑。",
    "",
    "城市管理持续加强。完成主次干道维修 14 处,新建公厕 9 座,清理占道摊点 19755 个。",
    "",
    "民生保障更加有力。城镇新增就业 4 万人,发放各类救助资金 2.5 亿元,新增学位 2000 个,建成社区卫生服务中心",
    "",
    "",
    "",
    "— 2 — ★",
    "",
    "4 家,群众获得感不断增强。",
    "",
    "二、今年工作安排",
    "",
    "今年是全面建成小康社会的收官之年,做好今年工作意义重大。",
]


def test_paragraph_per_line_split_at_column_and_page_ends():
    res = parse(_PARA_LINES)
    assert res.profile["style"] == "paragraph"
    t = texts(res)
    assert any("建成投产项目38 个,为经济增长" in x or "建成投产项目 38 个,为经济增长" in x for x in t), t
    assert any(x.startswith("民生保障更加有力。") and x.endswith("群众获得感不断增强。") for x in t), t
    assert ("page_number", "— 2 — ★") in [(b.role, b.text) for b in res.blocks if b.kind == BlockKind.NOISE]
    assert "一、过去一年工作回顾" in t and "二、今年工作安排" in t
    assert len(t) == 10, t


# ---------------------------------------- lines of a page on consecutive lines, blank padding

_COL = [
    "今年以来，面对错综复杂的发展形势和艰巨繁重的改革任务，在",
    "中央和省、市委的坚强领导下，区委常委会以习近平新时代中国",
    "特色社会主义思想为指导，认真贯彻党的十九大精神，深入落实",
    "重要讲话精神，坚决贯彻落实中央决策部署和省、市委各项工作",
]


def test_consecutive_page_lines_with_blank_fragments_and_padding():
    page1 = [
        "【概况】 " + _COL[0],
        *_COL[1:],
        "安排，全区经济社会呈现出稳中向好的态势。",
        "【机构改革】 " + _COL[0],
        *_COL[1:],
        *_COL,
        "安排，紧紧围绕年初确定的目标任务，统筹推进党的建设、经济",
    ]
    page2 = [
        "发展、民生改善等重点工作。",
        "",
        "【项目建设】 " + _COL[0],
        *_COL[1:],
        "安排，完成投资 85 亿元。",
    ]
    lines = page1 + ["", "— 2 — ★", "", "", "", "", "", ""] + page2 + ["", "", "", "", ""]
    res = parse(lines)
    t = texts(res)
    assert len(t) == 3, t
    assert t[1].startswith("【机构改革】") and t[1].endswith("经济发展、民生改善等重点工作。")
    assert t[2].endswith("完成投资 85 亿元。")
    assert [b.role for b in res.blocks if b.kind == BlockKind.NOISE] == ["page_number"]


def test_footer_with_star_inside_a_wrapped_sentence():
    body = []
    for _ in range(6):
        body += [_COL[0], "", _COL[1], "", _COL[2], "", _COL[3], ""]
    lines = body + ["", "", "— 12 — ★", "", "", "安排，全区经济社会呈现出稳中向好的态势。"]
    res = parse(lines)
    t = texts(res)
    assert len(t) == 1 and t[0].endswith("工作安排，全区经济社会呈现出稳中向好的态势。")
    assert [b.text for b in res.blocks if b.kind == BlockKind.NOISE] == ["— 12 — ★"]


# ------------------------------------------------------------------- flattened tables

def test_flattened_table_with_numbered_rows_and_wrapped_cells_stays_rows():
    """A 权力清单 flattened one cell per line: the row number alone, the item's name wrapped
    over two or three lines, then type and office. No cell becomes a heading or prose, no row
    number is glued to the previous row, and each row is rebuilt on one line."""
    lines = []
    for _ in range(8):  # running text first: the column width is measured on it
        lines += [_COL[0], "", _COL[1], "", _COL[2], "", _COL[3], ""]
    lines += ["安排，全区经济社会呈现出稳中向好的态势。", ""]
    lines += ["【权力清单】 全区共梳理行政权力事项 100 项，具体如下：", ""]
    rows = [
        (25, ["第四类监控化学品中不含磷、", "硫、氟的特定有机化学品的设施", "建设备案转报"]),
        (26, ["原材料行业准入管理审核转报"]),
        (27, ["市级中小企业公共服务平台申", "请"]),
        (28, ["省级中小企业发展专项资金初", "审转报"]),
        (29, ["重点用能单位节能管理岗位聘", "任能源负责人备案申请"]),
    ]
    for num, cells in rows:
        lines += [str(num), ""]
        for c in cells:
            lines += [c, ""]
        lines += ["其他行政权力 区工信局", ""]
    res = parse(lines)
    body = [b for b in res.blocks if b.kind not in (BlockKind.NOISE, BlockKind.ENTRY_TITLE)][2:]
    assert all(b.kind == BlockKind.ROW for b in body), [(b.kind.value, b.text) for b in body if b.kind != BlockKind.ROW]
    # one table row per block: the number, the wrapped name, type and office, in source order
    assert [b.text.split()[0][:2] for b in body] == ["25", "26", "27", "28", "29"]
    assert body[0].text.replace(" ", "") == "25第四类监控化学品中不含磷、硫、氟的特定有机化学品的设施建设备案转报其他行政权力区工信局"
    assert not any(n.kind in (NodeKind.DIVISION, NodeKind.SUBDIVISION) for n in res.nodes)
