"""The export formats, in one registry that both clients build their choices from.

Each :class:`ExportFormat` says what the command line's ``--format``/``--encoding``/``--paper``
choices and the export dialog's format list, encoding and paper boxes offer: its name, file
suffix, the text encodings it can be written in (the first is the default; none for a binary
format), the paper sizes it can be laid out on (Word only: A4 or 16开), a label
for the desktop app and a short description for the command line's help. The label is the
English source text the app translates (``gui/export_dialog.py`` marks each one for the
translators; a test checks that every registered label is marked there).

:meth:`ExportFormat.export` refuses an encoding or a paper size the format does not offer
instead of silently writing another one.

Adding a format: write its exporter (``(store, volume_id, path, *, options, progress)``,
writing through ``_guard.write_export``), add one entry to :data:`FORMATS`, mark its label in
``gui/export_dialog.py`` and translate it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import YearbookError
from ..progress import NO_PROGRESS, Progress
from ..store import Store
from .document import ExportOptions
from .markdown import export_markdown
from .report import csv_path, export_report
from .text import export_text
from .volume_json import export_json
from .word import export_docx
from .word_style import PAPERS

#: how each text encoding is offered (English labels, translated by the app)
ENCODING_LABELS = {"utf-8": "UTF-8", "gb18030": "GB18030 (older Chinese software)"}
#: how each paper size of the Word export is offered (English labels, translated by the app)
PAPER_LABELS = {"a4": "A4", "16k": "16K (184 × 260 mm)"}


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what --format takes
    suffix: str  # of the file written, with the dot
    label: str  # the app's name for it (English source text, translated by the app)
    summary: str  # one phrase for the command line's help (Chinese)
    encodings: tuple[str, ...]  # text encodings it can be written in, default first; () for binary
    writer: Callable[..., int]
    papers: tuple[str, ...] = ()  # paper sizes it can be laid out on (word_style.PAPERS), default first
    companions: Callable[[Path], list[Path]] = lambda path: []  # further files written beside the target

    def targets(self, path: str | Path) -> list[Path]:
        """Every file an export to ``path`` writes (the change report writes a CSV beside it)."""
        return [Path(path), *self.companions(Path(path))]

    def export(self, store: Store, volume_id: int, path: str | Path, *, options: ExportOptions = ExportOptions(),
               progress: Progress = NO_PROGRESS) -> int:
        if self.encodings and options.encoding not in self.encodings:
            raise YearbookError(f"{self.name} 格式只能以 {'、'.join(e.upper() for e in self.encodings)} 编码导出，"
                                f"不能用 {options.encoding}。")
        if options.paper not in (self.papers or (ExportOptions.paper,)):
            offered = f"可用的规格：{'、'.join(self.papers)}" if self.papers else "纸张规格只用于 Word 导出"
            raise YearbookError(f"{self.name} 格式不能选纸张规格 {options.paper}；{offered}。")
        return self.writer(store, volume_id, path, options=options, progress=progress)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("text", ".txt", "Corrected text (.txt)", "每段一行的校正文本", ("utf-8", "gb18030"), export_text),
    ExportFormat("markdown", ".md", "Markdown (.md)", "Markdown", ("utf-8",), export_markdown),
    ExportFormat("docx", ".docx", "Word document (.docx)", "Word 文档", (), export_docx, papers=tuple(PAPERS)),
    ExportFormat("json", ".json", "Volume JSON, for re-import (.json)", "完整结构（可再导入）", ("utf-8",),
                 export_json),
    ExportFormat("report", ".html", "Change report (.html, with a .csv beside it)", "修改报告（HTML，另附同名 CSV）",
                 ("utf-8",), export_report, companions=lambda path: [csv_path(path)]),
)}

#: every text encoding some format offers, in the order first offered
ENCODINGS: tuple[str, ...] = tuple(dict.fromkeys(e for f in FORMATS.values() for e in f.encodings))


def export_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise YearbookError(f"没有 “{name}” 这种导出格式；可用的格式：{'、'.join(FORMATS)}。") from None
