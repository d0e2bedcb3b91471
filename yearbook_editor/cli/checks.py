"""Command-line command ``check``: run the checks, keep the findings, list them."""

from __future__ import annotations

import csv
import json
import sys

from ..core.checks import finding_counts, findings_as_stored, load_findings, run_checks, save_findings
from ..core.export.report import spreadsheet_safe
from ..core.progress import Progress
from ..core.volumes import resolve_volume
from .common import StderrProgress

#: check keeps its findings in the store; on a store that cannot be written it runs read-only
#: and lists them without keeping them (saying so once)
READING = {"check"}

CSV_COLUMNS = ["id", "line", "code", "status", "message", "before", "matched", "after", "suggestion"]


def add_parsers(sub) -> None:
    s = sub.add_parser("check", help="检查卷册：空白、错字、标点、编者批注、前后不一致（结果保存在资料库中）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table", help="输出格式（默认 table）")
    s.add_argument("--code", action="append", metavar="CODE",
                   help="只运行/显示这一类检查，如 blank 或 char.confusable（可重复）")
    s.add_argument("--all", action="store_true", help="也显示已忽略和已修正的发现")


def write_csv(findings, out) -> None:
    """The findings as CSV on a text stream. Rows end in "\\n", which the stream turns into
    the system's line end (a "\\r\\n" here would become "\\r\\r\\n" on Windows: a blank row
    after each finding in Excel)."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for f in findings:
        before, match, after = f.context()
        w.writerow([f.id, f.line, f.code, f.status] + [spreadsheet_safe(v) for v in (
            f.message, before, match, after, f.suggestion)])  # volume text: never a formula


def cmd_check(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    codes = args.code or None
    found = run_checks(store, vol["id"], progress=Progress(StderrProgress("检查", args.quiet)), codes=codes)
    if store.read_only:
        print(f"资料库 “{store.path}” 不能写入：下面列出这次检查的发现，但没有保存到资料库中。", file=sys.stderr)
        shown = [f for f in findings_as_stored(store, vol["id"], found) if args.all or f.status == "open"]
    else:
        save_findings(store, vol["id"], found, codes=codes)
        shown = load_findings(store, vol["id"], status=None if args.all else "open")
    if codes:
        shown = [f for f in shown if f.code.startswith(tuple(codes))]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in shown], ensure_ascii=False, indent=1))
    elif args.format == "csv":
        write_csv(shown, sys.stdout)
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


COMMANDS = {"check": cmd_check}
