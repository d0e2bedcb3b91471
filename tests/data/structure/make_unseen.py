"""Writes eight more structure volumes with their answer keys, by another hand than make_synthetic.py.

Other wording, other orders and other extraction details, so that the volumes say something about
texts the rules were not written on:

* ``township_tight_pages`` (yearbook) — the page style with narrow columns (22 characters): the
  lines of a page consecutive, a blank line between fragments, blank lines padding a page that a
  new 类目 leaves half empty, ``·N·`` page numbers and the 类目's name as running header; the 目录
  has 部类 labels only there (the body prints no 类目 heading for 社会 and names 综述 otherwise),
  a 大事记 by day without month headings, 乡镇 each with the same entries, 人物 with names alone
  on lines over 简历 paragraphs, a 附录 with a table and a roster.
* ``speeches_occasion_first`` (speech collection) — one paragraph per line, a blank line between,
  paragraphs split at column ends (no mark) and page ends (``— N —`` and the collection's title as
  running header); a 目录 of speech titles with TAB page numbers; speeches whose occasion line
  stands before the title, whose author line stands above the title, with no date; ``同志们：``.
* ``heldout/city_chapter_parts`` (yearbook, kept aside) — one paragraph per line without blank
  lines between, paragraphs split at page ends with ``第 N 页`` and the volume's title; 类目 as
  ``第一篇 …`` with 分目 ``（一）…``; a TAB 目录 with indented rows; 特载 report, 大事记 by day,
  人物 and 附录.
* ``heldout/leaders_talks_no_dates`` (speech collection, kept aside) — the page style with
  first-line indents (two ideographic spaces), ``— N —`` footers, the collection's title as
  running header, a dot-leader 目录; speeches with the author line above the title, no date,
  parts ``一、`` and ``（一）`` on lines of their own and run-in ``第一，`` points (no nodes).
* ``district_numbered_categories`` (yearbook) — one paragraph per line, a blank line between,
  ``- N -`` and the 类目's name or the volume's title at page ends; 部类 printed ``一、综述`` with
  分目 ``（一）…``; two 特载 reports, 大事记 by month, the same 子目 under each 街道, notices in 附录.
* ``county_speech_pages`` (speech collection) — the page style with 20-character lines and no
  running header; titles over two lines, a title naming its occasion, an author line over a title.
* ``city_reports_no_blanks`` (yearbook) and ``talks_run_in_parts`` (speech collection) — one
  paragraph per line without blank lines, page ends marked by a page number and the title; three
  特载 reports in three arrangements, 文件选要 notices; speeches with run-in （一）…。 parts.

The sentences are drawn with a fixed seed: running the script again writes the same files.

    python tests/data/structure/make_unseen.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROSE = [
    "县里统筹推进各项重点工作，主要经济指标保持在合理区间。",
    "全年新增城镇就业1860人，城镇登记失业率控制在3.2%以内。",
    "实施农村人居环境整治项目42个，完成改厕3100户。",
    "各部门压实工作责任，建立周调度、月通报、季考核制度。",
    "完成地区生产总值86.4亿元，按可比价格计算增长6.1%。",
    "新改建农村公路128公里，行政村通客车率达到100%。",
    "组织开展安全生产大检查，排查整治隐患570处。",
    "年内办结群众来信来访事项912件，按期办结率98.6%。",
    "严格落实耕地保护制度，粮食播种面积稳定在25万亩以上。",
    "投入专项资金4300万元，改善义务教育学校办学条件。",
    "全面推行河长制，全县主要河流断面水质达到Ⅲ类标准。",
    "持续开展文明创建活动，评选表彰各类先进典型67名。",
    "落实减税降费政策，为市场主体减负1.7亿元。",
    "建成标准化村卫生室36个，家庭医生签约服务覆盖率达72%。",
]

SPEECH = [
    "这次会议的主要任务是，总结过去一年的工作，安排部署今年的目标任务。",
    "刚才，几位同志作了很好的发言，我都同意，请大家认真抓好落实。",
    "我们要清醒看到，发展不平衡不充分的问题依然突出，一些工作与群众期盼还有差距。",
    "各级各部门要把思想统一到县委的决策部署上来，拿出过硬措施，确保各项任务落地见效。",
    "实践证明，只要我们坚定信心、真抓实干，就没有克服不了的困难。",
    "要坚持项目为王，盯紧签约项目开工率、开工项目投产率。",
    "要把安全发展理念贯穿工作全过程，坚决守住不发生重大事故的底线。",
    "干部作风好不好，群众看得最清楚，要把功夫下在察实情、出实招、办实事上。",
]


def prose(rng: random.Random, pool: list[str] = PROSE, lo: int = 2, hi: int = 4) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


class Book:
    """Units in reading order. A unit is (shape, text, node); shape is 'line' (printed alone, never
    split), 'prose' (a paragraph: wrapped, split at column and page ends) or 'page' (a new page
    starts here); node is (depth, KIND, title) or None; ``absent`` nodes have no printed heading
    and take the line of the unit after them."""

    def __init__(self, name: str, note: str, neutral: tuple[str, ...] = ()) -> None:
        self.name, self.note, self.neutral = name, note, neutral
        self.units: list[tuple[str, str, tuple | None]] = []
        self.pending_absent: list[tuple] = []

    def heading(self, text: str, depth: int, kind: str) -> None:
        self.units.append(("line", text, (depth, kind, re.sub(r"\s+", "", text))))

    def absent(self, title: str, depth: int, kind: str) -> None:
        self.units.append(("absent", "", (depth, kind, title)))

    def plain(self, text: str) -> None:
        self.units.append(("line", text, None))

    def para(self, text: str) -> None:
        self.units.append(("prose", text, None))

    def entry(self, title: str, text: str, depth: int) -> None:
        self.units.append(("prose", f"【{title}】{text}", (depth, "条目", title)))

    def new_page(self) -> None:
        self.units.append(("page", "", None))


def width_of(c: str) -> float:
    return 1.0 if ord(c) > 127 else 0.5


def fold(text: str, width: int) -> list[str]:
    """Printed lines of ``width`` em; closing punctuation never starts a line."""
    rows, cur, used = [], "", 0.0
    for c in text:
        if used + width_of(c) > width and cur and c not in "，。、；：？！）”》%":
            rows.append(cur)
            cur, used = "", 0.0
        cur += c
        used += width_of(c)
    if cur:
        rows.append(cur)
    return rows


def cut_at(text: str, k: int) -> int:
    """A place near ``k`` to split a paragraph: not after a sentence end, not inside 【】."""
    while k < len(text) - 3:
        head = text[:k]
        if text[k - 1] not in "。；：！？】" and head.count("【") == head.count("】"):
            return k
        k += 1
    return -1


class Sheet:
    """The source lines being written, and the key rows with the line each node starts on."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.rows: list[tuple] = []
        self.absent: list[tuple] = []
        self.waiting: list[tuple] = []

    def put(self, text: str, node: tuple | None = None) -> None:
        if node or (self.waiting and text.strip()):
            for w in self.waiting:
                self.rows.append((*w, len(self.lines) + 1))
                self.absent.append((len(self.lines) + 1, w[2]))
            self.waiting = []
        if node:
            self.rows.append((*node, len(self.lines) + 1))
        self.lines.append(text)


