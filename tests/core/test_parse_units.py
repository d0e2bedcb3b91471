"""The parser on small hand-made inputs: one test per furniture kind, join rule and structure cue."""

from __future__ import annotations

from yearbook_editor.core.model import BlockKind, NodeKind
from yearbook_editor.core.parse import parse_text
from yearbook_editor.core.text import lossless_problems

# 28-character printed lines that end mid-sentence (a wrapped column of one volume)
FULL = [
    "全区围绕年度目标任务扎实推进各项工作，经济社会发展呈现稳中",
    "向好的态势，重点项目建设加快推进，民生保障水平不断提高，城",
    "市管理更加精细，社会大局保持和谐稳定，各项事业取得新的进展",
    "，干部群众的获得感幸福感安全感持续增强，营商环境不断优化，",
    "市场主体活力进一步激发，招商引资成效明显，产业结构持续优化",
    "，创新驱动发展战略深入实施，科技成果转化能力不断提升，全区",
]


def wrapped(*printed: str) -> list[str]:
    """Lines as 000 has them: a blank line between every pair of printed lines."""
    out: list[str] = []
    for k, x in enumerate(printed):
        if k:
            out.append("")
        out.append(x)
    return out


def parse(lines):
    res = parse_text(lines)
    assert lossless_problems(lines, res.blocks) == []
    return res


def body(res):
    return [b for b in res.blocks if b.kind != BlockKind.NOISE]


def texts(res, kind=None):
    return [b.text for b in res.blocks if b.kind != BlockKind.NOISE and (kind is None or b.kind == kind)]


def noise(res):
    return [(b.role, b.text) for b in res.blocks if b.kind == BlockKind.NOISE]


def block_of(res, line: int):
    found = None
    for b in res.blocks:
        if any(p.line == line for p in b.pieces):
            found = b
    return found


# ---------------------------------------------------------------- joining


def test_wrapped_lines_join_without_spaces_and_short_sentence_end_breaks():
    lines = wrapped(*FULL, "经济发展质量效益稳步提升。", *FULL[:3], "完成。")
    res = parse(lines)
    paras = texts(res, BlockKind.PARAGRAPH)
    assert len(paras) == 2
    assert paras[0] == "".join(FULL) + "经济发展质量效益稳步提升。"
    assert paras[1].endswith("各项事业取得新的进展完成。")


def test_full_line_ending_with_full_stop_continues_the_paragraph():
    full_stop = "全区围绕年度目标任务扎实推进各项工作，经济社会发展呈现良好态势。"
    lines = wrapped(*FULL, full_stop, "民生保障水平不断提高。")
    res = parse(lines)
    paras = body(res)
    assert len(paras) == 1
    assert paras[0].soft_joins  # the join after a full line ending in 。 is a guess


def test_next_line_cue_breaks_after_a_full_line():
    full_stop = "全区围绕年度目标任务扎实推进各项工作，经济社会发展呈现良好态势。"
    lines = wrapped(*FULL, full_stop, "二是坚持优化产业结构，经济发展更具动力。")
    res = parse(lines)
    assert len(texts(res, BlockKind.PARAGRAPH)) == 2


def test_number_and_unit_split_across_lines_are_joined():
    lines = wrapped(*FULL[:4], "最低点北面滩，位于城关区东北部，海拔 1503", "米。")
    res = parse(lines)
    assert texts(res)[-1].endswith("海拔 1503米。")


def test_latin_words_keep_their_space():
    lines = wrapped(*FULL[:4], "扎实推进农村厕所垃圾风貌三大革命，农村生活污水收集处理 PPP（Public-Private", "Partnership）项目有序推进。")
    res = parse(lines)
    assert "Public-Private Partnership" in texts(res)[-1]


def test_page_start_with_leading_space_continues_the_sentence():
    lines = wrapped(*FULL[:3])
    lines.append(" 市管理更加精细，社会大局保持和谐稳定，各项事业取得新的进展")  # page start, no blank
    lines += ["", "。"]
    res = parse(lines)
    assert len(texts(res)) == 1


