"""Exporters of a volume as it now stands: text, Markdown, Word, JSON, change report.

Each takes (store, volume_id, path, options=ExportOptions, progress=Progress) and writes
atomically (temporary file, then replace), so an interrupted export leaves no partial file.
:data:`FORMATS` (``formats.py``) is the registry both clients build their choices from.
"""

from ._atomic import is_read_only
from .document import ExportOptions, build_document
from .filenames import safe_filename
from .formats import ENCODING_LABELS, ENCODINGS, FORMATS, PAPER_LABELS, PAPERS, ExportFormat, export_format
from .markdown import export_markdown
from .report import csv_path, export_report
from .text import corrected_lines, export_text
from .volume_json import export_json, import_json
from .word import export_docx

__all__ = ["ENCODINGS", "ENCODING_LABELS", "FORMATS", "PAPERS", "PAPER_LABELS", "ExportFormat", "ExportOptions",
           "build_document", "corrected_lines", "csv_path", "export_docx", "export_format", "export_json",
           "export_markdown", "export_report", "export_text", "import_json", "is_read_only", "safe_filename"]