def walk(book: Book, sheet: Sheet):
    """The units in order with the 类目 each stands in; an absent node waits in ``sheet`` for the
    next printed line."""
    category = ""
    for shape, text, node in book.units:
        if node and node[1] == "类目":
            category = node[2]
        if shape == "absent":
            sheet.waiting.append(node)
        else:
            yield shape, text, node, category


def set_pages(book: Book, width: int, page_lines: int, footer, header, indent: str = "") -> Sheet:
    """Page style: a page's printed lines consecutive, a blank line between units, blank lines
    padding a page left short, then the footer and the next page's running header."""
    sheet, on_page, page = Sheet(), 0, 1

    def turn(pad: bool, category: str) -> None:
        nonlocal on_page, page
        if pad:
            sheet.lines.extend([""] * max(1, page_lines - on_page))
        sheet.lines.extend(["", footer(page), ""])
        page += 1
        on_page = 0
        top = "" if pad else header(page, category)  # a page opening a part has no running header
        if top:
            sheet.lines.extend([top, ""])

    for shape, text, node, category in walk(book, sheet):
        if shape == "page":
            if on_page:
                turn(True, category)
            continue
        rows = fold(indent + text, width) if shape == "prose" else [text]
        for i, row in enumerate(rows):
            if on_page >= page_lines:
                turn(False, category)
            sheet.put(row, node if i == 0 else None)
            on_page += 1
        sheet.lines.append("")
    return sheet


def set_paragraphs(book: Book, column: int, footer, header, blank: bool = True) -> Sheet:
    """One paragraph per line (a blank line between when ``blank``); a paragraph running over a
    column end goes on on the next line, over a page end (every second column) after the footer
    and the next page's running header."""
    sheet, used, column_no = Sheet(), 0, 1
    gap = [""] if blank else []

    def furniture(category: str) -> None:
        page = (column_no + 1) // 2
        sheet.lines.extend(gap + [footer(page)] + gap)
        top = header(page + 1, category)
        if top:
            sheet.lines.extend([top] + gap)

    for shape, text, node, category in walk(book, sheet):
        if shape == "page":
            continue
        rest, first = text, True
        while shape == "prose" and used + len(rest) > column:
            k = cut_at(rest, max(6, column - used))
            if k < 0:
                break
            sheet.put(rest[:k], node if first else None)
            sheet.lines.extend(gap)
            first, rest, used = False, rest[k:], 0
            column_no += 1
            if column_no % 2 == 1:
                furniture(category)
        sheet.put(rest, node if first else None)
        sheet.lines.extend(gap)
        used += len(rest)
    return sheet