def test_short_lines_with_missing_figures_stay_in_their_paragraph():
    lines = wrapped(
        "【人口民族】 年末全区常住人口 131.91 万人，比上年末增加 0.3 万人，",
        *FULL[:3],
        "族，共 人，占总人口的 %。其中，回族 人，藏族 人，东",
        "乡族 人，保安族 人，撒拉族 人，裕固族 人，蒙古族 人，",
        "哈萨克族 人，其他少数民族 人。",
    )
    res = parse(lines)
    assert texts(res, BlockKind.ENTRY_TITLE) == ["【人口民族】"]
    assert len(texts(res, BlockKind.PARAGRAPH)) == 1


def test_one_paragraph_per_line_joins_a_paragraph_split_mid_sentence():
    long1 = "坚持实施重大项目带动战略,着力推进产业结构优化升级,在省市发展大局中的领先优势更加明显。" * 3
    lines = [
        "一、过去五年工作回顾",
        "",
        long1,
        "",
        "(四)加快城乡一体化建设步伐。完善农村路网体系,",
        "",
        "制订出台农村公路养护办法,实现村村通公交。",
        "",
        long1,
        "",
        "4.建成保障性住房90万平方米,其中城中村改造村民",
        "",
        "安臵房20万平方米;配租廉租房1500套以上。",
    ]
    res = parse(lines)
    assert res.profile["style"] == "paragraph"
    assert block_of(res, 5) is block_of(res, 7)
    assert block_of(res, 11) is block_of(res, 13)
    assert block_of(res, 3) is not block_of(res, 5)
    assert block_of(res, 1).kind == BlockKind.HEADING


# ---------------------------------------------------------------- furniture


def test_page_number_inside_a_sentence():
    lines = wrapped(*FULL[:3]) + ["", "", "", "- 8 -", ""] + wrapped(*FULL[3:], "完成。")
    res = parse(lines)
    assert ("page_number", "- 8 -") in noise(res)
    assert len(texts(res)) == 1


def test_footer_with_star_and_dashes():
    lines = wrapped(*FULL[:3], "— 2 — ★", *FULL[3:], "完成。")
    res = parse(lines)
    assert ("page_number", "— 2 — ★") in noise(res)
    assert len(texts(res)) == 1


def test_bare_page_number_and_garbled_running_header():
    page = lambda n: ["", "", "", str(n), "", "川金 2020年鉴区", ""]  # noqa: E731
    lines = wrapped(*FULL[:2]) + page(8) + wrapped(*FULL[2:4]) + page(10) + wrapped(*FULL[4:]) + page(12)
    lines += wrapped(*FULL[:2], "完成。")
    res = parse(lines)
    roles = [r for r, _ in noise(res)]
    assert roles.count("page_number") == 3 and roles.count("running_header") == 3
    assert len(texts(res)) == 1


def test_marker_inside_a_line_is_cut_out():
    lines = wrapped(*FULL[:2], "市管理更加精细，##paidbegin##社会大局保持和谐稳定，各项事业取得", "新的进展。")
    res = parse(lines)
    assert ("marker", "##paidbegin##") in noise(res)
    para = texts(res)[0]
    assert "##" not in para and "市管理更加精细，社会大局保持和谐稳定" in para
    pieces_on_line = [p for b in res.blocks for p in b.pieces if p.line == 5]
    assert len(pieces_on_line) == 3


def test_url_and_separator_and_dot_leader_and_caption():
    lines = wrapped(
        *FULL[:3],
        "http://www.baidu.com/link?url=PxgFZ3BmkGgZc1",
        *FULL[3:],
        "完成。",
        "——————————",
        "图 1：2016年——2019年审执收结案件数量走势图",
        "……………………",
    )
    res = parse(lines)
    kinds = dict((t, r) for r, t in noise(res))
    assert kinds["http://www.baidu.com/link?url=PxgFZ3BmkGgZc1"] == "url"
    assert kinds["——————————"] == "separator"
    assert kinds["图 1：2016年——2019年审执收结案件数量走势图"] == "caption"
    assert kinds["……………………"] == "dot_leader"
    assert len(texts(res)) == 1


