"""Exporters of a volume as it now stands: text, Markdown, Word, JSON, change report.

Each takes (store, volume_id, path, options=ExportOptions, progress=Progress) and writes
atomically (temporary file, then replace), so an interrupted export leaves no partial file.
"""

from .document import ExportOptions, build_document
from .markdown import export_markdown
from ._atomic import is_read_only
from .report import csv_path, export_report
from .text import corrected_lines, export_text
from .volume_json import export_json, import_json
from .word import export_docx

FORMATS = {
    "text": (export_text, ".txt"),
    "markdown": (export_markdown, ".md"),
    "docx": (export_docx, ".docx"),
    "json": (export_json, ".json"),
    "report": (export_report, ".html"),
}



def export_targets(fmt: str, path) -> list:
    """The files an export in format ``fmt`` to ``path`` writes (the report writes a CSV too)."""
    from pathlib import Path

    return [Path(path), csv_path(path)] if fmt == "report" else [Path(path)]


__all__ = ["FORMATS", "ExportOptions", "build_document", "corrected_lines", "export_docx", "export_json",
           "export_markdown", "export_report", "export_targets", "export_text", "import_json", "is_read_only"]
