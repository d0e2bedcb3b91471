"""Writes the generated synthetic structure volumes of this folder with their answer keys.

Each volume is a list of items (heading, entry, document title, metadata line, paragraph, row …)
laid out in one extraction style of the seeds README; the layout records the 1-based source line
where every node starts, so the key (``NAME.outline.tsv``, the shared keys' format) is exact.
The body sentences are drawn with a fixed seed: running the script again writes the same files.

Styles:
* ``para``: one paragraph per line, a blank line between; long paragraphs split at page ends,
  where a footer ``— N —`` and a running header stand between the halves;
* ``wrapped``: one printed line per text line, a blank line between every pair of lines, a
  page start marked by a leading space, page numbers ``- N -`` and a running header;
* ``page``: the printed lines of a page on consecutive lines, a blank line between fragments,
  blank lines padding the page end, then the page number.

    python tests/data/structure/make_synthetic.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

SENTENCES = [
    "全年各项工作有序推进，相关指标均完成年度目标任务。",
    "有关部门加强协调配合，建立健全工作机制，定期调度工作进展。",
    "工作中注重统筹兼顾，坚持问题导向和目标导向相结合，推动各项任务落地见效。",
    "全年累计投入资金3.6亿元，比上年增长12.4%。",
    "组织开展专项检查46次，发现并整改问题128个。",
    "完成固定资产投资21.7亿元，同比增长8.9%，其中民间投资占比达到43%。",
    "新建和改造提升各类设施27处，服务群众超过15万人次。",
    "通过召开座谈会、实地走访等方式，广泛听取群众意见建议。",
    "落实“放管服”改革要求，办事环节压减40%，办理时限缩短一半以上。",
    "年末，从业人员达到1.2万人，比上年末增加860人。",
    "坚持把群众满意作为工作的出发点和落脚点，不断提升服务水平。",
    "引进项目19个，签约资金56.3亿元，到位资金18.2亿元。",
    "开展培训班32期，培训干部职工2600余人次。",
    "全面推行网格化管理，划分网格412个，配备专兼职网格员530名。",
]


def body(rng: random.Random, lo: int = 2, hi: int = 5) -> str:
    return "".join(rng.choice(SENTENCES) for _ in range(rng.randint(lo, hi)))


class Volume:
    """Items in reading order: (what, text, node) where node is (depth, KIND, title) or None."""

    def __init__(self, name: str, comment: str, neutral: list[str] | None = None) -> None:
        self.name = name
        self.comment = comment
        self.neutral = neutral or []
        self.items: list[tuple[str, str, tuple[int, str, str] | None]] = []

    def head(self, text: str, depth: int | None = None, kind: str = "", title: str | None = None) -> None:
        node = (depth, kind, title if title is not None else re.sub(r"\s+", "", text)) if depth else None
        self.items.append(("head", text, node))

    def entry(self, title: str, text: str, depth: int) -> None:
        self.items.append(("para", f"【{title}】{text}", (depth, "条目", title)))

    def para(self, text: str) -> None:
        self.items.append(("para", text, None))

    def line(self, text: str) -> None:
        """A short line that is no node (metadata, a name, a caption, a table row)."""
        self.items.append(("head", text, None))


# ----------------------------------------------------------------------------- layouts
def _wrap(text: str, width: int) -> list[str]:
    out, cur, w = [], "", 0
    for c in text:
        cw = 1 if ord(c) > 127 else 0.5
        if w + cw > width and cur and c not in "，。、；：？！）”%":
            out.append(cur)
            cur, w = "", 0
        cur += c
        w += cw
    if cur:
        out.append(cur)
    return out


def lay_para(vol: Volume, header: str, page_chars: int = 1400) -> tuple[list[str], list]:
    lines: list[str] = []
    nodes = []
    used, page = 0, 1
    for what, text, node in vol.items:
        if node:
            nodes.append((*node, len(lines) + 1))
        rest = text
        while what == "para" and used + len(rest) > page_chars:
            k = max(8, page_chars - used)
            while k < len(rest) - 4 and (rest[k - 1] in "。；：】" or rest[:k].count("【") != rest[:k].count("】")):
                k += 1
            if k >= len(rest) - 4:
                break
            lines += [rest[:k], "", "", f"— {page} —", "", header, ""]
            page += 1
            rest = rest[k:]
            used = 0
        lines += [rest, ""]
        used += len(rest)
    return lines, nodes


def lay_wrapped(vol: Volume, header: str, width: int = 24, page_lines: int = 34) -> tuple[list[str], list]:
    printed: list[tuple[str, tuple | None]] = []
    for what, text, node in vol.items:
        parts = _wrap(text, width) if what == "para" else [text]
        for k, p in enumerate(parts):
            printed.append((p, node if k == 0 else None))
    lines: list[str] = []
    nodes = []
    page = 1
    category = ""
    for i, (p, node) in enumerate(printed):
        if node and node[1] == "类目":
            category = node[2]
        if i and i % page_lines == 0:
            lines += [f"- {page} -", ""]
            page += 1
            # even pages: the volume's title; odd pages: the 类目's name (no new 类目)
            lines += [header if page % 2 == 0 or not category else category, ""]
            p = " " + p
        if node:
            nodes.append((*node, len(lines) + 1))
        lines += [p, ""]
    return lines, nodes


def lay_page(vol: Volume, width: int = 26, page_lines: int = 36, header: str = "") -> tuple[list[str], list]:
    lines: list[str] = []
    nodes = []
    on_page, page = 0, 1
    category = ""
    for what, text, node in vol.items:
        if node and node[1] == "类目":
            category = node[2]
        parts = _wrap(text, width) if what == "para" else [text]
        first = True
        for p in parts:
            if on_page >= page_lines:
                lines += ["", "", f"— {page} —", "", ""]
                page += 1
                on_page = 0
                if header:  # the page's top: the volume's title or the 类目's name, then the text
                    lines += [header if page % 2 == 0 or not category else category, ""]
            if node and first:
                nodes.append((*node, len(lines) + 1))
            first = False
            lines.append(p)
            on_page += 1
        lines.append("")
    return lines, nodes


def write(vol: Volume, lines: list[str], nodes: list, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{vol.name}.txt").write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    out = [f"# {c}" for c in vol.comment.strip().split("\n")]
    out += [f"# NEUTRAL\t{n}" for n in vol.neutral]
    out += [f"{d}\t{k}\t{t}\t{n}" for d, k, t, n in nodes]
    (folder / f"{vol.name}.outline.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- volumes
def city_numbered_parts(rng: random.Random) -> Volume:
    """A city yearbook: a dot-leader 目录 whose 类目 are 第一部分… with 一、-numbered 分目 rows,
    a 特载 report with its occasion and author lines, 大事记, 部分 in the body numbered the
    same way, 子目 numbered （一）, a roster, a table, an appendix communiqué."""
    v = Volume(
        "city_numbered_parts",
        """Generated by make_synthetic.py (issue 14). City yearbook, one paragraph per line, paragraphs split at page ends