def test_toc_rows_are_rows():
    lines = ["目录", "特载\t1", "大事记\t35", "区情综述…………………… 62", "政治…………………… 75"]
    res = parse(lines)
    rows = [b for b in res.blocks if b.kind == BlockKind.ROW and b.role == "toc"]
    assert len(rows) == 4


def test_letter_spaced_category_heading_is_not_noise():
    lines = wrapped(*FULL, "完成。", "区 情 综 述", "城关概貌", "【名称来历】 因明清兰州城郭而得名城关区。")
    res = parse(lines)
    h = [b for b in res.blocks if b.kind == BlockKind.HEADING]
    assert [b.text for b in h] == ["区 情 综 述", "城关概貌"]
    assert not noise(res)


# ---------------------------------------------------------------- entries and structure


def test_entry_titles_ascii_wrapped_run_in_and_document_numbers():
    lines = wrapped(
        "[概况] 2019 年，区发改局围绕年初下达的目标任务，把经济运行形势",
        "分析和研判作为推动高质量发展的重要手段。",
        "【金川区第八届人民代表大会常务委员",
        "会第十九次会议】 会议于 2019 年 1 月 11 日召开。【补充】 另有说明。",
        "【区检察院领导班子成员】",
        "检 察 长",
        "杨连贵（2019 年 3 月任）",
        "依据城发【2016】5号文件执行。",
    )
    res = parse(lines)
    titles = texts(res, BlockKind.ENTRY_TITLE)
    assert titles == ["[概况]", "【金川区第八届人民代表大会常务委员会第十九次会议】", "【补充】", "【区检察院领导班子成员】"]
    assert all("【2016】" not in t for t in titles)
    rows = texts(res, BlockKind.ROW)
    assert "检 察 长" in rows and "杨连贵（2019 年 3 月任）" in rows


def test_categories_from_the_editorial_notes_and_heading_chains():
    lines = wrapped(
        "编辑说明",
        "本年鉴设特载、大事记、政治等 3 个类目。",
        "特载",
        "在区委全会上的报告",
        "中共某某区委书记 武和谦",
        "（2019 年 7 月 13 日）",
        "各位委员，同志们：",
        *FULL,
        "完成。",
        "一、坚持党的政治建设",
        *FULL,
        "完成。",
        "大 事 记",
        "1 月",
        "1 月 3日下午，区委书记调研草场街街道。",
        "1 月 4日下午，区委书记参加述职评议大会。",
        "2 月",
        "2 月 1日，召开全区工作会议。",
        "政治",
        "区委常委会",
        "重要会议",
        "【概述】 2019 年，全年召开区委常委会会议 37 次。",
        "【传达学习文件精神】 传达学习中央文件精神。",
        "政治",  # the same name again as a heading under another part: not a new 类目
        "【概况】 全年开展工作。",
    )
    res = parse(lines)
    nodes = res.nodes
    cats = [n.title.replace(" ", "") for n in nodes if n.kind == NodeKind.CATEGORY]
    assert cats == ["特载", "大事记", "政治"]
    docs = [n for n in nodes if n.kind == NodeKind.DOCUMENT]
    assert [d.title for d in docs] == ["在区委全会上的报告"]
    assert nodes[docs[0].parent].title == "特载"
    months = [n.title for n in nodes if n.kind == NodeKind.SECTION and n.title.endswith("月")]
    assert months == ["1 月", "2 月"]
    div = next(n for n in nodes if n.kind == NodeKind.DIVISION)
    sub = next(n for n in nodes if n.kind == NodeKind.SUBDIVISION)
    assert div.title == "区委常委会" and sub.title == "重要会议" and nodes[sub.parent] is div
    entries = [n for n in nodes if n.kind == NodeKind.ENTRY]
    assert [e.title for e in entries] == ["【概述】", "【传达学习文件精神】", "【概况】"]
    assert nodes[entries[0].parent] is sub
    # headings carry their levels
    level = {b.text: b.level for b in res.blocks if b.kind == BlockKind.HEADING}
    assert level["特载"] == 1 and level["区委常委会"] == 2 and level["重要会议"] == 3


