"""Command line: ``yearbook-editor [--db PATH] COMMAND ...``.

With a command it works headless over the core; with no command it opens the desktop app
(when the desktop part is installed). Errors are printed as one plain sentence and the
exit status is non-zero; an unexpected fault is written to a log file, not at the editor.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import __version__
from .core.errors import YearbookError

EXIT_ERROR = 1
EXIT_USAGE = 2


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="yearbook-editor",
        description="年鉴校对台：导入 PDF 提取的年鉴文本，修复版面、整理结构、记录每一次修改并导出校正稿。",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--db", metavar="PATH", help="资料库文件（默认：用户数据目录中的 yearbook.db）")
    p.add_argument("--author", metavar="NAME", help="记在修改记录中的编辑姓名（默认：系统用户名）")
    p.add_argument("-q", "--quiet", action="store_true", help="不在标准错误输出进度")
    p.add_argument("--smoke-test", action="store_true",
                   help="自检：在后台打开示例卷册、运行检查、导出所有格式，全部成功才返回 0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

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
    s.add_argument("--format", choices=["text", "markdown", "docx", "json", "report"], default="text",
                   help="导出格式：text 每段一行的校正文本；markdown；docx（Word）；json 完整结构（可再导入）；"
                        "report 修改报告（HTML，另附同名 CSV）")
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    s.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8", help="文本编码（默认 UTF-8）")
    s.add_argument("--node", action="append", default=[], metavar="NODE",
                   help="只导出这个节点（如某个类目）及其下属，可重复；节点编号或标题")
    s.add_argument("--reviewed-only", action="store_true", help="不导出尚未校对（未校）的节点")
    s.add_argument("--force", action="store_true", help="输出文件是只读的也替换它")

    s = sub.add_parser("history", help="显示修改记录（整卷或某个节点）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("node", nargs="?", metavar="NODE", help="节点编号或标题（默认整卷）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")

    s = sub.add_parser("check", help="检查卷册：空白、错字、标点、编者批注、前后不一致（结果保存在资料库中）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table", help="输出格式（默认 table）")
    s.add_argument("--code", action="append", metavar="CODE",
                   help="只运行/显示这一类检查，如 blank 或 char.confusable（可重复）")
    s.add_argument("--all", action="store_true", help="也显示已忽略和已修正的发现")

    from . import cli_store, cli_tags

    cli_tags.add_parsers(sub)
    cli_store.add_parsers(sub)
    return p


class _StderrProgress:
    """Progress lines on stderr: one line per phase, percentages when the total is known."""

    def __init__(self, label: str, quiet: bool):
        self.label, self.quiet = label, quiet
        self._last_msg = None
        self._last_t = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if message != self._last_msg or now - self._last_t > 1.0:
            pct = f" {100 * done // total}%" if total else ""
            print(f"{self.label}: {message}{pct}", file=sys.stderr, flush=True)
            self._last_msg, self._last_t = message, now


#: commands that only read: on a store that cannot be written (a read-only file, folder or
#: medium) they open it read-only instead of refusing
READING_COMMANDS = {"list", "outline", "stats", "export", "history", "search", "index"}


def _store_path(args) -> Path:
    from .core.store import default_store_path

    return Path(args.db) if args.db else default_store_path()


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_store(args):
    from .core.store import Store

    path = _store_path(args)
    if args.command in READING_COMMANDS and path.is_file() and not _writable(path):
        store = Store(path, read_only=True)
        if not args.quiet:
            print(f"资料库 “{path}” 不能写入，已以只读方式打开。", file=sys.stderr)
        return store
    return Store(path)


def _author(args) -> str:
    from .core.volumes import default_author

    return args.author or default_author()


def cmd_import(args, store) -> int:
    from .core.progress import Progress
    from .core.volumes import import_file

    if args.title and len(args.files) > 1:
        raise YearbookError("--title 只能在导入一个文件时使用。")
    failed = 0
    for f in args.files:
        progress = Progress(_StderrProgress(Path(f).name, args.quiet))
        try:
            t0 = time.perf_counter()
            if f.lower().endswith(".json"):
                from .core.export import import_json

                res = import_json(store, f, progress=progress)
            elif args.title:
                from .core.reading import read_source
                from .core.volumes import import_source

                res = import_source(
                    store, read_source(f), source_path=str(Path(f).resolve()), author=_author(args),
                    title=args.title, progress=progress,
                )
            else:
                res = import_file(store, f, author=_author(args), progress=progress)
        except YearbookError as e:
            print(f"错误：{e}", file=sys.stderr)
            failed += 1
            continue
        if res.created:
            print(f"{res.volume_id}\t{res.title}\t已导入（{res.nodes} 个节点，{res.blocks} 个文本块，"
                  f"{time.perf_counter() - t0:.2f} 秒）")
            _structure_findings_after_import(store, res.volume_id)
        else:
            print(f"{res.volume_id}\t{res.title}\t已在资料库中（内容相同），未重复导入")
    return EXIT_ERROR if failed else 0


def _structure_findings_after_import(store, volume_id: int) -> None:
    """Keep the 结构 findings of a new volume (where its outline is doubtful) and say how many."""
    from .core.checks import run_checks, save_findings

    found = save_findings(store, volume_id, run_checks(store, volume_id, codes=["structure"]), codes=["structure"])
    if found:
        print(f"结构检查：有 {len(found)} 处标题或目录可疑，可用 outline 查看（! 标记）或 check --code structure 列出。",
              file=sys.stderr)


def cmd_sample(args, store) -> int:
    from .core.progress import Progress
    from .core.reading import read_source
    from .core.resources import SAMPLE_TITLE, SAMPLE_VOLUME
    from .core.volumes import import_source

    res = import_source(store, read_source(SAMPLE_VOLUME), source_path=str(SAMPLE_VOLUME), author=_author(args),
                        title=SAMPLE_TITLE, progress=Progress(_StderrProgress("示例", args.quiet)))
    state = "已导入" if res.created else "已在资料库中"
    print(f"{res.volume_id}\t{res.title}\t{state}")
    return 0


def cmd_list(args, store) -> int:
    from .core.volumes import list_volumes

    rows = list_volumes(store)
    if not rows:
        print("资料库中还没有卷册。用 import 命令导入文本文件。")
        return 0
    print("编号\t卷册\t文件\t行数\t条目\t修改")
    for r in rows:
        print(f"{r['id']}\t{r['title']}\t{r['source_name']}\t{r['line_count']}\t{r['entries']}\t{r['revisions']}")
    return 0


def cmd_outline(args, store) -> int:
    from .core.edits import REVIEW_STATUS_LABELS
    from .core.structure import load_outline, walk
    from .core.volumes import resolve_volume

    vol = resolve_volume(store, args.volume)
    roots = load_outline(store, vol["id"])
    if args.json:
        def as_dict(n):
            return {"id": n.id, "kind": n.kind, "title": n.title, "lines": [n.line_start, n.line_end],
                    "uncertain": n.uncertain, "status": n.status, "entries": n.entries,
                    "children": [as_dict(c) for c in n.children]}
        print(json.dumps([as_dict(r) for r in roots], ensure_ascii=False, indent=1))
        return 0
    from .core.checks.structure import doubt_label, structure_doubts

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
    from dataclasses import asdict

    from .core.structure import volume_stats
    from .core.volumes import resolve_volume

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
    from .core.checks.structure import structure_doubts

    if st.entries and not st.categories:
        return "没有认出任何类目，以上数目很可能不准，请先用 outline 核对目录结构。"
    doubts = structure_doubts(store, volume_id)
    if doubts:
        return f"结构检查有 {len(doubts)} 处可疑（outline 中以 ! 标记），以上数目可能不准，请先核对。"
    return ""


def cmd_export(args, store) -> int:
    from .core.errors import TargetReadOnly
    from .core.export import FORMATS, ExportOptions
    from .core.progress import Progress
    from .core.volumes import resolve_volume

    vol = resolve_volume(store, args.volume)
    options = ExportOptions(
        node_ids=tuple(_resolve_node(store, vol["id"], n) for n in args.node),
        include_unreviewed=not args.reviewed_only,
        encoding=args.encoding,
        replace_read_only=args.force,
    )
    exporter, _suffix = FORMATS[args.format]
    try:
        exporter(store, vol["id"], args.output, options=options,
                 progress=Progress(_StderrProgress("导出", args.quiet)))
    except TargetReadOnly as e:
        raise YearbookError(f"“{e.path}” 是只读文件，没有覆盖它，也没有导出任何内容；如确要替换，请加上 --force。") from None
    print(f"已导出 {vol['title']} → {args.output}")
    return 0


def _resolve_node(store, volume_id: int, ref: str) -> int:
    from .core.errors import NodeNotFound

    if ref.isdigit():
        if store.scalar("SELECT id FROM nodes WHERE id = ? AND volume_id = ?", (int(ref), volume_id)):
            return int(ref)
    rows = store.query("SELECT id FROM nodes WHERE volume_id = ? AND title = ?", (volume_id, ref))
    if not rows:
        rows = store.query("SELECT id FROM nodes WHERE volume_id = ? AND instr(title, ?) > 0", (volume_id, ref))
    if len(rows) == 1:
        return rows[0]["id"]
    if len(rows) > 1:
        raise YearbookError(f"有 {len(rows)} 个节点的标题含 “{ref}”，请用 outline 命令查看节点编号（#）。")
    raise NodeNotFound(ref)


def cmd_history(args, store) -> int:
    from .core.edits import history
    from .core.volumes import resolve_volume

    vol = resolve_volume(store, args.volume)
    node_id = _resolve_node(store, vol["id"], args.node) if args.node else None
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
              f"{'  （' + r['reason'] + '）' if r['reason'] else ''}")
        print(f"    旧：{r['old_value']}")
        print(f"    新：{r['new_value']}")
    return 0


def cmd_check(args, store) -> int:
    import csv

    from .core.checks import finding_counts, load_findings, run_checks, save_findings
    from .core.progress import Progress
    from .core.volumes import resolve_volume

    vol = resolve_volume(store, args.volume)
    codes = args.code or None
    found = run_checks(store, vol["id"], progress=Progress(_StderrProgress("检查", args.quiet)), codes=codes)
    save_findings(store, vol["id"], found, codes=codes)
    shown = load_findings(store, vol["id"], status=None if args.all else "open")
    if codes:
        shown = [f for f in shown if f.code.startswith(tuple(codes))]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in shown], ensure_ascii=False, indent=1))
    elif args.format == "csv":
        from .core.export.report import spreadsheet_safe

        w = csv.writer(sys.stdout)
        w.writerow(["id", "line", "code", "status", "message", "before", "matched", "after", "suggestion"])
        for f in shown:
            before, match, after = f.context()
            w.writerow([f.id, f.line, f.code, f.status] + [spreadsheet_safe(v) for v in (
                f.message, before, match, after, f.suggestion)])  # volume text: never a formula
    else:
        print(f"{vol['title']}（编号 {vol['id']}）：{len(shown)} 处{'' if args.all else '待处理'}")
        for f in shown:
            before, match, after = f.context(8)
            status = "" if f.status == "open" else f"[{f.status}] "
            fix = "" if f.suggestion is None else (f" → “{f.suggestion}”" if f.suggestion else " → 删去")
            print(f"L{f.line}\t{f.code}\t{status}{f.message}\t…{before}【{match}】{after}…{fix}")
        counts = finding_counts(shown)
        if counts:
            print("合计：" + "，".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


COMMANDS = {
    "import": cmd_import,
    "sample": cmd_sample,
    "list": cmd_list,
    "outline": cmd_outline,
    "stats": cmd_stats,
    "export": cmd_export,
    "history": cmd_history,
    "check": cmd_check,
}


def _command(name: str):
    from . import cli_store, cli_tags

    return COMMANDS.get(name) or cli_tags.COMMANDS.get(name) or cli_store.COMMANDS[name]


def _log_unexpected() -> Path | None:
    import traceback

    try:
        import platformdirs

        folder = Path(platformdirs.user_log_dir("yearbook_editor", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "error.log"
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(sys.argv)}\n")
            traceback.print_exc(file=f)
        return path
    except Exception:
        return None


def _open_app(args, parser) -> int:
    """No command: open the desktop app. It is imported only now, so the command line stays
    free of Qt; when the desktop part cannot start, say why and show the commands."""
    import importlib
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print("没有图形界面（未设置 DISPLAY），无法打开桌面程序。可以使用下面的命令：\n", file=sys.stderr)
        parser.print_help()
        return EXIT_USAGE
    try:
        app = importlib.import_module("yearbook_editor.gui.app")
    except ImportError as e:
        print(f"无法加载桌面程序（{e}）。请检查 PySide6 与系统图形库是否已安装。可以使用下面的命令：\n", file=sys.stderr)
        parser.print_help()
        return EXIT_ERROR
    argv = []
    if args.db:
        argv += ["--db", args.db]
    if args.author:
        argv += ["--author", args.author]
    return app.main(argv)


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test:  # the desktop part is loaded only here, so the command line stays Qt-free
        import importlib

        return importlib.import_module("yearbook_editor.gui.smoke").run()
    if args.command is None:
        return _open_app(args, parser)
    from . import cli_store

    try:
        if args.command in cli_store.PATH_HANDLERS:
            return cli_store.PATH_HANDLERS[args.command](args, _store_path(args))
        with _open_store(args) as store:
            return _command(args.command)(args, store)
    except YearbookError as e:
        print(f"错误：{e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\n已中断。已保存的内容不受影响。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # an internal fault: say so plainly, keep the details in a log
        log = _log_unexpected()
        where = f"详细信息已写入 {log}。" if log else ""
        print(f"错误：程序内部出错，这一操作没有完成。{where}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
