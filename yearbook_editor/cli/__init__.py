"""Command line: ``yearbook-editor [--db PATH] COMMAND ...``.

With a command it works headless over the core; with no command it opens the desktop app
(when the desktop part is installed). Errors are printed as one plain sentence and the
exit status is non-zero; an unexpected fault is written to a log file, not at the editor.

One module per command group, each with ``add_parsers(sub)``, ``COMMANDS`` (name → handler
taking the parsed arguments and an open store) and ``READING`` (the commands that can work read-only):
``volumes`` (import, sample, list, outline, stats, export, history), ``checks`` (check),
``tags`` (tag, search, index) and ``store`` (backups, restore — these get the store's path,
not an open store — and verify). ``common`` holds what they share, ``console`` the encoding
of what they write.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

import platformdirs

from .. import __version__
from ..core.errors import YearbookError
from . import checks, console, store, tags, volumes
from .common import EXIT_ERROR, EXIT_USAGE, open_store, store_path

GROUPS = (volumes, checks, tags, store)
COMMANDS = {name: handler for group in GROUPS for name, handler in group.COMMANDS.items()}
#: commands that can work on a store that cannot be written (a read-only file, folder or medium):
#: they open it read-only instead of refusing (check and verify then list what they find
#: without keeping it)
READING_COMMANDS = frozenset().union(*(group.READING for group in GROUPS))

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_USAGE", "READING_COMMANDS", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="yearbook-editor",
        description="年鉴校对台：导入 PDF 提取的年鉴文本，修复版面、整理结构、记录每一次修改并导出校正稿。",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--db", metavar="PATH", help="资料库文件（默认：用户数据目录中的 yearbook.db）")
    p.add_argument("--author", metavar="NAME", help="记在修改记录中的编辑姓名（默认：系统用户名）")
    p.add_argument("-q", "--quiet", action="store_true", help="不在标准错误输出进度")
    p.add_argument("--output-encoding", metavar="ENCODING", type=console.codec_name,
                   help="输出（屏幕、管道或重定向的文件）的编码，如 utf-8。默认用控制台的编码，"
                        "GBK 代码页改用与之兼容、不丢字的 GB18030")
    p.add_argument("--smoke-test", action="store_true",
                   help="自检：在后台打开示例卷册、运行检查、导出所有格式，全部成功才返回 0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.add_parsers(sub)
    return p


def _log_unexpected() -> Path | None:
    try:
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
    free of Qt; when the desktop part cannot start (Qt's system libraries missing), say why
    and show the commands."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print("没有图形界面（未设置 DISPLAY），无法打开桌面程序。可以使用下面的命令：\n", file=sys.stderr)
        parser.print_help()
        return EXIT_USAGE
    try:
        app = importlib.import_module("yearbook_editor.gui.app")
    except ImportError as e:  # a missing libGL or libxkbcommon shows up here: a sentence, not a traceback
        print(f"无法加载桌面程序（{e}）。请检查 PySide6 与系统图形库是否已安装。可以使用下面的命令：\n", file=sys.stderr)
        parser.print_help()
        return EXIT_ERROR
    argv = []
    if args.db:
        argv += ["--db", args.db]
    if args.author:
        argv += ["--author", args.author]
    return app.main(argv)


def _run(args) -> int:
    if args.command in store.PATH_COMMANDS:
        return store.PATH_COMMANDS[args.command](args, store_path(args))
    with open_store(args, reading=args.command in READING_COMMANDS) as opened:
        return COMMANDS[args.command](args, opened)


def main(argv: list[str] | None = None) -> int:
    with console.console_streams():  # the help and argparse's own messages too
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.smoke_test:  # the desktop part is loaded only here, so the command line stays Qt-free
            return importlib.import_module("yearbook_editor.gui.smoke").run()
        if args.command is None:
            return _open_app(args, parser)
        with console.console_streams(args.output_encoding):
            return _run_reporting(args)


def _run_reporting(args) -> int:
    """Run the command; whatever goes wrong becomes one sentence on stderr and an exit status."""
    try:
        return _run(args)
    except YearbookError as e:
        print(f"错误：{e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\n已中断。已保存的内容不受影响。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # an internal fault: say so plainly, keep the details in a log
        log = _log_unexpected()
        where = f"详细信息已写入 {log}。" if log else ""
        print(f"错误：程序内部出错，这一操作没有完成。{where}", file=sys.stderr)
        return EXIT_ERROR