def test_numbered_sections_restart_one_level_down():
    long1 = "坚持实施重大项目带动战略,着力推进产业结构优化升级,在省市发展大局中的领先优势更加明显。" * 3
    lines = []
    for x in [
        "20xx年某某区政府工作报告",
        "各位代表:",
        "一、过去五年工作回顾",
        long1,
        "一、项目为纲抓发展,综合经济实力跨越提升",
        long1,
        "二、环境为要抓管理,城市品位大幅提升",
        long1,
        "二、未来五年的发展目标",
        long1,
    ]:
        lines += [x, ""]
    res = parse(lines)
    assert res.title == "20xx年某某区政府工作报告"
    secs = [n for n in res.nodes if n.kind == NodeKind.SECTION]
    assert [s.title[:2] for s in secs] == ["一、", "一、", "二、", "二、"]
    top, child1, child2, top2 = secs
    assert res.nodes[child1.parent] is top and res.nodes[child2.parent] is top
    assert top2.parent == top.parent


def test_directory_rows_after_an_entry_title_are_rows():
    lines = wrapped(
        "【区法院领导班子成员】",
        "党组书记、院长",
        "李春荣",
        "党组副书记、副院长",
        "樊新兰 （女）",
        "（供稿：王轩尧）",
    )
    res = parse(lines)
    assert texts(res, BlockKind.ROW)[:4] == ["党组书记、院长", "李春荣", "党组副书记、副院长", "樊新兰 （女）"]
    assert block_of(res, 11).role == "credit"


def test_entry_title_printed_on_three_lines():
    lines = wrapped(
        *FULL[:3],
        "完成。",
        "【全区工作会议暨全区生态环境保护会议和打造“精致兰州”暨",
        "道路交通工作会议及全区总河长会议暨“携手清四乱、保护母亲",
        "河”专项行动推进工作会议】 3 月 27 日，在区委区政府会议中",
        "心召开。",
    )
    res = parse(lines)
    titles = [b for b in res.blocks if b.kind == BlockKind.ENTRY_TITLE]
    assert len(titles) == 1 and titles[0].text.endswith("专项行动推进工作会议】")
    assert len({p.line for p in titles[0].pieces}) == 3
    assert texts(res)[-1] == "3 月 27 日，在区委区政府会议中心召开。"


def test_numbered_table_rows_are_not_joined():
    lines = wrapped(
        *FULL,
        "完成。",
        "38 普通护照核发 行政许可 城关公安分局公安分局公安分局",
        "39 焰火燃放许可证核发 行政许可 城关公安分局公安分局公安",
        "40 大型群众性活动安全许可 行政许可 城关公安分局公安分局",
    )
    res = parse(lines)
    assert [t[:2] for t in texts(res)[-3:]] == ["38", "39", "40"]


def test_report_subtitle_set_inside_a_sentence_is_cut_out_and_the_sentence_joined():
    col = [
        "过去的一年，区委坚持以习近平新时代",
        "中国特色社会主义思想为指导，全面贯彻落",
        "实党的十九大和十九届二中、三中、四中全",
        "会精神，深入贯彻落实习近平总书记视察甘",
        "肃重要讲话和指示精神，坚决贯彻落实党中",
        "央决策部署和省委、市委工作要求，统筹抓",
    ] * 4
    lines = wrapped(*col, "化措施、明确实现路径，集中精力抓好贯彻")
    lines += [" ——2020 年 1 月 11 日在中国共产党金昌市金川区第七届代表大会第四次会议上的报告", "", "中共金川区委书记  陆世平"]
    lines += [" 落实。扎实开展“不忘初心、牢记使命”主", "", "题教育。"]
    res = parse(lines)
    paras = [b for b in res.blocks if b.kind == BlockKind.PARAGRAPH and not b.role]
    assert len(paras) == 1 and "抓好贯彻落实。扎实开展" in paras[0].text
    asides = [b.text for b in res.blocks if b.role == "aside"]
    assert asides == ["——2020 年 1 月 11 日在中国共产党金昌市金川区第七届代表大会第四次会议上的报告", "中共金川区委书记  陆世平"]


