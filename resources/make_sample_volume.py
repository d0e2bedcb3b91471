# Builds the bundled sample volume in the style of a PDF extraction (000 style):
# one printed line per text line, a blank line between lines, ~27-char column,
# page starts marked by a leading space, page numbers "- N -", a running header.
# The place, people and figures are invented; nothing is copied from a real volume.
# Run: python resources/make_sample_volume.py
from pathlib import Path

W = 27
paras = []  # (kind, text)
def P(t): paras.append(("p", t))
def H(t): paras.append(("h", t))
H("编辑说明")
P("1.《河西区年鉴（2021）》是河西区人民政府主办、区地方志编纂委员会办公室主编的综合性地方年鉴，全面、系统地记述河西区 2020 年度经济社会发展的基本情况，逐年出版。")
P("2.《河西区年鉴（2021）》采用分类编辑法，设有特载、大事记、区情综述、经济、附录等 5 个类目。全书有 个分目、 个子目、 个条目。全书条目的标题统一用黑体加【 】表示。")
P("3. 由于编者水平有限，缺漏错讹之处在所难免，敬请广大读者指正。")
H("特载")
H("在河西区第五届人民代表大会第四次会议上的政府工作报告")
H("区长 周明远")
H("（2020 年 12 月 28 日）")
P("各位代表：")
P("现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员和列席人员提出意见。")
H("一、2020 年工作回顾")
P("一年来，在区委的坚强领导下，全区上下统筹推进疫情防控和经济社会发展，全年实现地区生产总值 186.4 亿元，同比增长 4.2%；一般公共预算收入 9.7 亿元，同比增长 3.1%。")
P("（一）项目建设持续推进。全年实施重点项目 48 个，完成投资 62.3 亿元，新开工项目 17 个，建成投产项目 12 个，项目落地率达到 91%。")
H("大事记")
H("1 月")
P("1 月 6 日 区委召开常委会（扩大）会议，研究部署 2020 年重点工作。")
P("1 月 21 日 区政府召开新型冠状病毒感染的肺炎疫情防控工作会议，成立区疫情防控工作领导小组。")
H("2 月")
P("2 月 10 日 全区 36 家规模以上工业企业有序复工复产，复工率达 85%。")
H("区 情 综 述")
H("自然地理")
P("【地理位置】 位于示例省中部，东经 104°12′～104°31′，北纬 35°40′～35°52′，东与东岭县接壤，西与西山区相邻，总面积 486.2 平方千米。")
P("【人口民族】 年末全区常住人口 58.36 万人，比上年末增加 0.42 万人，其中城镇人口 51.07 万人，城镇化率为 87.5%。全区有回族、藏族、满族等 21 个少数民族，共 人，占总人口的 %。其中，回族 人，藏族 人，满族 人，其他少数民族 人。")
P("【气候】 属温带大陆性气候，年平均气温 9.6℃，年降水量 318.4 毫米，无霜期 172 天。全年日照时数 2446 小时（合适？）。")
P("【行政区划】 2020 年末，全区辖 9 个街道、2 个镇，设臵 86 个社区居民委员会、24 个村民委员会。")
H("经 济")
H("农业")
P("【概况】 2020 年，全区农作物播种面积 4.8 万亩，粮食总产量 1.26 万吨，蔬菜产量 9.4 万吨，农业总产值 5.87 亿元，同比增长 3.6%。")
P("【高原夏菜】 建成高原夏菜标准化生产基地 6 个，面积 1.2 万亩。实施“菜篮子”工程，新建日光温室 320 座、钢架大棚 ー 千座，带动农户 1800 户户均增收 4600 元。")
H("工业")
P("【概况】 全区规模以上工业企业 36 户，完成工业增加值 21.4 亿元，同比增长 5.3%。其中，装备制造业增加值 8.6 亿元，食品加工业增加值 4.1 亿元。")
P("【节能降耗】 全年规模以上工业万元增加值能耗下降 4.6%，完成淘汰落后产能任务，关停小锅炉 23 台。（以上均为 2019 年数据？请核实）")
H("附录")
H("2020 年河西区主要经济指标")
paras.append(("r", "指标 单位 2020 年 比上年增长（%）"))
paras.append(("r", "地区生产总值 亿元 186.4 4.2"))
paras.append(("r", "一般公共预算收入 亿元 9.7 3.1"))
paras.append(("r", "社会消费品零售总额 亿元 74.6 -2.8"))

NO_START = "，。、；：？！）”’》%"
def wrap(t):
    out, cur = [], ""
    for i, ch in enumerate(t):
        cur += ch
        w = sum(2 if ord(c) > 0x2000 else 1 for c in cur)
        nxt = t[i + 1] if i + 1 < len(t) else ""
        if w >= 2 * W and nxt not in NO_START and not (ch.isdigit() and (nxt.isdigit() or nxt == ".")) and ch != ".":
            out.append(cur.strip()); cur = ""
    if cur.strip(): out.append(cur.strip())
    return out

lines = []
for kind, t in paras:
    if kind == "p":
        lines.extend(wrap(t))
    else:
        lines.append(t)
# page furniture: every ~34 lines a page number and a running header, next page marked by a leading space
out = []
page = 7
for i, l in enumerate(lines):
    if i and i % 22 == 0:
        out.append(f"- {page} -")
        page += 1
        out.append("河西区年鉴（2021）" if page % 2 == 0 else "")
        l = " " + l
    out.append(l)
text = "\n\n".join(x for x in out if x != "") + "\n"
target = Path(__file__).resolve().parent.parent / "yearbook_editor" / "resources" / "sample" / "河西区年鉴2021-示例.txt"
target.write_text(text, encoding="utf-8")
print(len(lines), "lines")
