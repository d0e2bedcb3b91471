"""The 帮助 menu: quick start, keyboard shortcuts, colour legend, and the tip at start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from ..actions import ActionSpec
from ..help import START_TIP_KEY, QuickStartDialog, ShortcutsDialog, StartTip, action_label
from ..legend import LegendDialog
from .base import Controller


class HelpController(Controller):
    """``menus()`` gives the menu bar's (key, title) pairs in order, for the guide and the
    shortcut list (the window builds its menus after the controllers)."""

    def __init__(self, session, panes, feedback, actions, settings: QSettings, menus):
        super().__init__(session, panes, feedback, actions)
        self.settings = settings
        self._menus = menus
        self.quickstart_dialog: QuickStartDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.legend_dialog: LegendDialog | None = None
        self.start_tip: StartTip | None = None

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionQuickStart", self.tr("&Quick Start"), self.tr("The day's work in a few short pages"),
                       "F1", "help.guide", self.show_quickstart),
            ActionSpec("actionShortcuts", self.tr("&Keyboard Shortcuts"),
                       self.tr("Every command that has a key, by menu"), (), "help.guide", self.show_shortcuts),
            ActionSpec("actionColorLegend", self.tr("&Colour Legend"),
                       self.tr("What the colours and marks of the panes mean"), (), "help.guide", self.show_legend),
            ActionSpec("actionStartTip", self.tr("Show &Tip at Start"), self.tr("A short welcome when the program starts"),
                       (), "help.guide", self._start_tip_toggled, checkable=True),
        ]

    def menu_titles(self) -> dict[str, str]:
        return dict(self._menus())

    def retranslate(self) -> None:
        """Open help windows follow the language; the tip's check mark follows the setting."""
        self.actions["actionStartTip"].setChecked(self.tip_wanted())
        for dlg in (self.quickstart_dialog, self.shortcuts_dialog, self.legend_dialog, self.start_tip):
            if dlg is not None:
                dlg.retranslate()

    # -- the dialogs (one of each, not modal: the editor keeps working beside them) -------------

    def _raise(self, dlg: QDialog) -> QDialog:
        if dlg.isVisible() and QGuiApplication.platformName() != "offscreen":  # offscreen cannot raise
            dlg.raise_()
            dlg.activateWindow()
        dlg.show()
        return dlg

    def show_quickstart(self) -> QuickStartDialog:
        if self.quickstart_dialog is None:
            self.quickstart_dialog = QuickStartDialog(self.actions, self.menu_titles, self.feedback.parent)
        return self._raise(self.quickstart_dialog)

    def show_shortcuts(self) -> ShortcutsDialog:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.actions, self._menus, self.feedback.parent)
        return self._raise(self.shortcuts_dialog)

    def show_legend(self) -> LegendDialog:
        if self.legend_dialog is None:
            self.legend_dialog = LegendDialog(self.feedback.parent)
        return self._raise(self.legend_dialog)

    # -- the tip at start -------------------------------------------------------------------

    def tip_wanted(self) -> bool:
        value = self.settings.value(START_TIP_KEY, True)
        return value is True or str(value).lower() in ("true", "1", "yes")

    def set_tip_wanted(self, on: bool) -> None:
        self.settings.setValue(START_TIP_KEY, bool(on))
        self.actions["actionStartTip"].setChecked(bool(on))
        if self.start_tip is not None and self.start_tip.show_again.isChecked() != bool(on):
            self.start_tip.show_again.setChecked(bool(on))  # the menu and the tip's box say the same

    def _start_tip_toggled(self) -> None:
        self.set_tip_wanted(self.actions["actionStartTip"].isChecked())

    def show_start_tip(self, force: bool = False) -> StartTip | None:
        """The welcome tip, unless it was switched off (``force``: show it anyway)."""
        if not (force or self.tip_wanted()):
            return None
        if self.start_tip is None:
            titles = self.menu_titles
            labels = lambda: (action_label(self.actions, "actionQuickStart", titles()),  # noqa: E731
                              action_label(self.actions, "actionShortcuts", titles()))
            self.start_tip = StartTip(self.tip_wanted(), labels, self.feedback.parent)
            self.start_tip.show_again.toggled.connect(self.set_tip_wanted)
            self.start_tip.accepted.connect(self.show_quickstart)
        return self._raise(self.start_tip)
