"""Default export file names made from volume titles, safe on Windows, macOS and Linux.

A title is the editor's text (or the parser's guess from the volume): it may hold path
separators (``../../etc/x``), characters Windows refuses (``a/b:c*?``), names Windows keeps
for devices (``CON``, ``com1.txt``), control and bidi characters (U+202E can make
``txt.exe`` look like ``exe.txt``), or be empty or very long. ``safe_filename`` keeps the
readable part and always returns one plain file name (never a path) ending in ``suffix``.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters no file name may hold on one system or another, control characters, and the
#: format characters that change how a name is displayed (bidi overrides, zero widths).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in "123456789¹²³"),
             *(f"LPT{i}" for i in "123456789¹²³")}
#: Bytes a name may take (ext4 and most systems allow 255; room is left for the suffix and
#: the temporary name the atomic writer adds: ".<name>.XXXXXXXX.part").
_MAX_NAME_BYTES = 180
DEFAULT_NAME = "未命名卷册"


def _suffix(suffix: str) -> str:
    s = _UNSAFE.sub("", unicodedata.normalize("NFC", suffix or "")).strip().strip(".")
    s = re.sub(r"[^\w.-]", "", s)[:16]
    return f".{s}" if s else ""


def safe_filename(title: str, suffix: str = "") -> str:
    """A file name for ``title`` + ``suffix`` (e.g. ``".txt"``) that every system accepts."""
    name = unicodedata.normalize("NFC", str(title or ""))
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"_{2,}", "_", name)
    name = re.sub(r"\.{2,}", ".", name)  # no '..' anywhere
    name = name.strip(" ._")
    ext = _suffix(suffix)
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    if not name:
        name = DEFAULT_NAME
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = f"_{name}"
    return name + ext