def save(book: Book, sheet: Sheet, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(sheet.lines).rstrip("\n") + "\n"
    (folder / f"{book.name}.txt").write_text(text, encoding="utf-8")
    key = [f"# {x}" for x in book.note.strip().split("\n")]
    key += [f"# NEUTRAL\t{n}" for n in book.neutral]
    key += [f"# ABSENT\t{line}\t{title}" for line, title in sheet.absent]
    key += [f"{d}\t{k}\t{t}\t{n}" for d, k, t, n in sheet.rows]
    (folder / f"{book.name}.outline.tsv").write_text("\n".join(key) + "\n", encoding="utf-8")


SECTIONS = r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"


# ------------------------------------------------------------------------------------ volumes
def township_tight_pages(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("township_tight_pages", """Generated by make_unseen.py (issue 14). County yearbook in the page style with 22-character columns: a page's
lines consecutive, a blank line between fragments, blank lines padding a page a new 类目 leaves short, ·N· page
numbers, the 类目's name as running header. The 目录 has 部类 labels without pages over dot-leader rows; the body
prints 县情综述 for the label 综述 and no heading at all for 社会 (ABSENT: the 类目 named by the 目录 only).
大事记 by day without month headings; 乡镇 with the same entries each; 人物 with names alone on lines over 简历
paragraphs (no nodes); 附录 with a table (caption, header row, rows) and a roster (no nodes), a 统计公报 (document)
with its issuer and date lines.
First score, before any rule was changed for it: STRUCT=0.907 heading P=0.957 R=0.786 F1=0.863 parent=0.859 top=0.824.""", (SECTIONS,))
    for x in ("青溪县年鉴", "2022", "青溪县地方志编纂委员会　编", "团结出版社"):
        b.plain(x)
    b.new_page()
    b.heading("编辑说明", 1, "front")
    b.para("一、《青溪县年鉴（2022）》由青溪县地方志编纂委员会编纂，系统记述2021年全县经济社会发展情况。")
    b.para("二、本书采用部类、分目、条目结构，条目以【】标示。资料由全县各单位提供。")
    b.new_page()
    b.heading("目　录", 1, "front")
    plan = [
        (None, "大事记", [], 1),
        ("综述", "县情综述", [("自然环境", 6), ("人口", 8)], 5),
        ("政治", "政治", [("中共青溪县委员会", 11), ("县人民政府", 15)], 10),
        ("经济", "经济", [("农业", 19), ("工业和信息化", 23), ("商贸服务", 26)], 18),
        ("社会", None, [("教育", 30), ("卫生健康", 33)], 29),
        (None, "乡镇", [], 36),
        (None, "人物", [], 44),
        (None, "附录", [], 48),
    ]
    for label, _body, rows, page in plan:
        if label is None:
            b.plain(f"{_body}……………………{page}")
            continue
        b.plain(label)
        for title, p in rows:
            b.plain(f"{title}……………………{p}")
    b.new_page()
    b.heading("大事记", 1, "类目")
    for m, d in ((1, 6), (1, 19), (2, 3), (3, 12), (4, 28), (6, 1), (7, 15), (9, 9), (11, 20), (12, 30)):
        b.para(f"{m}月{d}日　" + prose(rng, lo=1, hi=2))
    b.new_page()
    b.heading("县情综述", 1, "类目")
    b.para(prose(rng))
    for div, entries in (("自然环境", ["位置面积", "地貌", "气候", "水资源"]), ("人口", ["户籍人口", "人口变动"])):
        b.heading(div, 2, "分目")
        for e in entries:
            b.entry(e, prose(rng), 3)
    for cat, divs in (
        ("政治", [("中共青溪县委员会", ["重要会议", "组织工作", "宣传工作", "统战工作"]),
                  ("县人民政府", ["政务公开", "法治政府建设", "营商环境"])]),
        ("经济", [("农业", ["种植业", "畜牧业", "农业机械化"]), ("工业和信息化", ["规模以上工业", "工业园区"]),
                  ("商贸服务", ["消费品市场", "招商引资"])]),
        ("社会", [("教育", ["学前教育", "义务教育", "高中教育"]), ("卫生健康", ["医疗改革", "疾病预防控制", "妇幼保健"])]),
    ):
        b.new_page()
        if cat == "社会":
            b.absent("社会", 1, "类目")
        else:
            b.heading(cat, 1, "类目")
        for div, entries in divs:
            b.heading(div, 2, "分目")
            for e in entries:
                b.entry(e, prose(rng), 3)
    b.new_page()
    b.heading("乡镇", 1, "类目")
    for town in ("城关镇", "石桥镇", "龙泉乡", "白沙乡"):
        b.heading(town, 2, "分目")
        for e in ("基本情况", "经济发展", "社会事业", "党的建设"):
            b.entry(e, prose(rng, lo=1, hi=3), 3)
    b.new_page()
    b.heading("人物", 1, "类目")
    b.heading("先进人物", 2, "分目")
    for name, born, deed in (("张志强", "1968年3月", "扎根乡村教育三十余年"), ("刘秀英", "1975年10月", "带领村民发展特色种植"),
                             ("王德明", "1982年6月", "在抗洪抢险中冲锋在前")):
        b.plain(name)
        b.para(f"{name}，汉族，{born}生，中共党员。{deed}，" + prose(rng, lo=1, hi=2))
    b.heading("县级领导", 2, "分目")
    for post, names in (("县委书记", "李明华"), ("县长", "陈建国"), ("县委副书记", "赵　平　孙立新")):
        b.plain(f"{post}　{names}")
    b.new_page()
    b.heading("附录", 1, "类目")
    b.heading("统计资料", 2, "分目")
    b.plain("表1　2021年青溪县主要经济指标")
    b.plain("指标　单位　数值　增长（%）")
    for row in ("地区生产总值　亿元　86.4　6.1", "一般公共预算收入　亿元　5.2　8.3", "社会消费品零售总额　亿元　31.7　9.4"):
        b.plain(row)
    b.heading("2021年青溪县国民经济和社会发展统计公报", 2, "document")
    b.plain("青溪县统计局")
    b.plain("2022年3月10日")
    for _ in range(4):
        b.para(prose(rng, lo=3, hi=5))
    b.heading("县直单位负责人名录", 2, "分目")
    for unit, person in (("县委办公室　主任", "周　伟"), ("县发展和改革局　局长", "吴建军"), ("县财政局　局长", "郑丽华")):
        b.plain(f"{unit}　{person}")

    def header(page: int, category: str) -> str:
        return category if category and page % 2 else ("青溪县年鉴（2022）" if page % 2 == 0 else "")

    return b, set_pages(b, 22, 28, lambda n: f"·{n}·", header)


def speeches_occasion_first(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("speeches_occasion_first", """Generated by make_unseen.py (issue 14). Speech collection, one paragraph per line, a blank line between; a
paragraph running over a column end goes on on the next line (no mark), over a page end after — N — and the
collection's title as running header. Title page (title, compiler, month), a 目录 of the speech titles with TAB page
numbers (front). Speeches are documents (depth 1) with standalone 一、 parts (2) and （一） (3). Arrangements: the
occasion line (在…上) before the title, then the author; the author line above the title; no date at all; a title
wrapped over two lines; 同志们： salutations; run-in 第一，第二， points and a closing note are no nodes.
First score, before any rule was changed for it: STRUCT=0.941 heading P=0.789 R=1.000 F1=0.882 parent=1.000 top=1.000.""")
    for x in ("县领导讲话选编", "（2021年度）", "中共青溪县委办公室　编印", "2022年2月"):
        b.plain(x)
    talks = [
        ("抓项目促投资 奋力推动县域经济高质量发展", "occasion_first", "在全县项目建设推进大会上", "县长　陈建国", True),
        ("凝心聚力 真抓实干 全面完成全年目标任务", "author_above", None, "县委书记　李明华", True),
        ("深入推进全面从严治党 为高质量发展提供坚强保证", "wrapped", "在县纪委十四届六次全会上的讲话", "县委书记　李明华", False),
        ("扎实做好安全生产工作 切实保障人民群众生命财产安全", "occasion_first", "在全县安全生产工作会议上", "副县长　孙立新", False),
    ]
    b.heading("目　录", 1, "front")
    for i, (title, *_rest) in enumerate(talks):
        b.plain(f"{title}\t{1 + i * 9}")
    for title, arrangement, occasion, author, sections in talks:
        node = (1, "document", re.sub(r"\s+", "", title))
        if arrangement == "occasion_first":
            b.plain(f"——{occasion}")
            b.units.append(("line", title, node))
            b.plain(author)
        elif arrangement == "author_above":
            b.plain(author)
            b.units.append(("line", title, node))
        else:
            half = title.index(" ")
            b.units.append(("line", title[:half], node))
            b.plain(title[half + 1:])
            b.plain(f"——{occasion}")
            b.plain(author)
        b.plain("同志们：")
        b.para(prose(rng, SPEECH, 2, 3))
        if sections:
            for part, subs in (("一、统一思想，切实增强责任感紧迫感", []),
                               ("二、突出重点，全力以赴抓好关键环节", ["（一）抓好项目谋划储备", "（二）抓好要素保障"]),
                               ("三、强化保障，确保各项任务落到实处", [])):
                b.heading(part, 2, "section")
                b.para(prose(rng, SPEECH, 2, 4) + prose(rng, lo=1, hi=2))
                for sub in subs:
                    b.heading(sub, 3, "section")
                    b.para(prose(rng, SPEECH, 2, 3))
        else:
            b.para("第一，要提高政治站位。" + prose(rng, SPEECH, 2, 3) + "第二，要狠抓工作落实。" + prose(rng, SPEECH, 1, 2))
            b.para("第三，要严明工作纪律。" + prose(rng, SPEECH, 2, 3))
            b.para(prose(rng, SPEECH, 3, 5))
        b.para("同志们，" + prose(rng, SPEECH, 1, 2))
    b.plain("（根据录音整理，有删节）")

    def header(page: int, category: str) -> str:
        return "县领导讲话选编（2021年度）"

    return b, set_paragraphs(b, 260, lambda n: f"— {n} —", header)


def city_chapter_parts(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("city_chapter_parts", """Generated by make_unseen.py (issue 14). KEPT ASIDE: scored before any rule was changed. City yearbook, one
paragraph per line with no blank line between; paragraphs split at page ends by 第 N 页 and the volume's title.
Cover lines, 编辑说明 (front) naming the 篇 without listing them, a TAB 目录 (front) with indented 分目 rows. 类目
printed 第一篇 …, 分目 （一）…, 【】 entries. 特载 report (document, depth 2) with its occasion after the title, author
and date lines and salutation (no nodes; its 一、 parts are neutral), 大事记 by day, 人物 with names alone on a line
and 简历, 附录 with a table and a roster (no nodes).
First score, before any rule was changed: STRUCT=0.968 heading P=0.950 R=0.864 F1=0.905 parent=1.000 top=1.000.""", (r"^(?:[一二三四五六七八九十]+、)",))
    for x in ("滨江市年鉴", "BINJIANG YEARBOOK", "2022", "滨江市地方志办公室　编"):
        b.plain(x)
    b.heading("编辑说明", 1, "front")
    b.para("一、本年鉴按篇、分目、条目三个层次编排，除特载、大事记、附录外共设5篇。")
    b.para("二、本年鉴记述时限为2021年1月1日至12月31日，部分内容适当上溯。")
    parts = [
        ("特载", None, []),
        ("大事记", None, []),
        ("第一篇　市情概览", [("（一）建置沿革", ["历史沿革", "行政区划"]), ("（二）自然资源", ["土地资源", "水资源", "矿产资源"])], None),
        ("第二篇　党政群团", [("（一）中共滨江市委员会", ["全委会议", "常委会议", "组织建设"]),
                        ("（二）滨江市人民政府", ["政务服务", "行政审批制度改革"]),
                        ("（三）群团组织", ["工会", "共青团", "妇联"])], None),
        ("第三篇　经济发展", [("（一）现代农业", ["粮食生产", "高标准农田"]), ("（二）工业经济", ["重点企业", "技术改造"]),
                        ("（三）现代服务业", ["金融", "旅游", "物流"])], None),
        ("第四篇　社会事业", [("（一）教育", ["基础教育", "职业教育"]), ("（二）文化体育", ["公共文化服务", "全民健身"])], None),
        ("第五篇　人物", [("（一）先进模范", [])], None),
        ("附录", None, []),
    ]
    b.heading("目录", 1, "front")
    page = 1
    for cat, divs, *_ in parts:
        b.plain(f"{cat}\t{page}")
        page += 3
        for div, _entries in divs or []:
            b.plain(f"　　{div}\t{page}")
            page += 2
    b.heading("特载", 1, "类目")
    b.heading("凝心聚力谋发展 笃行实干开新局", 2, "document")
    b.plain("——在滨江市第九次党代会第二次会议上的报告")
    b.plain("中共滨江市委书记　欧阳晓东")
    b.plain("（2021年12月26日）")
    b.plain("各位代表、同志们：")
    b.para(prose(rng, SPEECH, 2, 3))
    b.plain("一、过去一年的工作回顾")
    b.para(prose(rng, lo=4, hi=6))
    b.plain("二、今年的主要任务")
    b.para(prose(rng, SPEECH, 3, 5) + prose(rng, lo=2, hi=4))
    b.heading("大事记", 1, "类目")
    for m, d in ((1, 4), (1, 27), (3, 8), (5, 16), (5, 30), (8, 2), (10, 10), (12, 18)):
        b.para(f"{m}月{d}日　" + prose(rng, lo=1, hi=2))
    for cat, divs, *_ in parts[2:6]:
        b.heading(cat, 1, "类目")
        b.para(prose(rng, lo=1, hi=2))
        for div, entries in divs:
            b.heading(div, 2, "分目")
            for e in entries:
                b.entry(e, prose(rng), 3)
            if cat.endswith("人物"):
                for name, born in (("欧阳春", "1965年"), ("林晓梅", "1979年"), ("马建华", "1971年")):
                    b.plain(name)
                    b.para(f"{name}，男，{born}生，滨江市人。" + prose(rng, lo=1, hi=2))
    b.heading("附录", 1, "类目")
    b.heading("（一）统计资料", 2, "分目")
    b.plain("2021年滨江市各区县主要指标")
    b.plain("区县　常住人口（万人）　生产总值（亿元）")
    for row in ("江北区　42.3　312.6", "江南区　38.9　286.1", "东湖县　27.4　98.7"):
        b.plain(row)
    b.heading("（二）市级机关负责人名录", 2, "分目")
    for row in ("市委办公室　主任　许文斌", "市政府办公室　主任　何　静", "市发展改革委　主任　钱海波"):
        b.plain(row)

    def header(page: int, category: str) -> str:
        return "滨江市年鉴·2022"

    return b, set_paragraphs(b, 700, lambda n: f"第 {n} 页", header, blank=False)


def leaders_talks_no_dates(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("leaders_talks_no_dates", """Generated by make_unseen.py (issue 14). KEPT ASIDE: scored before any rule was changed. Speech collection in
the page style (26-character lines, a page's lines consecutive, a blank line between fragments), paragraphs indented
with two ideographic spaces, — N — footers, the collection's title as running header. A dot-leader 目录 of the
speeches (front). Speeches (documents, depth 1): the author line above the title and no date, the occasion after the
title, 同志们： salutations, parts 一、 (2) and （一） (3) on lines of their own, run-in 第一， points (no nodes).
First score, before any rule was changed: STRUCT=1.000 heading P=1.000 R=1.000 F1=1.000 parent=1.000 top=1.000.""")
    b.plain("开发区工作会议讲话汇编")
    b.plain("开发区党工委办公室")
    b.new_page()
    talks = [
        ("坚持创新驱动 加快建设一流园区", "党工委书记　韩志刚", "——在开发区2021年工作会议上的讲话"),
        ("以优化营商环境为抓手 推动招商引资提质增效", "管委会主任　苏明远", "——在全区招商引资工作推进会上的讲话"),
        ("压实责任 守牢底线 全力维护园区安全稳定", "管委会副主任　高　翔", None),
    ]
    b.heading("目　录", 1, "front")
    for i, (title, *_x) in enumerate(talks):
        b.plain(f"{title}…………{1 + 8 * i}")
    for title, author, occasion in talks:
        b.new_page()
        b.plain(author)
        b.heading(title, 1, "document")
        if occasion:
            b.plain(occasion)
        b.plain("同志们：")
        b.para(prose(rng, SPEECH, 2, 3))
        for part, subs in (("一、准确把握当前形势", ["（一）成绩来之不易", "（二）困难不容忽视"]),
                           ("二、全力抓好重点工作", []), ("三、切实改进工作作风", [])):
            b.heading(part, 2, "section")
            b.para(prose(rng, SPEECH, 1, 2) + prose(rng, lo=1, hi=3))
            for sub in subs:
                b.heading(sub, 3, "section")
                b.para("第一，" + prose(rng, SPEECH, 1, 2) + "第二，" + prose(rng, lo=1, hi=2))
        b.para("同志们，" + prose(rng, SPEECH, 1, 2))

    def header(page: int, category: str) -> str:
        return "开发区工作会议讲话汇编"

    return b, set_pages(b, 26, 30, lambda n: f"— {n} —", header, indent="　　")


def district_numbered_categories(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("district_numbered_categories", """Generated by make_unseen.py (issue 14). District yearbook, one paragraph per line, a blank line between;
paragraphs split at page ends by - N - and the running header (the volume's title on even pages, the 类目's name on
odd ones). The 编辑说明 names the 类目 without their numbers; the body prints the 部类 numbered 一、综述 … with 分目
（一）…, 特载/大事记/附录 unnumbered. 特载: a report (title, ——occasion, author, date, salutation) and a report whose
occasion line stands before its title (documents, depth 2; their 一、 parts neutral). 大事记 with 一月 headings. 街道乡镇
with the same 子目 under each 街道 (经济发展, 社会事业). 附录 with two notices (issuer line over a 关于…的通知 title,
文号 under it; documents, depth 2) and a table.
First score, before any rule was changed for it: STRUCT=0.931 heading P=1.000 R=1.000 F1=1.000 parent=0.794 top=0.824.""", (SECTIONS,))
    for x in ("临川区年鉴", "（2022）", "临川区地方志编纂委员会　编"):
        b.plain(x)
    b.heading("编辑说明", 1, "front")
    b.para("一、本年鉴设特载、大事记、综述、党政、经济、社会事业、街道乡镇、附录等8个类目，类目下设分目、条目。")
    b.para("二、本年鉴所用数据以区统计局公布的为准，其他数据由各单位提供。")
    b.heading("特载", 1, "类目")
    b.heading("锚定目标 实干争先 奋力谱写临川高质量发展新篇章", 2, "document")
    b.plain("——在中共临川区委十二届十次全体会议上的报告")
    b.plain("区委书记　王海峰")
    b.plain("（2021年12月30日）")
    b.plain("同志们：")
    b.para(prose(rng, SPEECH, 2, 3))
    for part in ("一、2021年工作回顾", "二、2022年工作安排"):
        b.plain(part)
        b.para(prose(rng, lo=4, hi=6))
    b.plain("——在临川区第十八届人民代表大会第一次会议上")
    b.heading("政府工作报告", 2, "document")
    b.plain("区长　刘建新")
    b.plain("各位代表：")
    b.para(prose(rng, SPEECH, 2, 3) + prose(rng, lo=3, hi=5))
    b.para(prose(rng, lo=4, hi=6))
    b.heading("大事记", 1, "类目")
    for month in ("一月", "三月", "六月", "十月"):
        b.plain(month)
        for day in (3, 17):
            b.para(f"{day}日　" + prose(rng, lo=1, hi=2))
    cats = [
        ("一、综述", [("（一）区情概况", ["地理位置", "行政区划", "人口"]), ("（二）经济社会发展", ["主要指标", "民生实事"])]),
        ("二、党政", [("（一）中共临川区委员会", ["重要会议", "党的建设", "意识形态工作"]),
                   ("（二）临川区人民政府", ["政府常务会议", "依法行政"])]),
        ("三、经济", [("（一）农业农村", ["粮食生产", "乡村振兴"]), ("（二）工业", ["工业运行", "重点项目"])]),
        ("四、社会事业", [("（一）教育", ["学校建设", "教师队伍"]), ("（二）医疗卫生", ["医疗服务", "疫情防控"])]),
    ]
    for cat, divs in cats:
        b.heading(cat, 1, "类目")
        for div, entries in divs:
            b.heading(div, 2, "分目")
            for e in entries:
                b.entry(e, prose(rng), 3)
    b.heading("五、街道乡镇", 1, "类目")
    for street in ("（一）文昌街道", "（二）荆公路街道", "（三）上顿渡镇", "（四）罗湖镇"):
        b.heading(street, 2, "分目")
        b.entry("概况", prose(rng, lo=1, hi=2), 3)
        for sub, entry in (("经济发展", "产业发展"), ("社会事业", "民生保障")):
            b.heading(sub, 3, "子目")
            b.entry(entry, prose(rng, lo=1, hi=3), 4)
    b.heading("附录", 1, "类目")
    for issuer, title, number in (
        ("临川区人民政府办公室", "关于印发《临川区优化营商环境三年行动方案》的通知", "临府办发〔2021〕15号"),
        ("中共临川区委办公室", "关于进一步加强基层治理体系建设的实施意见", "临办发〔2021〕8号"),
    ):
        b.plain(issuer)
        b.heading(title, 2, "document")
        b.plain(number)
        b.plain("各乡镇人民政府、街道办事处，区直各单位：")
        b.para(prose(rng, lo=3, hi=4))
        b.para("第一条　" + prose(rng, lo=1, hi=2))
        b.para("第二条　" + prose(rng, lo=1, hi=2))
    b.plain("2021年临川区各街道乡镇主要指标")
    b.plain("街道乡镇　户籍人口（人）　财政收入（万元）")
    for row in ("文昌街道　58321　12650", "荆公路街道　46210　9830", "上顿渡镇　71204　15420"):
        b.plain(row)

    def header(page: int, category: str) -> str:
        return "临川区年鉴（2022）" if page % 2 == 0 or not category else category

    return b, set_paragraphs(b, 520, lambda n: f"- {n} -", header)


def county_speech_pages(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("county_speech_pages", """Generated by make_unseen.py (issue 14). Written to be kept aside, scored once, then used to tune. Speech collection in
the page style with 20-character lines (a page's lines consecutive, a blank line between fragments, blank lines
padding the page a speech leaves short, - N - footers, no running header). A dot-leader 目录 (front). Speeches
(documents, depth 1): a title wrapped over two lines with ——occasion, a date in Chinese numerals and the author
under it; a title that names the occasion (在…会议上的讲话) with author and date; an author line over a title with no
date; salutations 同志们： and 各位代表：; parts 一、 (2) and （一） (3) on lines of their own; 一是/二是 run-in
points and a closing note are no nodes.
First score, before any rule was changed for it: STRUCT=0.826 heading P=1.000 R=0.909 F1=0.952 parent=0.700 top=0.857.""")
    b.plain("临川区领导讲话选编")
    b.plain("二〇二二年一月")
    b.new_page()
    b.heading("目　录", 1, "front")
    talks = ["坚定信心抓落实 凝心聚力促发展", "在全区经济工作会议上的讲话", "以钉钉子精神抓好巡察整改"]
    for k, t in enumerate(talks):
        b.plain(f"{t}……{1 + 7 * k}")
    b.new_page()
    b.units.append(("line", "坚定信心抓落实", (1, "document", re.sub(r"\s+", "", talks[0]))))
    b.plain("凝心聚力促发展")
    b.plain("——在区委经济工作会议上的讲话")
    b.plain("（二〇二一年十二月二十八日）")
    b.plain("区委书记　王海峰")
    b.plain("同志们：")
    b.para(prose(rng, SPEECH, 2, 3))
    for part, subs in (("一、坚定信心，看清形势", []), ("二、聚焦重点，狠抓落实", ["（一）稳住经济基本盘", "（二）守住民生底线"]),
                       ("三、加强领导，强化保障", [])):
        b.heading(part, 2, "section")
        b.para(prose(rng, SPEECH, 1, 2) + prose(rng, lo=1, hi=2))
        for sub in subs:
            b.heading(sub, 3, "section")
            b.para(prose(rng, SPEECH, 1, 2))
    b.new_page()
    b.heading(talks[1], 1, "document")
    b.plain("区长　刘建新")
    b.plain("（2021年12月29日）")
    b.plain("各位代表：")
    b.para(prose(rng, SPEECH, 2, 3))
    for part in ("一、2021年经济运行情况", "二、2022年重点工作"):
        b.heading(part, 2, "section")
        b.para("一是" + prose(rng, lo=1, hi=2) + "二是" + prose(rng, lo=1, hi=2))
    b.new_page()
    b.plain("区纪委书记　赵　敏")
    b.heading(talks[2], 1, "document")
    b.plain("同志们：")
    for _ in range(3):
        b.para(prose(rng, SPEECH, 2, 4))
    b.plain("（根据录音整理）")
    return b, set_pages(b, 20, 32, lambda n: f"- {n} -", lambda page, category: "")


def city_reports_no_blanks(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("city_reports_no_blanks", """Generated by make_unseen.py (issue 14). City yearbook, one paragraph per line with no blank line between,
paragraphs split at page ends by '- N -' and the volume's title. No 类目 list in the 编辑说明; a TAB 目录 (front) of
the 类目 with their 分目 indented. 特载 with three reports: title, ——occasion, a by-line '中共…委员会书记　姓名', date,
salutation; a by-line over its title; a title over two lines. 文件选要 with notices (title, 文号 under it, addressees;
documents, depth 2; 第一条 not nodes). 人物 with 分目 and names alone on lines over 简历; 附录 with a table and a
roster under numbered 分目 (（一）统计资料, （二）…名录).
First score, written after the rules above and not tuned on: STRUCT=1.000 heading P=1.000 R=1.000 parent=1.000 top=1.000.""", (SECTIONS,))
    for x in ("云岭市年鉴", "2022", "云岭市史志办公室　编"):
        b.plain(x)
    b.heading("编辑说明", 1, "front")
    b.para("一、本年鉴是云岭市第十五部综合年鉴，全面记述2021年云岭市经济社会发展成就。")
    b.para("二、本年鉴分为类目、分目、条目三个层次，以条目为主要记述形式。")
    plan = [
        ("特载", []), ("大事记", []), ("市情", [("地理", ["位置面积", "气候"]), ("人口民族", ["人口", "民族"])]),
        ("党政群团", [("市委", ["全委会", "常委会", "巡察工作"]), ("市政府", ["政务服务", "应急管理"])]),
        ("城乡建设", [("城市建设", ["城市更新", "市政设施"]), ("乡村建设", ["人居环境", "美丽乡村"])]),
        ("文件选要", []), ("人物", [("先进人物", [])]), ("附录", [("（一）统计资料", []), ("（二）市直部门负责人名录", [])]),
    ]
    b.heading("目录", 1, "front")
    page = 1
    for cat, divs in plan:
        b.plain(f"{cat}\t{page}")
        for div, _e in divs:
            page += 2
            b.plain(f"　　{div}\t{page}")
        page += 3
    b.heading("特载", 1, "类目")
    b.heading("坚持稳中求进 推动高质量发展", 2, "document")
    b.plain("——在中国共产党云岭市第六次代表大会第三次会议上的报告")
    b.plain("中共云岭市委员会书记　欧阳红")
    b.plain("（2021年12月20日）")
    b.plain("各位代表、同志们：")
    b.para(prose(rng, SPEECH, 2, 3) + prose(rng, lo=2, hi=3))
    b.plain("一、一年来的工作")
    b.para(prose(rng, lo=4, hi=6))
    b.plain("市长　段志伟")
    b.heading("政府工作报告", 2, "document")
    b.plain("——2022年1月8日在云岭市第九届人民代表大会第一次会议上")
    b.plain("各位代表：")
    b.para(prose(rng, lo=4, hi=6))
    b.units.append(("line", "关于云岭市2021年国民经济和社会发展计划执行情况", (2, "document",
                    "关于云岭市2021年国民经济和社会发展计划执行情况与2022年计划草案的报告")))
    b.plain("与2022年计划草案的报告")
    b.plain("云岭市发展和改革委员会主任　李　强")
    b.plain("各位代表：")
    b.para(prose(rng, lo=4, hi=6))
    b.heading("大事记", 1, "类目")
    for m, d in ((1, 5), (2, 14), (4, 9), (7, 1), (9, 23), (12, 6)):
        b.para(f"{m}月{d}日　" + prose(rng, lo=1, hi=2))
    for cat, divs in plan[2:5]:
        b.heading(cat, 1, "类目")
        for div, entries in divs:
            b.heading(div, 2, "分目")
            for e in entries:
                b.entry(e, prose(rng), 3)
    b.heading("文件选要", 1, "类目")
    for title, number in (("云岭市人民政府关于印发云岭市“十四五”城乡建设规划的通知", "云政发〔2021〕21号"),
                          ("中共云岭市委办公室关于加强新时代基层党组织建设的意见", "云办发〔2021〕30号")):
        b.heading(title, 2, "document")
        b.plain(number)
        b.plain("各县（市、区）委，市委各部委，市级国家机关各委办局党组（党委）：")
        b.para(prose(rng, lo=2, hi=3))
        b.para("第一条　" + prose(rng, lo=1, hi=2))
        b.para("第二条　" + prose(rng, lo=1, hi=2))
    b.heading("人物", 1, "类目")
    b.heading("先进人物", 2, "分目")
    for name, born in (("李春花", "1971年5月"), ("赵建国", "1966年11月")):
        b.plain(name)
        b.para(f"{name}，女，白族，{born}生，云岭市人。" + prose(rng, lo=1, hi=2))
    b.heading("附录", 1, "类目")
    b.heading("（一）统计资料", 2, "分目")
    b.plain("2021年云岭市主要经济指标")
    b.plain("指标　单位　2021年　比上年增长（%）")
    for row in ("地区生产总值　亿元　612.4　7.2", "固定资产投资　亿元　388.1　9.6", "城镇居民人均可支配收入　元　41236　8.1"):
        b.plain(row)
    b.heading("（二）市直部门负责人名录", 2, "分目")
    for row in ("市委办公室　主任　杨　帆", "市发展和改革委员会　主任　李　强", "市财政局　局长　和丽萍"):
        b.plain(row)
    return b, set_paragraphs(b, 640, lambda n: f"- {n} -", lambda page, category: "云岭市年鉴（2022）", blank=False)


def talks_run_in_parts(rng: random.Random) -> tuple[Book, Sheet]:
    b = Book("talks_run_in_parts", """Generated by make_unseen.py (issue 14). Speech collection, one paragraph per line with no blank line
between; paragraphs split at page ends by the collection's title and '第N页'. A title page, a 说明 (front), a 目录
(front) with TAB page numbers. Speeches (documents, depth 1): '在…上的讲话' titles with the author and a bracketed
date under them; a title with ——occasion under it and the author over it; parts 一、 on lines of their own (2) and
run-in parts （一）…。 (3, TITLE up to the first 。); 一是/二是 points no nodes.
First score, written after the rules above and not tuned on: STRUCT=1.000 heading P=1.000 R=1.000 parent=1.000 top=1.000.""")
    for x in ("市政府领导讲话汇编", "（2021）", "云岭市人民政府办公室　编"):
        b.plain(x)
    b.heading("说明", 1, "front")
    b.para("本书收录2021年市政府领导在重要会议上的讲话12篇，按时间先后编排，部分讲话有删节。")
    talks = ["在全市重点项目建设推进会上的讲话", "在全市安全生产和应急管理工作会议上的讲话", "守牢底线 稳中求进"]
    b.heading("目录", 1, "front")
    for k, t in enumerate(talks):
        b.plain(f"{t}\t{1 + 11 * k}")
    for k, t in enumerate(talks):
        if k < 2:
            b.heading(t, 1, "document")
            b.plain("段志伟")
            b.plain(f"（2021年{3 + 4 * k}月{12 + k}日）")
        else:
            b.plain("常务副市长　王建平")
            b.heading(t, 1, "document")
            b.plain("——在全市防汛工作会议上的讲话")
        b.plain("同志们：")
        b.para(prose(rng, SPEECH, 2, 3))
        for part, runs in (("一、认清形势，增强做好工作的责任感", ["着力抓好项目储备。", "着力优化审批服务。"]),
                           ("二、突出重点，推动各项任务落地见效", ["全力保障要素供给。"])):
            b.heading(part, 2, "section")
            b.para(prose(rng, SPEECH, 1, 2))
            for n, head in enumerate(runs):
                num = "（" + "一二三"[n] + "）"
                b.units.append(("prose", num + head + prose(rng, lo=1, hi=3), (3, "section", num + head)))
        b.para("一是" + prose(rng, lo=1, hi=1) + "二是" + prose(rng, SPEECH, 1, 1))
    return b, set_paragraphs(b, 600, lambda n: f"第{n}页", lambda page, category: "市政府领导讲话汇编", blank=False)


def main() -> None:
    rng = random.Random(20261206)
    for make, folder in ((township_tight_pages, HERE), (speeches_occasion_first, HERE),
                         (city_chapter_parts, HERE / "heldout"), (leaders_talks_no_dates, HERE / "heldout"),
                         (district_numbered_categories, HERE), (county_speech_pages, HERE),
                         (city_reports_no_blanks, HERE), (talks_run_in_parts, HERE)):
        book, sheet = make(rng)
        save(book, sheet, folder)


if __name__ == "__main__":
    main()