(footer and running header between the halves). 目录 with dot leaders: 特载/大事记/附录 flush, 第一部分… parts with
一、 分目 rows under them. Body: 第X部分 类目, 一、 分目, （一） 子目, 【】 条目. The 特载 report's occasion and author
lines, a roster (职务 姓名), a table caption and rows, the communiqué's issuer and date lines are no nodes.
Document-internal sections are not in the key (as in 000): numbered section headings are NEUTRAL.
First score (written with the rules of the time, then used to tune): STRUCT=0.914 heading P=0.893 F1=0.943 parent=0.800
top=0.606 (the title page's lines as headings; the flush 目录 made every row a 类目). After: STRUCT=1.000.""",
        neutral=[r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"],
    )
    v.line("江城市年鉴")
    v.line("2022")
    v.line("江城市地方志编纂委员会　编")
    v.line("中国文史出版社")
    v.head("编辑说明", 1, "front")
    v.para("一、《江城市年鉴（2022）》是江城市人民政府主管、江城市地方志编纂委员会主办的综合性年鉴，记述江城市2021年经济社会发展情况。")
    v.para("二、本年鉴设特载、大事记、市情概览、政治、经济、社会、县区概况、附录8个部分，部分下设分目、子目、条目。")
    v.para("三、本年鉴资料由市直各部门和各县区提供，数据以统计部门公布的为准。")
    parts = [
        ("市情概览", [("自然地理", ["位置境域", "地形地貌", "气候"]), ("人口", ["人口总量", "人口结构"])]),
        ("政治", [("中共江城市委员会", None), ("江城市人民政府", ["政务服务", "依法行政", "政府督查"])]),
        ("经济", [("农业农村", ["粮食生产", "特色产业", "农村改革"]), ("工业", ["工业经济运行", "园区建设"]),
                 ("商贸流通", ["消费市场", "电子商务"])]),
        ("社会", [("教育", ["学前教育", "义务教育", "职业教育"]), ("卫生健康", ["公共卫生", "医疗服务"])]),
        ("县区概况", [("东湖区", ["概况", "经济发展", "社会事业"]), ("西岭县", ["概况", "经济发展", "社会事业"])]),
    ]
    toc = ["特载", "大事记"]
    for k, (cat, divs) in enumerate(parts):
        toc.append(f"第{'一二三四五'[k]}部分　{cat}")
        toc += [f"{'一二三四五'[j]}、{d}" for j, (d, _e) in enumerate(divs)]
    toc.append("附录")
    v.head("目　　录", 1, "front", "目录")
    page = 1
    for row in toc:
        dots = "…" * max(3, 20 - len(row))
        v.line(f"{row}{dots}{page}")
        page += rng.randint(2, 9)
    v.head("特　　载", 1, "类目", "特载")
    v.head("政府工作报告", 2, "document")
    v.line("——2022年1月12日在江城市第十六届人民代表大会第一次会议上")
    v.line("江城市市长　周建华")
    v.para("各位代表：")
    v.para("现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。")
    v.head("一、2021年工作回顾")
    for _ in range(3):
        v.para(body(rng, 4, 8))
    v.head("二、2022年主要任务")
    for _ in range(3):
        v.para(body(rng, 4, 8))
    v.para("各位代表！新的征程已经开启，让我们团结一心、奋勇前进，为建设现代化江城而努力奋斗！")
    v.head("大　事　记", 1, "类目", "大事记")
    for m in (1, 2, 3):
        v.head(f"{m}月")
        for d in sorted(rng.sample(range(1, 28), 2)):
            v.para(f"{m}月{d}日　{body(rng, 1, 2)}")
    for k, (cat, divs) in enumerate(parts):
        v.head(f"第{'一二三四五'[k]}部分　{cat}", 1, "类目")
        for j, (div, entries) in enumerate(divs):
            v.head(f"{'一二三四五'[j]}、{div}", 2, "分目")
            if entries is None:  # a 分目 with 子目 numbered （一）
                for s, (sub, ents) in enumerate([("重要会议", ["全会", "常委会会议"]), ("组织工作", ["干部队伍建设", "基层党建"])]):
                    v.head(f"（{'一二三'[s]}）{sub}", 3, "子目")
                    for e in ents:
                        v.entry(e, body(rng), 4)
                v.line("中共江城市委员会领导名单")
                v.line("书　　记　王立新")
                v.line("副 书 记　周建华　陈　静")
                v.line("常　　委　李　强　赵国庆　孙　梅")
                continue
            for e in entries:
                v.entry(e, body(rng), 3)
            if div == "农业农村":
                v.line("表1　2021年江城市主要农产品产量")
                v.line("产品\t单位\t产量\t比上年增长（%）")
                v.line("粮食\t万吨\t62.4\t1.8")
                v.line("蔬菜\t万吨\t118.6\t4.2")
    v.head("附　　录", 1, "类目", "附录")
    v.head("江城市2021年国民经济和社会发展统计公报", 2, "document")
    v.line("江城市统计局")
    v.line("2022年3月18日")
    for s in ("一、综合", "二、农业", "三、工业和建筑业"):
        v.head(s)
        v.para(body(rng, 3, 6))
    return v


def county_wrapped_noisy(rng: random.Random) -> Volume:
    """A county yearbook printed in one narrow column, extracted one printed line per text
    line: letter-spaced 类目, ·…· section markers, a heading wrapped over two lines, a 类目
    name repeated as a running header, ASCII-bracket 【】 titles, names alone on
    lines in 人物, a 特载 speech whose date line stands above its title."""
    v = Volume(
        "county_wrapped_noisy",
        """Generated by make_synthetic.py (issue 14). County yearbook in the 000 style (one printed line per text line, a
blank line between lines, a leading space at a page start, - N - page numbers, the volume title as running header on
even pages). No 目录; the 编辑说明 lists the 类目. Letter-spaced 类目 (综 合 经 济), ·概况· markers under 乡镇, a 分目
wrapped over two lines, [ASCII] entry titles, a 特载 speech with its date line over the title and the author under
it, 人物 with names alone on lines (no nodes), the 类目 name as running header on odd pages (no node).
First score (then used to tune): STRUCT=0.936 heading P=0.885 F1=0.885 entry F1=0.973 parent=0.951 top=0.857 (编辑说明 list
without 等, letter-spaced names as 类目, the 分目 wrapped over two lines, 先进模范, the 公报 under its issuer, the running
政治 inside a sentence). After: STRUCT=0.991 (one [ASCII] entry title: the Markdown export escapes its brackets).""",
        neutral=[r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"],
    )
    v.line("石门县年鉴")
    v.line("2021")
    v.head("编 辑 说 明", 1, "front", "编辑说明")
    v.para("一、本年鉴是石门县人民政府主办的地方综合年鉴，逐年编纂出版。")
    v.para("二、本年鉴设特载、大事记、概况、政治、经济、社会、乡镇、人物、附录9个类目，类目下设分目、条目。条目标题用【】标示。")
    v.head("特 载", 1, "类目", "特载")
    v.line("（2020年12月30日）")
    v.head("在县委十四届十二次全体会议上的讲话", 2, "document")
    v.line("县委书记　刘志刚")
    v.para("同志们：")
    v.para("这次全会的主要任务是，传达学习党的十九届五中全会精神，研究部署全县“十四五”发展和明年工作。")
    v.head("一、今年工作的简要回顾")
    v.para(body(rng, 6, 9))
    v.head("二、明年的主要任务")
    v.para(body(rng, 6, 9))
    v.head("大 事 记", 1, "类目", "大事记")
    for m in (1, 2):
        v.head(f"{m} 月")
        for d in sorted(rng.sample(range(1, 28), 2)):
            v.para(f"{m} 月 {d} 日　{body(rng, 1, 2)}")
    v.head("概 况", 1, "类目", "概况")
    v.head("自然地理", 2, "分目")
    for e in ("位置面积", "地形地貌", "气候"):
        v.entry(e, body(rng), 3)
    v.head("政 治", 1, "类目", "政治")
    v.head("中共石门县委员会", 2, "分目")
    v.entry("重要会议", body(rng), 3)
    v.items.append(("para", f"[组织建设]{body(rng)}", (3, "条目", "组织建设")))
    v.head("石门县人民代表大会", 2, "分目", "石门县人民代表大会常务委员会")
    v.line("常务委员会")  # the 分目's heading wrapped over two lines
    v.entry("人大会议", body(rng), 3)
    v.entry("代表工作", body(rng), 3)
    v.head("综 合 经 济", 1, "类目", "综合经济")
    v.head("发展和改革", 2, "分目")
    v.entry("国民经济和社会发展计划", body(rng), 3)
    v.entry("重点项目建设", body(rng), 3)
    v.head("统计", 2, "分目")
    v.entry("统计调查", body(rng), 3)
    v.head("社 会", 1, "类目", "社会")
    v.head("文化旅游", 2, "分目")
    v.entry("公共文化服务", body(rng), 3)
    v.entry("全域旅游", body(rng), 3)
    v.head("医疗保障", 2, "分目")
    v.entry("医保基金管理", body(rng), 3)
    v.head("乡 镇", 1, "类目", "乡镇")
    for town in ("城关镇", "新桥乡"):
        v.head(town, 2, "分目")
        v.head("·概况·", 3, "子目")
        v.entry("基本情况", body(rng), 4)
        v.head("·经济·", 3, "子目")
        v.entry("农业生产", body(rng), 4)
        v.entry("招商引资", body(rng), 4)
    v.head("人 物", 1, "类目", "人物")
    v.head("先进模范", 2, "分目")
    for name in ("张 伟", "李秀兰", "王 强"):
        v.line(name)
        v.para(f"男，汉族，石门县人。{body(rng, 2, 3)}")
    v.head("附 录", 1, "类目", "附录")
    v.head("石门县2020年国民经济和社会发展统计公报", 2, "document")
    v.line("石门县统计局")
    v.head("一、综合")
    v.para(body(rng, 3, 5))
    return v


def speech_collection_pages(rng: random.Random) -> Volume:
    """A collection of speeches laid out page by page: a title page, a 目录 of titles with TAB
    page numbers, speeches grouped under dated occasions, each with its own arrangement of
    title, sub-title, author and date lines; numbered sections 一、 （一） and run-in 1. points."""
    v = Volume(
        "speech_collection_pages",
        """Generated by make_synthetic.py (issue 14). HELD OUT while the rules were written: a collection of speeches in the
page style (the printed lines of a page on consecutive lines, a blank line between fragments, blank lines and
— N — at page ends). Title page (collection title, compiler, date), 出版说明 (front), 目录 (front) with title<TAB>page
rows. Each speech is a document (depth 1) with sections 一、 (2) and （一） (3) on lines of their own; run-in 1.
points, the sub-title (——在…上的讲话), the author line (letter-spaced name), the date line, the salutation and a
closing note are no nodes. Speech titles: some over two lines, one whose date and occasion come first.
First score, before any rule was changed for it: STRUCT=0.837 heading P=0.955 R=0.875 F1=0.913 parent=0.762 top=0.600 (出版说明
not known as front matter, the 目录's last row and the first title block taken for a displaced title block, the last
speech's title block moved to the speech before). After fixes for those kinds: STRUCT=1.000.""",
    )
    v.line("江城市领导讲话汇编")
    v.line("（2021年）")
    v.line("中共江城市委办公室　编")
    v.line("二〇二二年一月")
    v.head("出版说明", 1, "front")
    v.para("为便于各级干部学习贯彻市委、市政府决策部署，现将2021年市领导在重要会议上的讲话汇编成册，供参阅。")
    speeches = [
        ("坚定信心　真抓实干　奋力开创高质量发展新局面", "——在全市经济工作会议上的讲话", "市委书记　王 立 新", "（2021年1月15日）", "before"),
        ("在全市安全生产工作会议上的讲话", None, "市长　周建华", "（2021年3月2日）", "after"),
        ("持续优化营商环境　全力激发市场活力", None, "市委副书记　陈　静", "2021年5月20日", "date_first"),
        ("凝心聚力抓落实　攻坚克难促发展", "——在市委十二届十次全会上的讲话", "王立新", "（2021年7月28日）", "wrapped"),
    ]
    v.head("目　录", 1, "front", "目录")
    p = 1
    for t, *_rest in speeches:
        v.line(f"{re.sub(r'　', ' ', t)}\t{p}")
        p += rng.randint(6, 12)
    for t, sub, author, date, arr in speeches:
        key = re.sub(r"\s+", "", t)
        if arr == "date_first":
            v.line(date)
            v.line("在全市优化营商环境推进大会上")
            v.head(t, 1, "document")
            v.line(author)
        elif arr == "wrapped":
            a, b = t.split("　", 1)
            v.head(a, 1, "document", key)
            v.line(b)
            v.line(sub)
            v.line(author)
            v.line(date)
        else:
            v.head(t, 1, "document")
            if sub:
                v.line(sub)
            v.line(author)
            v.line(date)
        v.para("同志们：")
        v.para(body(rng, 2, 4))
        n_sec = rng.randint(2, 3)
        for s in range(n_sec):
            sec = ["一、充分肯定成绩，准确把握形势", "二、突出工作重点，狠抓任务落实", "三、加强组织领导，提供坚强保障"][s]
            v.head(sec, 2, "section")
            if s == 1:
                for q in range(2):
                    v.head(f"（{'一二'[q]}）{['着力扩大有效投资', '着力深化改革开放'][q]}", 3, "section")
                    v.para(f"1.{body(rng, 1, 2)}2.{body(rng, 1, 2)}")
            else:
                v.para(body(rng, 4, 7))
                v.para(f"一是{body(rng, 1, 1)}二是{body(rng, 1, 1)}")
        v.para("同志们，目标已经明确，任务已经落实，让我们以更加昂扬的斗志，奋力完成全年各项目标任务！")
        v.line("（根据录音整理）")
    return v


def prefecture_pages(rng: random.Random) -> Volume:
    """A prefecture yearbook laid out page by page: a 凡例 naming the 类目 without counting
    them, an indented 目录 with TAB page numbers, a 专文 article with its author, Chinese
    month headings in 大事记, the same entries under every county, a 文件选编 of notices
    with their 文号, a staff table."""
    v = Volume(
        "prefecture_pages",
        """Generated by make_synthetic.py (issue 14). HELD OUT while the rules were written: a prefecture yearbook in the
page style (lines of a page consecutive, a blank line between fragments, — N — and a running header at page
ends). Cover lines, 凡例 (front) naming the 类目 without a count, an indented 目录 (front) with TAB page numbers,
letter-spaced 类目, 分目 and 子目 from the 目录's indentation, 【】 entries wrapped over lines, a 专文 article
(document, depth 2) with its author line, 大事记 with 一月 headings, 县市概况 with the same entries per county,
附录 with a table (caption and rows: no nodes) and two notices (documents, depth 2) with issuer and 文号 lines.
First score, before any rule was changed for it: STRUCT=0.975 heading P=0.939 R=0.969 F1=0.954 parent=0.972 top=1.000 (the
类目 name at page tops taken for headings, a notice's title joined with its 文号, the issuer taken for the title).
After fixes for those kinds: STRUCT=1.000.""",
        neutral=[r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", r"^[一二三四五六七八九十]{1,3}月$"],
    )
    v.line("云岭州年鉴")
    v.line("2023")
    v.line("云岭州地方志编纂委员会办公室　编")
    v.line("云南人民出版社")
    v.head("凡　例", 1, "front", "凡例")
    v.para("一、本年鉴系统记述云岭州2022年政治、经济、文化、社会和生态文明建设等方面的基本情况。")
    v.para("二、本年鉴设专文、大事记、州情概览、政治、经济、社会、县市概况、附录类目，类目下设分目、子目、条目。")
    v.para("三、本年鉴资料由州级各部门和各县市提供。")
    frame = [
        ("州情概览", [("自然环境", None), ("建置沿革", None)]),
        ("政治", [("中共云岭州委员会", ["重要会议", "组织工作"]), ("云岭州人民政府", ["政务服务", "法治政府建设"])]),
        ("经济", [("农业", ["高原特色农业", "林业"]), ("工业", ["规模以上工业", "园区经济"])]),
        ("社会", [("教育", None), ("卫生健康", None)]),
        ("县市概况", [("云城市", None), ("北山县", None), ("南江县", None)]),
    ]
    v.head("目　录", 1, "front", "目录")
    page = 1
    v.line(f"专文\t{page}")
    v.line(f"大事记\t{page + 6}")
    page += 14
    for cat, divs in frame:
        v.line(f"{cat}\t{page}")
        for d, subs in divs:
            v.line(f"　　{d}\t{page}")
            for sub in subs or []:
                v.line(f"　　　　{sub}\t{page}")
            page += rng.randint(3, 8)
    v.line(f"附录\t{page}")
    v.head("专　文", 1, "类目", "专文")
    v.head("奋力谱写云岭高质量发展新篇章", 2, "document")
    v.line("中共云岭州委书记　杨光明")
    v.para(body(rng, 3, 5))
    for sec in ("一、2022年经济社会发展成就", "二、当前面临的形势", "三、2023年工作思路"):
        v.head(sec)
        v.para(body(rng, 5, 9))
        v.para(body(rng, 3, 6))
    v.head("大　事　记", 1, "类目", "大事记")
    for m in ("一月", "二月", "三月"):
        v.head(m)
        for d in sorted(rng.sample(range(1, 28), 3)):
            v.para(f"{d}日　{body(rng, 1, 2)}")
    towns_entries = ["概况", "经济发展", "城乡建设", "社会事业"]
    for cat, divs in frame:
        v.head("　".join(cat) if len(cat) <= 2 else cat, 1, "类目", cat)
        for d, subs in divs:
            v.head(d, 2, "分目")
            if subs:
                for sub in subs:
                    v.head(sub, 3, "子目")
                    for e in rng.sample(["重要会议", "专题学习", "调查研究", "制度建设", "队伍建设", "督查督办"], 2):
                        v.entry(e, body(rng), 4)
            elif cat == "县市概况":
                for e in towns_entries:
                    v.entry(e, body(rng), 3)
            else:
                for e in rng.sample(["基本情况", "主要做法", "工作成效", "存在问题", "发展规划"], 3):
                    v.entry(e, body(rng), 3)
    v.head("附　录", 1, "类目", "附录")
    v.line("表1　2022年云岭州各县市主要经济指标")
    v.line("县市\t地区生产总值（亿元）\t增长（%）")
    v.line("云城市\t312.6\t5.1")
    v.line("北山县\t148.2\t4.6")
    v.line("中共云岭州委办公室　云岭州人民政府办公室")
    v.head("关于印发《云岭州2022年乡村振兴重点工作方案》的通知", 2, "document")
    v.line("云州办发〔2022〕12号")
    v.para("各县市党委和人民政府，州级各部门：")
    v.para(f"《云岭州2022年乡村振兴重点工作方案》已经州委、州政府同意，现印发给你们，请认真贯彻落实。{body(rng, 2, 4)}")
    v.line("2022年3月8日")
    v.line("云岭州人民政府")
    v.head("关于进一步优化营商环境的实施意见", 2, "document")
    v.line("云政发〔2022〕21号")
    v.para("各县市人民政府，州直各部门：")
    v.para(body(rng, 4, 7))
    v.head("一、总体要求")
    v.para(body(rng, 3, 6))
    v.head("二、重点任务")
    v.para(body(rng, 3, 6))
    v.line("2022年6月15日")
    return v


def county_plain_categories(rng: random.Random) -> Volume:
    """The county volume without any frame: the 编辑说明 lists no 类目, there is no 目录, and
    the 类目 are printed plain (not letter-spaced), so only the shape of the heading chains
    tells a 类目 with its first 分目 from a 分目 with its first 子目."""
    v = county_wrapped_noisy(rng)
    items = []
    for what, text, node in v.items:
        if node and node[1] == "类目":
            text = node[2]
        if "个类目" in text:
            text = "二、本年鉴记述石门县2020年的基本情况，资料由县直各部门和各乡镇提供。"
        items.append((what, text, node))
    v.items = items
    v.name = "county_plain_categories"
    v.comment = """Generated by make_synthetic.py (issue 14): county_wrapped_noisy without any frame (no 类目 list in the
编辑说明, no 目录, 类目 printed plain, not letter-spaced); the 类目 name still runs as a header on odd pages.
First score on this kind (before the rule for it): STRUCT=0.904 heading P=0.893 F1=0.926 parent=0.814 top=0.588 (plain
类目 under 概况 as 分目, letter-spaced names as 类目, 附录 demoted to a list, the page-top 类目 name as a heading).
After: STRUCT=0.991 (the [ASCII] entry title: the Markdown export escapes its brackets)."""
    return v


def main() -> None:
    rng = random.Random(14)
    v = city_numbered_parts(rng)
    write(v, *lay_para(v, "江城市年鉴（2022）"), HERE)
    v = county_wrapped_noisy(rng)
    write(v, *lay_wrapped(v, "石门县年鉴（2021）"), HERE)
    v = county_plain_categories(random.Random(3))
    write(v, *lay_wrapped(v, "石门县年鉴（2021）"), HERE)
    v = speech_collection_pages(rng)
    write(v, *lay_page(v), HERE / "heldout")
    v = prefecture_pages(rng)
    write(v, *lay_page(v, header="云岭州年鉴（2023）"), HERE / "heldout")


if __name__ == "__main__":
    main()
