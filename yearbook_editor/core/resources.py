"""Runtime files shipped inside the package (found relative to it, so a frozen build needs
no special paths)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: A small invented volume in the style of an extracted yearbook, for trying the tool at once.
SAMPLE_VOLUME = RESOURCES / "sample" / "河西区年鉴2021-示例.txt"
SAMPLE_TITLE = "河西区年鉴（2021）示例"


def cache_folder() -> Path:
    """The user's cache folder of the program, the same for the desktop app and the command
    line: ``%LOCALAPPDATA%\\yearbook_editor\\Cache`` on Windows (no second "yearbook_editor"
    for an app author), ``~/Library/Caches/yearbook_editor`` on macOS, ``~/.cache/yearbook_editor``
    on Linux. Nothing in it is needed: everything is rebuilt when missing."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("yearbook_editor", appauthor=False))