def test_photo_page_captions_are_furniture():
    lines = wrapped(*FULL, "完成。") + ["", "", "镍都丝绸古道上的", "", "★新时代文明实践专栏", ""]
    lines += ["“理论宣传”引领行动自觉", "——金川区举办道德模范与身边好人先进事迹宣讲会", "", "集体诵读宪法", "", "", ""]
    lines += wrapped(*FULL, "完成。")
    res = parse(lines)
    roles = [r for r, _ in noise(res)]
    assert roles == ["caption"] * 5  # the header line appears once here: a caption too
    assert len(texts(res)) == 2


# ------------------------------------------------------------------ parser3 additions


def _blocks(lines):
    from yearbook_editor.core.text import lossless_problems

    res = parse_text(lines)
    assert not res.profile.get("fallback")
    assert lossless_problems(lines, res.blocks) == []
    return res


_PREFACE = "本书设特载、大事记、区情概况等 3 个类目。"


def test_report_title_over_a_short_byline_titles_the_document():
    """A full-width title line, then '区长 周明远' (a short post and a name), date, salutation."""
    body = "现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。"
    lines = [_PREFACE, ""]
    for x in ["特载", "在河西区第五届人民代表大会第四次会议上的政府工作报告", "区长 周 明 远",
              "（2020 年 12 月 28 日）", "各位代表：", body[:28], body[28:]]:
        lines += [x, ""]
    res = _blocks(lines)
    docs = [n for n in res.nodes if n.kind.value == "document"]
    assert docs and docs[0].title == "在河西区第五届人民代表大会第四次会议上的政府工作报告", res.nodes
    heads = [b.text for b in res.blocks if b.kind == BlockKind.HEADING]
    assert "区长 周 明 远" in heads


def test_directory_row_is_not_a_byline_of_a_document():
    lines = [_PREFACE, "", "区情概况", "", "区政府办公室", "", "主任 赵东辉", "", "副主任 许俊善", "", "【概况】 全年起草文稿 2900 余件。", ""]
    res = _blocks(lines)
    assert not [n for n in res.nodes if n.kind.value == "document"]


def test_repeated_table_header_is_furniture_the_first_stays():
    head = "工作项目 工作任务 完成时间 牵头单位"
    lines = ["工作任务分解表", "", head, ""]
    for k in range(1, 4):
        lines += [f"{k}.完善机制", "", f"{k}）落实会议精神，安排部署工作。", "", "5 月 区文明办 马 莉", "", "", "", head, ""]
    res = _blocks(lines)
    noise = [b for b in res.blocks if b.kind == BlockKind.NOISE and b.role == "table_header"]
    assert len(noise) == 3
    assert any(head in b.text for b in res.blocks if b.kind != BlockKind.NOISE)


def test_trailing_space_marks_paragraph_ends_when_the_text_uses_it():
    """A full-width line ending a sentence with trailing whitespace ends its paragraph, where the
    text marks paragraph ends so (measured by the profile); elsewhere it is ignored."""
    full = "区政协常委会充分发挥加强党对各项工作领导的重要阵地作用"
    lines = []
    for _k in range(30):
        lines += [full[:19], "", full[:18] + "，", "", full[:19] + "。 ", "", full[:17], "", full[:19] + "。", ""]
    res = _blocks(lines)
    assert res.profile["trail_marks_end"]
    paras = [b for b in res.blocks if b.kind == BlockKind.PARAGRAPH]
    assert all(b.text.endswith("。") for b in paras[:-1])
    stripped = [x.rstrip() for x in lines]
    assert not _blocks(stripped).profile["trail_marks_end"]


