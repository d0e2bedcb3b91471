"""Runtime files shipped inside the package (found relative to it, so a frozen build needs
no special paths)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: A small invented volume in the style of an extracted yearbook, for trying the tool at once.
SAMPLE_VOLUME = RESOURCES / "sample" / "河西区年鉴2021-示例.txt"
SAMPLE_TITLE = "河西区年鉴（2021）示例"
