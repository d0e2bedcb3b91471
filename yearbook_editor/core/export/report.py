"""The change report: every revision of a volume with where it is (outline path, source
lines), before and after with the differences marked, who, when and why — as CSV (for a
spreadsheet) and as HTML (to read or print) — and the volume's statistics for the 编辑说明.
"""

from __future__ import annotations

import csv
import difflib
import html
import io
from pathlib import Path

from ..edits import history, reason_text
from ..progress import NO_PROGRESS, Progress
from ..store import Store
from ..structure import node_paths, volume_stats
from ._guard import volume_snapshot, write_export
from .document import ExportOptions

FIELD_LABELS = {
    "text": "文字", "kind": "类型", "level": "层级", "pieces": "来源行", "seq": "位置", "deleted": "删除/合并",
    "uncertain": "待确认", "status": "审校状态", "depth": "层级", "created": "新建", "soft_joins": "待确认拼接",
    "anchor_block_id": "标题段落", "title_block_id": "标题段落",
}
COLUMNS = ["编号", "时间", "编辑", "位置", "来源行", "内容", "修改前", "修改后", "原因"]


def report_rows(store: Store, volume_id: int) -> list[dict]:
    paths = node_paths(store, volume_id, include_deleted=True)
    rows = []
    for r in history(store, volume_id):
        lines = f"{r['line_start']}-{r['line_end']}" if r.get("line_start") else ""
        rows.append({
            "编号": r["id"], "时间": r["created_at"], "编辑": r["author"],
            "位置": paths.get(r["node_id"], "") if r.get("node_id") else "",
            "来源行": lines, "内容": "标签" if r["field"].startswith("tag:") else FIELD_LABELS.get(r["field"], r["field"]),
            "修改前": "" if r["old_value"] is None else str(r["old_value"]),
            "修改后": "" if r["new_value"] is None else str(r["new_value"]),
            "原因": reason_text(r["reason"]),
        })
    return rows


#: What a spreadsheet reads as the start of a formula (or of a cell it then re-reads).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """A CSV cell that a spreadsheet shows as text: a value starting like a formula gets a
    leading apostrophe (``=HYPERLINK(…)`` from a volume is not run when the CSV is opened)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv(store: Store, volume_id: int, rows: list[dict] | None = None) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for row in report_rows(store, volume_id) if rows is None else rows:
        w.writerow({c: spreadsheet_safe(row[c]) for c in COLUMNS})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 CSV as such


def diff_html(old: str, new: str) -> tuple[str, str]:
    """Character-level differences (suited to Chinese), escaped, as <del>/<ins> marks."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    a, b = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        x, y = html.escape(old[i1:i2]), html.escape(new[j1:j2])
        if op == "equal":
            a.append(x)
            b.append(y)
        else:
            if x:
                a.append(f"<del>{x}</del>")
            if y:
                b.append(f"<ins>{y}</ins>")
    return "".join(a), "".join(b)


_STYLE = """body{font-family:"Noto Serif CJK SC","Songti SC","SimSun",serif;margin:2em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px;vertical-align:top}
th{background:#eee}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.stats td{text-align:right}.stats th{text-align:left}"""


def report_html(store: Store, volume_id: int, progress: Progress = NO_PROGRESS,
                rows: list[dict] | None = None) -> bytes:
    progress(0, 1, "生成修改报告")
    title = store.scalar("SELECT title FROM volumes WHERE id = ?", (volume_id,)) or ""
    st = volume_stats(store, volume_id)
    rows = report_rows(store, volume_id) if rows is None else rows
    out = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{html.escape(title)} 修改报告"
           f"</title><style>{_STYLE}</style></head><body>",
           f"<h1>{html.escape(title)} 修改报告</h1>",
           "<h2>统计（编辑说明用）</h2><table class='stats'>"]
    for label, value in (("类目", st.categories), ("分目", st.divisions), ("子目", st.subdivisions),
                         ("条目", st.entries), ("字数", f"{st.characters}（约 {st.wan_zi:.1f} 万字）"),
                         ("修改", len(rows))):
        out.append(f"<tr><th>{label}</th><td>{html.escape(str(value))}</td></tr>")
    out.append("</table><h2>修改记录</h2><table><tr>" + "".join(f"<th>{c}</th>" for c in COLUMNS) + "</tr>")
    for n, r in enumerate(rows):
        if n % 1000 == 0:
            progress(n, len(rows) or 1, "生成修改报告")
        before, after = diff_html(r["修改前"], r["修改后"])
        cells = [html.escape(str(r[c])) for c in COLUMNS[:6]] + [before, after, html.escape(r["原因"])]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out).encode("utf-8")


def csv_path(path) -> Path:
    """Where the report's CSV goes: beside the HTML, same name, .csv (never the HTML itself)."""
    path = Path(path)
    beside = path.with_suffix(".csv")
    return beside if beside != path else path.with_name(path.name + ".csv")


def export_report(store: Store, volume_id: int, path, *, options: ExportOptions | None = None,
                  progress: Progress = NO_PROGRESS) -> int:
    """Write the HTML report to ``path`` and the CSV beside it (:func:`csv_path`)."""
    options = options or ExportOptions()
    path = Path(path)
    with volume_snapshot(store, volume_id, [path, csv_path(path)], options, progress):
        rows = report_rows(store, volume_id)
        page = report_html(store, volume_id, progress, rows)
        table = report_csv(store, volume_id, rows)
    progress(1, 1, "写入文件")
    write_export(store, path, page, options)
    write_export(store, csv_path(path), table, options)
    return len(rows)