def test_addressees_line_ends_its_paragraph():
    lines = []
    for x in ["各街道党工委，区委各部门，区直各部门党委（党组、总支、支部），各人民团体党组（支部）：",
              "2017 年 12 月 20 日，中共中央印发了《中国共产党党务公开条例（试行）》，进一步规范和加",
              "强党务公开工作。"]:
        lines += [x, ""]
    res = _blocks(lines)
    paras = [b.text for b in res.blocks if b.kind == BlockKind.PARAGRAPH]
    assert paras[0].endswith("各人民团体党组（支部）：") and len(paras) == 2


def _indented_text(indent: int):
    """Paragraphs of a 28-character column whose first lines are `indent` characters short
    (the extraction drops the indent's spaces); the last paragraph's lines are given apart."""
    pool = "全区围绕年度目标任务扎实推进各项工作经济社会发展呈现稳中向好的态势重点项目建设加快推进民生保障"
    k = 0

    def line(n: int, end: str = "") -> str:
        nonlocal k
        out = ""
        while len(out) < n - len(end):
            out += pool[k % len(pool)]
            k += 1
            if len(out) == 9:
                out += "，"
        return out[: n - len(end)] + end

    printed: list[str] = []
    for _ in range(40):
        printed += [line(28 - indent), line(28), line(28), line(12, "。")]
    # a full line ending a sentence, then the next paragraph's first line
    printed += [line(28 - indent), line(28, "。"), line(28 - indent), line(28), line(10, "。")]
    # a full line ending a sentence inside a paragraph: the next line is a full one
    printed += [line(28 - indent), line(28, "。"), line(28), line(10, "。")]
    return wrapped(*printed), len(printed)


def test_indented_first_line_breaks_after_a_full_line_ending_a_sentence():
    lines, n = _indented_text(2)
    res = parse(lines)
    # printed line m (0-based) is source line 2m+1
    first_new = 2 * (n - 7) + 1
    cont = 2 * (n - 2) + 1
    assert block_of(res, first_new) is not block_of(res, first_new - 2)
    assert block_of(res, cont) is block_of(res, cont - 2)
    assert res.profile["indent_share"] > 0.5


def test_no_indent_measured_where_first_lines_are_full():
    lines, n = _indented_text(0)
    res = parse(lines)
    first_new = 2 * (n - 7) + 1
    assert block_of(res, first_new) is block_of(res, first_new - 2)  # a full line: joined
    assert res.profile["indent_share"] == 0


def test_numbered_table_rows_with_wrapped_cells_are_rebuilt_one_row_a_line():
    rows = []
    for k in range(20, 27):
        if k % 2:
            rows += [str(k), "非居民企业享受税收协定待遇", "办理", "便民服务事项 区税务局"]
        else:
            rows += [f"{k} 房产税申报 便民服务事项 区税务局"]
    rows[9:9] = ["（贾玉莉）"]  # a credit printed inside the table
    lines = wrapped(*FULL[:2], "经济发展质量效益稳步提升。", *rows, *FULL[:2], "完成。")
    res = parse(lines)
    got = texts(res, BlockKind.ROW)
    assert any(t.startswith("21") and "协定待遇办理便民服务事项" in t and t.endswith("区税务局") for t in got)
    assert sum(1 for t in got if t[:2].isdigit()) == 7
    credit = block_of(res, 2 * (3 + 9) + 1)
    assert credit.text == "（贾玉莉）" and len(credit.pieces) == 1


def test_standalone_credit_is_a_credit_paragraph_also_after_a_list_or_in_a_table():
    lines = wrapped(
        *FULL[:2], "经济发展质量效益稳步提升。", "(李珊)", *FULL[:2], "完成。", "（供稿：区统计局）",
        "21 房产税申报 便民服务事项 区税务局", "22 契税申报 便民服务事项 区税务局", "（贾玉莉）",
        "23 印花税申报 便民服务事项 区税务局", "24 车船税申报 便民服务事项 区税务局",
        "25 资源税申报 便民服务事项 区税务局",
    )
    res = parse(lines)
    credits = [b.text for b in res.blocks if b.role == "credit"]
    assert credits == ["(李珊)", "（供稿：区统计局）", "（贾玉莉）"]
    assert all(len(b.pieces) == 1 for b in res.blocks if b.role == "credit")


