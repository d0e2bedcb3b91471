"""Exporters of a volume as it now stands."""

from .text import corrected_lines, export_text

FORMATS = {"text": export_text}

__all__ = ["FORMATS", "corrected_lines", "export_text"]
