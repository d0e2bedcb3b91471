"""Text from a volume (titles, tag names, findings, paths) shown by Qt as exactly the characters it is.

Qt guesses: a tooltip, a QLabel or a QMessageBox whose text ``Qt.mightBeRichText`` takes for HTML
is rendered as HTML, so an entry title ``【<img src=/dev/zero>…】`` would make Qt read /dev/zero.
Every text built from content goes through this module:

- ``visible(text, limit)``: control characters shown as their Unicode pictures (␁), bidirectional
  overrides and isolates shown as ``[U+202E]`` (so a title cannot reverse the words after it),
  long text elided with “…”; for item texts, labels, combo boxes and the status bar (plain text).
- ``plain_tooltip(text)``: a tooltip escaped and wrapped in ``<qt>`` (Qt shows rich text then, but
  only the markup made here: ``<qt>`` and ``<br>``), each line elided, so it wraps at a sane width.
- ``escape(text, limit)``: the same escaping for the few places that add their own markup.
- ``plain_label``, ``message_box``, ``ask``: labels and message boxes in ``Qt.PlainText``.
- ``action_text``, ``add_content_action``: menu entries named by content (``&`` is not a
  mnemonic, a tab is not a shortcut column).
- ``window_title``: ``[*]`` in a title is not Qt's “modified” placeholder.
"""

from __future__ import annotations

import html
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

#: a tooltip line longer than this is elided (a 10,000-character title is not shown whole)
TOOLTIP_LINE = 300
#: at most this many lines in a tooltip
TOOLTIP_LINES = 24
#: a name in a menu, a combo box, a chip or a window title
NAME = 60
#: a message box's text
MESSAGE = 2000

_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}


def _visible_char(ch: str, one_line: bool) -> str:
    o = ord(ch)
    if ch == "\n":
        return " " if one_line else ch
    if ch == "\t":
        return " " if one_line else ch
    if o < 0x20:
        return chr(0x2400 + o)  # ␀ … ␟
    if o == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= o < 0xA0 or o in _BIDI or 0xD800 <= o < 0xE000:
        return f"[U+{o:04X}]"
    return ch


def visible(text, limit: int | None = None, *, one_line: bool = False) -> str:
    """``text`` as plain characters that cannot change the layout around them: control characters
    as pictures, bidi controls named, line breaks kept (or made spaces with ``one_line``), and
    elided to ``limit`` characters."""
    s = "" if text is None else str(text)
    for old, new in _LINE_BREAKS.items():
        if old in s:
            s = s.replace(old, new)
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or ord(c) in _BIDI or 0xD800 <= ord(c) < 0xE000 for c in s):
        s = "".join(_visible_char(c, one_line) for c in s)
    return elide(s, limit)


def elide(text: str, limit: int | None) -> str:
    """At most ``limit`` characters, the last one “…” when something was cut."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    while cut and unicodedata.category(cut[-1]).startswith("M"):  # no mark cut from its letter
        cut = cut[:-1]
    return cut + "…"


def escape(text, limit: int | None = TOOLTIP_LINE) -> str:
    """``text`` as an HTML fragment showing exactly its characters (one line, elided)."""
    return html.escape(visible(text, limit, one_line=True), quote=False)


def plain_tooltip(text) -> str:
    """A tooltip that shows ``text`` literally: each line escaped and elided, lines joined with
    ``<br>``, the whole wrapped in ``<qt>`` so Qt never takes the content for markup."""
    s = visible(text)
    if not s.strip():
        return ""
    lines = s.split("\n")
    if len(lines) > TOOLTIP_LINES:
        lines = [*lines[: TOOLTIP_LINES - 1], "…"]
    return "<qt>" + "<br>".join(escape(line, TOOLTIP_LINE) for line in lines) + "</qt>"


def plain_label(label: QLabel, text, limit: int | None = None, *, one_line: bool = False) -> QLabel:
    """Set a label's text as plain text (never HTML)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(visible(text, limit, one_line=one_line))
    return label


def message_box(icon: QMessageBox.Icon, title: str, text, parent=None,
                buttons=QMessageBox.StandardButton.Ok) -> QMessageBox:
    """A message box whose text is plain (a title or path in it is shown as written)."""
    box = QMessageBox(icon, window_title(title), visible(text, MESSAGE), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask(parent, title: str, text) -> bool:
    """A modal yes/no question in plain text; True for yes."""
    box = message_box(QMessageBox.Icon.Question, title, text, parent,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def action_text(text, limit: int | None = NAME) -> str:
    """A menu entry's text made from content: one line, elided, ``&`` shown as itself."""
    return visible(text, limit, one_line=True).replace("&", "&&")


def add_content_action(menu, text, icon=None, limit: int | None = NAME):
    """Add a menu entry named by content (a title, a tag path, a file: ``limit=None``, a path is
    read from its end); its tooltip shows it whole (elided at a sane length) as plain text."""
    label = action_text(text, limit)
    a = menu.addAction(label) if icon is None else menu.addAction(icon, label)
    tip = plain_tooltip(text)
    a.setToolTip(tip)
    a.setStatusTip(visible(text, TOOLTIP_LINE, one_line=True))
    return a


def window_title(text, limit: int | None = NAME) -> str:
    """A window title from content: one line, elided, ``[*]`` kept as written."""
    return visible(text, limit, one_line=True).replace("[*]", "[*][*]")