def test_last_line_of_a_sentence_before_a_table_is_not_a_cell():
    """The bundled sample's 【节能降耗】 ends '…（以上均为 2019' / '年数据？请核实）' just before
    the 附录 table: that last line belongs to the paragraph, not to the table."""
    from yearbook_editor.core.reading import read_source
    from yearbook_editor.core.resources import SAMPLE_VOLUME

    lines = read_source(SAMPLE_VOLUME).lines
    res = parse(lines)
    para = next(b for b in res.blocks if "以上均为" in b.text)
    assert para.kind == BlockKind.PARAGRAPH and para.text.endswith("（以上均为 2019年数据？请核实）")
    rows = [b.text for b in res.blocks if b.kind == BlockKind.ROW]
    assert "地区生产总值 亿元 186.4 4.2" in rows  # the table itself stays rows


def test_sample_corrected_text_keeps_no_furniture():
    """The bundled sample (the first volume a newcomer opens): every page number and running
    header of its source is furniture, and none of their text is left in the corrected text,
    inside a word or on its own line."""
    import re

    from yearbook_editor.core.reading import read_source
    from yearbook_editor.core.resources import SAMPLE_VOLUME

    lines = read_source(SAMPLE_VOLUME).lines
    res = parse(lines)
    page_numbers = [x.strip() for x in lines if re.fullmatch(r"\s*- \d+ -\s*", x)]
    headers = [x.strip() for x in lines if x.strip() == "河西区年鉴（2021）"]
    assert page_numbers and headers  # the sample has both kinds
    noise = [b.text for b in res.blocks if b.kind == BlockKind.NOISE]
    assert sorted(noise) == sorted(page_numbers + headers)
    out = [b.text for b in body(res)]  # the corrected text's paragraphs, headings and rows
    text = "\n".join(out)
    assert not re.search(r"- \d+ -", text)
    # the title is named in the 编辑说明 as 《河西区年鉴（2021）》, never elsewhere
    assert text.count("河西区年鉴（2021）") == text.count("《河西区年鉴（2021）》") == 2
    assert any(x.endswith("项目落地率达到 91%。") for x in out)


def test_volume_title_beside_a_page_number_is_a_header_the_first_time():
    """A short volume prints its title with the year on a page once: beside the page number,
    cutting a sentence, it is the running header, not text."""
    lines = wrapped(
        "编辑说明",
        *FULL[:3],
        "- 7 -",
        "城南区年鉴（2022）",
        " 市管理更加精细，社会大局保持和谐稳定，各项事业取得新的进展。",
    )
    res = parse(lines)
    assert [b.role for b in res.blocks if b.kind == BlockKind.NOISE] == ["page_number", "running_header"]
    assert not any("年鉴" in b.text for b in body(res))


def test_toc_rows_lose_their_dot_leaders():
    """A 目录 row '概况……………1': the title and its page number stay in the row, the dot leader
    (with the spaces around it) is furniture; rows ending in a TAB and a number are kept whole."""
    lines = wrapped(
        "目  录",
        "概况……………………………1",
        "党政群团 ………………… 5",
        "中共青山县委员会....................9",
        "经济\t13",
        "附录2··············35",
    )
    res = parse(lines)
    rows = [b for b in res.blocks if b.kind == BlockKind.ROW]
    assert [b.text for b in rows] == ["概况1", "党政群团5", "中共青山县委员会9", "经济\t13", "附录235"]
    assert [len(b.pieces) for b in rows] == [2, 2, 2, 1, 2]
    leaders = [b.text for b in res.blocks if b.kind == BlockKind.NOISE]
    assert len(leaders) == 4 and all(set(x) <= set("…. ·") for x in leaders)
    assert all(b.role == "dot_leader" for b in res.blocks if b.kind == BlockKind.NOISE)
