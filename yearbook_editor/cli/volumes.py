"""Command-line commands for volumes: ``import``, ``sample``, ``list``, ``outline``, ``stats``,
``export``, ``history``."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from ..core.checks.runner import structure_doubts
from ..core.checks.structure import doubt_label
from ..core.edits import REVIEW_STATUS_LABELS, history, reason_text
from ..core.errors import TargetReadOnly, YearbookError
from ..core.export import ENCODINGS, FORMATS, PAPERS, ExportOptions, export_format
from ..core.progress import Progress
from ..core.structure import find_node, load_outline, volume_stats, walk
from ..core.usecases import export_volume, import_path, import_sample, note_structure_doubts
from ..core.volumes import list_volumes, resolve_volume
from .common import EXIT_ERROR, StderrProgress, author

#: commands that only read: a store that cannot be written is opened read-only for them
READING = {"list", "outline", "stats", "export", "history"}


def add_parsers(sub) -> None:
    s = sub.add_parser("import", help="导入一个或多个文本文件或卷册 JSON（同一内容不会重复导入）")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--title", help="卷册名称（只导入一个文件时可用；默认从文本或文件名得出）")

    sub.add_parser("list", help="列出资料库中的卷册")

    sub.add_parser("sample", help="导入随程序附带的示例卷册（虚构的《河西区年鉴（2021）》），便于试用")

    s = sub.add_parser("outline", help="显示卷册的结构（类目/分目/子目/条目）")
    s.add_argument("volume", metavar="VOLUME", help="卷册编号或书名开头")
    s.add_argument("--depth", type=int, default=0, help="只显示到第几层（默认全部）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")

    s = sub.add_parser("stats", help="统计类目、分目、子目、条目数和字数（编辑说明所需数字）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")

    s = sub.add_parser("export", help="导出校正后的卷册")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("--format", choices=list(FORMATS), default="text",
                   help="导出格式：" + "；".join(f"{f.name} {f.summary}" for f in FORMATS.values()))
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    s.add_argument("--encoding", choices=list(ENCODINGS), default=None,
                   help="文本编码（默认 UTF-8）；可用的编码：" + "；".join(
                       f"{f.name} {'、'.join(f.encodings)}" for f in FORMATS.values() if f.encodings))
    s.add_argument("--paper", choices=list(PAPERS), default=ExportOptions.paper,
                   help="Word 文档的纸张：" + "；".join(f"{k} {p.name}（{p.width_mm}×{p.height_mm} mm）"
                                                   for k, p in PAPERS.items()) + f"（默认 {ExportOptions.paper}）")
    s.add_argument("--node", action="append", default=[], metavar="NODE",
                   help="只导出这个节点（如某个类目）及其下属，可重复；节点编号或标题")
    s.add_argument("--reviewed-only", action="store_true", help="不导出尚未校对（未校）的节点")
    s.add_argument("--force", action="store_true", help="输出文件是只读的也替换它")

    s = sub.add_parser("history", help="显示修改记录（整卷或某个节点）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("node", nargs="?", metavar="NODE", help="节点编号或标题（默认整卷）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_import(args, store) -> int:
    if args.title and len(args.files) > 1:
        raise YearbookError("--title 只能在导入一个文件时使用。")
    failed = 0
    for f in args.files:
        progress = Progress(StderrProgress(Path(f).name, args.quiet))
        try:
            t0 = time.perf_counter()
            res = import_path(store, f, author=author(args), title=args.title, progress=progress)
        except YearbookError as e:
            print(f"错误：{e}", file=sys.stderr)
            failed += 1
            continue
        if res.created:
            print(f"{res.volume_id}\t{res.title}\t已导入（{res.nodes} 个节点，{res.blocks} 个文本块，"
                  f"{time.perf_counter() - t0:.2f} 秒）")
            doubts = note_structure_doubts(store, res.volume_id)
            if doubts:
                print(f"结构检查：有 {doubts} 处标题或目录可疑，可用 outline 查看（! 标记）或 check --code structure 列出。",
                      file=sys.stderr)
        else:
            print(f"{res.volume_id}\t{res.title}\t已在资料库中（内容相同），未重复导入")
    return EXIT_ERROR if failed else 0


def cmd_sample(args, store) -> int:
    res = import_sample(store, author=author(args), progress=Progress(StderrProgress("示例", args.quiet)))
    print(f"{res.volume_id}\t{res.title}\t{'已导入' if res.created else '已在资料库中'}")
    return 0


def cmd_list(args, store) -> int:
    rows = list_volumes(store)
    if not rows:
        print("资料库中还没有卷册。用 import 命令导入文本文件。")
        return 0
    print("编号\t卷册\t文件\t行数\t条目\t修改")
    for r in rows:
        print(f"{r['id']}\t{r['title']}\t{r['source_name']}\t{r['line_count']}\t{r['entries']}\t{r['revisions']}")
    return 0


def _outline_dict(n) -> dict:
    return {"id": n.id, "kind": n.kind, "title": n.title, "lines": [n.line_start, n.line_end],
            "uncertain": n.uncertain, "status": n.status, "entries": n.entries,
            "children": [_outline_dict(c) for c in n.children]}


def cmd_outline(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    roots = load_outline(store, vol["id"])
    if args.json:
        print(json.dumps([_outline_dict(r) for r in roots], ensure_ascii=False, indent=1))
        return 0
    doubts: dict[int, list[str]] = {}
    for f in structure_doubts(store, vol["id"]):
        if f.node_id is not None and f.code != "structure.toc_missing":
            doubts.setdefault(f.node_id, []).append(doubt_label(f))
    print(f"{vol['title']}（编号 {vol['id']}）  ? = 待确认  ! = 结构可疑  # = 节点编号")
    for n in walk(roots):
        if args.depth and n.depth > args.depth:
            continue
        mark = "!" if n.id in doubts else "?" if n.uncertain else " "
        count = f"  {n.entries} 条目" if n.entries and n.kind != "entry" else ""
        status = "" if n.status == "unreviewed" else f"  [{REVIEW_STATUS_LABELS.get(n.status, n.status)}]"
        why = f"  （{'、'.join(doubts[n.id])}）" if n.id in doubts else ""
        print(f"{'  ' * (n.depth - 1)}{mark}{n.label} {n.title}  #{n.id}  L{n.line_start}-{n.line_end}{count}{status}{why}")
    return 0


def cmd_stats(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    st = volume_stats(store, vol["id"])
    if args.json:
        print(json.dumps({"volume": vol["id"], "title": vol["title"], **asdict(st), "wan_zi": round(st.wan_zi, 1)},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{vol['title']}（编号 {vol['id']}）")
    print(f"类目\t{st.categories}")
    print(f"分目\t{st.divisions}")
    print(f"子目\t{st.subdivisions}")
    print(f"条目\t{st.entries}")
    print(f"字数\t{st.characters}（约 {st.wan_zi:.1f} 万字，不含页眉页码等）")
    print(f"待确认\t{st.uncertain}")
    print(f"编辑说明用语：全书有 {st.categories} 个类目、{st.divisions} 个分目、{st.subdivisions} 个子目、"
          f"{st.entries} 个条目，约 {st.wan_zi:.1f} 万字。")
    warning = _stats_doubt(store, vol["id"], st)
    if warning:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def _stats_doubt(store, volume_id: int, st) -> str:
    """One sentence when the counts above may be wrong: no 类目 found, or 结构 findings."""
    if st.entries and not st.categories:
        return "没有认出任何类目，以上数目很可能不准，请先用 outline 核对目录结构。"
    doubts = structure_doubts(store, volume_id)
    if doubts:
        return f"结构检查有 {len(doubts)} 处可疑（outline 中以 ! 标记），以上数目可能不准，请先核对。"
    return ""


def cmd_export(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    fmt = export_format(args.format)
    if args.encoding and not fmt.encodings:
        raise YearbookError(f"{fmt.name} 格式不是文本文件，不能指定编码。")
    options = ExportOptions(
        node_ids=tuple(find_node(store, vol["id"], n) for n in args.node),
        include_unreviewed=not args.reviewed_only,
        encoding=args.encoding or (fmt.encodings[0] if fmt.encodings else ExportOptions.encoding),
        paper=args.paper,
        replace_read_only=args.force,
    )
    try:
        export_volume(store, vol["id"], fmt.name, args.output, options=options,
                      progress=Progress(StderrProgress("导出", args.quiet)))
    except TargetReadOnly as e:
        raise YearbookError(f"“{e.path}” 是只读文件，没有覆盖它，也没有导出任何内容；如确要替换，请加上 --force。") from None
    print(f"已导出 {vol['title']} → {args.output}")
    return 0


def cmd_history(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    node_id = find_node(store, vol["id"], args.node) if args.node else None
    rows = history(store, vol["id"], node_id)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("没有修改记录。")
        return 0
    for r in rows:
        where = f"L{r['line_start']}-{r['line_end']}" if r.get("line_start") else ""
        print(f"#{r['id']}  {r['created_at']}  {r['author']}  {r['target']} {r['target_id']} {where}  {r['field']}"
              f"{'  （' + reason_text(r['reason']) + '）' if r['reason'] else ''}")
        print(f"    旧：{r['old_value']}")
        print(f"    新：{r['new_value']}")
    return 0


COMMANDS = {
    "import": cmd_import,
    "sample": cmd_sample,
    "list": cmd_list,
    "outline": cmd_outline,
    "stats": cmd_stats,
    "export": cmd_export,
    "history": cmd_history,
}
