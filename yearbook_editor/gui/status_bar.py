"""The status bar's permanent widgets: the running job (what, how far, Cancel) and the
review progress of the volume (未校/已校/已审 counts and a bar)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .plain import plain_tooltip


class JobIndicator(QWidget):
    """Shown while a job runs: its title, its progress and a Cancel button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.job = None
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(200)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("jobCancel")
        self.cancel_button.clicked.connect(self.cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.bar, self.cancel_button):
            lay.addWidget(w)
        self.hide()
        self.retranslate()

    def track(self, job, text: str) -> None:
        self.job = job
        job.progress.connect(self._progress)
        job.done.connect(self.hide)
        self.label.setText(text)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if message:
            self.bar.setToolTip(plain_tooltip(message))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)


class ReviewProgress(QWidget):
    """Unreviewed · Checked · Approved counts of the outline's nodes, and the share reviewed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("reviewProgress")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        self._counts: dict[str, int] = {}

    def show_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        total = sum(counts.values())
        done = counts.get("checked", 0) + counts.get("approved", 0)
        text = self.tr("Unreviewed %1 · Checked %2 · Approved %3")
        text = text.replace("%1", str(counts.get("unreviewed", 0))).replace("%2", str(counts.get("checked", 0)))
        self.label.setText(text.replace("%3", str(counts.get("approved", 0))))
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.bar.setToolTip(self.tr("%1% of the nodes reviewed").replace(
            "%1", str(round(100 * done / total) if total else 0)))
