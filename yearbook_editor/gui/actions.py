"""Menu actions from tables of specs.

Each feature controller lists its actions once, as :class:`ActionSpec` rows (name, text, tip,
shortcut, menu, slot, needs-write); :class:`ActionTable` makes the ``QAction``\\ s from them,
sets their texts again when the language changes (the controller's ``specs()`` is asked
again, so its ``tr`` calls run in the new language), and disables the actions that write
while the store is read-only. The main window places the actions in its menus by each
spec's ``menu`` ("file.open": menu ``file``, section ``open``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One menu action. ``submenu`` fills the action's own menu each time before it shows."""

    name: str  # the QAction's objectName
    text: str
    tip: str = ""
    shortcut: Shortcut | tuple[Shortcut, ...] = ()
    menu: str = ""  # "menu.section"; empty: in no menu-bar menu (context menus, panes)
    slot: Callable[[], object] | None = None
    needs_write: bool = False
    checkable: bool = False
    submenu: Callable[[QMenu], None] | None = None


def key_sequences(shortcut) -> list[QKeySequence]:
    keys = shortcut if isinstance(shortcut, tuple) else (shortcut,)
    out: list[QKeySequence] = []
    for k in keys:
        seq = QKeySequence(k) if k else QKeySequence()
        if not seq.isEmpty():
            out.append(seq)
    seen: dict[str, QKeySequence] = {}
    for seq in out:
        seen.setdefault(seq.toString(), seq)
    return list(seen.values())


class ActionTable:
    """The window's actions by name, made from the controllers' specs."""

    def __init__(self, owner: QWidget):
        self._owner = owner
        self._actions: dict[str, QAction] = {}
        self._specs: dict[str, ActionSpec] = {}
        self._menus: dict[str, QMenu] = {}

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: str) -> bool:
        return name in self._actions

    def all(self) -> list[QAction]:
        return list(self._actions.values())

    def specs(self) -> list[ActionSpec]:
        return list(self._specs.values())

    def submenu(self, name: str) -> QMenu:
        return self._menus[name]

    def create(self, specs: list[ActionSpec]) -> None:
        for spec in specs:
            if spec.name in self._actions:
                raise ValueError(f"two actions named {spec.name}")
            a = QAction(self._owner)
            a.setObjectName(spec.name)
            a.setShortcuts(key_sequences(spec.shortcut))
            a.setCheckable(spec.checkable)
            if spec.slot is not None:
                slot = spec.slot
                a.triggered.connect(lambda *_, slot=slot: slot())
            if spec.submenu is not None:
                menu = QMenu(self._owner)
                menu.setObjectName("menu" + spec.name.removeprefix("action"))
                menu.aboutToShow.connect(lambda fill=spec.submenu, m=menu: fill(m))
                a.setMenu(menu)
                self._menus[spec.name] = menu
            self._owner.addAction(a)
            self._actions[spec.name] = a
            self._specs[spec.name] = spec
        self.set_texts(specs)

    def set_texts(self, specs: list[ActionSpec]) -> None:
        """Texts and tips (again, after the language changed)."""
        for spec in specs:
            a = self._actions[spec.name]
            self._specs[spec.name] = spec
            a.setText(spec.text)
            a.setToolTip(spec.tip or spec.text.replace("&", ""))
            a.setStatusTip(spec.tip)

    def set_read_only(self, on: bool) -> None:
        for name, spec in self._specs.items():
            if spec.needs_write:
                self._actions[name].setEnabled(not on)

    def in_menu(self, menu: str) -> dict[str, list[QAction]]:
        """The actions of one menu-bar menu, by section, in the order they were made."""
        out: dict[str, list[QAction]] = {}
        for name, spec in self._specs.items():
            key, _, section = spec.menu.partition(".")
            if key == menu:
                out.setdefault(section, []).append(self._actions[name])
        return out
