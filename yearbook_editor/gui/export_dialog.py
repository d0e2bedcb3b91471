"""File ▸ Export: format, options, file; the export runs in the background (issue 7).

The formats, their suffixes and the encodings each offers come from the core's registry
(``core.export.FORMATS``), the same one the command line's ``--format``/``--encoding`` are
built from; the export itself is the core's use case (``core.usecases.export_volume``),
writing atomically, so Cancel or a failure leaves no partial file. The dialog only gathers
``ExportOptions``, picks a safe file name (``core.export.safe_filename``) and shows progress,
errors in plain words, and "Open Folder" after success.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ..core.export import (
    ENCODING_LABELS,
    FORMATS,
    PAPER_LABELS,
    ExportFormat,
    ExportOptions,
    is_read_only,
    safe_filename,
)
from ..core.store import Store
from ..core.usecases import export_volume
from . import file_dialogs
from .plain import NAME, ask, message_box, visible
from .workers import Job, run_in_background

#: the registry's labels (``ExportFormat.label``, ``ENCODING_LABELS``), marked for translation
#: here because lupdate reads only the GUI (a test checks that every registered label is listed)
LABELS = (
    QT_TRANSLATE_NOOP("ExportDialog", "Corrected text (.txt)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Markdown (.md)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Word document (.docx)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Volume JSON, for re-import (.json)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Change report (.html, with a .csv beside it)"),
    QT_TRANSLATE_NOOP("ExportDialog", "GB18030 (older Chinese software)"),
    QT_TRANSLATE_NOOP("ExportDialog", "A4"),
    QT_TRANSLATE_NOOP("ExportDialog", "16K (184 × 260 mm)"),
)


def documents_folder() -> Path | None:
    """The user's documents folder as the platform names it, made when it is missing (a fresh
    Linux home has no ~/Documents); None when it cannot be made."""
    name = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not name:
        return None
    folder = Path(name)
    try:
        folder.mkdir(exist_ok=True)  # the folder itself only: never a missing home above it
    except OSError:
        return None
    return folder if folder.is_dir() else None


def export_folder(settings) -> Path:
    """Where an export is offered: the folder used last (remembered after each export) while it
    is still there, else the documents folder, else the home folder."""
    last = str(settings.value("export/folder", "") or "") if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder() or Path.home()


class ExportDialog(QDialog):
    #: replace an existing target without asking (set by callers that asked already)
    replace_without_asking = False

    def __init__(self, session, outline_model, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.session = session
        self.settings = getattr(parent, "settings", None)
        self.job: Job | None = None
        self.written: Path | None = None
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self.formats = FORMATS
        self.setWindowTitle(self.tr("Export Volume"))
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        for fmt in FORMATS.values():
            self.format_combo.addItem(self.tr(fmt.label), fmt.name)
        self.whole = QRadioButton(self.tr("The whole volume"), self)
        self.whole.setObjectName("exportWhole")
        self.some = QRadioButton(self.tr("Only the categories ticked below"), self)
        self.some.setObjectName("exportSome")
        self.whole.setChecked(True)
        self.categories = QListWidget(self)
        self.categories.setObjectName("exportCategories")
        for node in outline_model.nodes():
            if node.parent_id is None:
                item = QListWidgetItem(visible(node.title, NAME, one_line=True) or self.tr("(untitled)"))
                item.setData(Qt.ItemDataRole.UserRole, node.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.categories.addItem(item)
        self.categories.setEnabled(False)
        self.some.toggled.connect(self.categories.setEnabled)
        self.include_index = QCheckBox(self.tr("Include the subject index (主题索引)"), self)
        self.include_index.setObjectName("exportIndex")
        self.include_unreviewed = QCheckBox(self.tr("Include nodes not yet reviewed (未校)"), self)
        self.include_unreviewed.setObjectName("exportUnreviewed")
        self.include_unreviewed.setChecked(True)
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("exportEncoding")
        self.paper = QComboBox(self)
        self.paper.setObjectName("exportPaper")
        self.paper_label = QLabel(self.tr("Paper:"), self)
        # the paper size chosen last (kept while a format without sizes is chosen, and between exports)
        self._paper = str(self.settings.value("export/paper", "") or "") if self.settings is not None else ""
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("exportCancel")
        self.folder_button = QPushButton(self.tr("Open Folder"), self)
        self.folder_button.setObjectName("exportOpenFolder")
        self.folder_button.hide()
        self._layout()
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.browse.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.folder_button.clicked.connect(self.open_folder)
        self.path_edit.setText(str(self._default_path()))
        self._format_changed()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        scope = QVBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.some)
        scope.addWidget(self.categories)
        form.addRow(self.tr("What:"), scope)
        form.addRow("", self.include_index)
        form.addRow("", self.include_unreviewed)
        form.addRow(self.tr("Text encoding:"), self.encoding)
        form.addRow(self.paper_label, self.paper)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse)
        form.addRow(self.tr("File:"), file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.resize(560, 480)

    # -- choices ----------------------------------------------------------------------

    def fmt(self) -> str:
        return self.format_combo.currentData()

    def chosen_format(self) -> ExportFormat:
        return self.formats[self.fmt()]

    def suffix(self) -> str:
        return self.chosen_format().suffix

    def _default_path(self) -> Path:
        return export_folder(self.settings) / safe_filename(self.session.volume_title(), self.suffix())

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            p = Path(text)
            self.path_edit.setText(str(p.with_name(p.stem + self.suffix())) if p.suffix else text + self.suffix())
        self._offer_encodings(self.chosen_format().encodings)
        self._offer_papers(self.chosen_format().papers)

    def _offer_encodings(self, encodings: tuple[str, ...]) -> None:
        """The encodings the chosen format can be written in; the one chosen before is kept
        when the new format offers it too."""
        before = self.encoding.currentData()
        self.encoding.clear()
        for name in encodings:
            self.encoding.addItem(self.tr(ENCODING_LABELS.get(name, name.upper())), name)
        if before in encodings:
            self.encoding.setCurrentIndex(self.encoding.findData(before))
        self.encoding.setEnabled(len(encodings) > 1)

    def _offer_papers(self, papers: tuple[str, ...]) -> None:
        """The paper sizes of the chosen format (Word: A4 or 16开); the row is hidden for the
        others. The size chosen before is kept, also across formats."""
        before = self._paper = self.paper.currentData() or self._paper
        self.paper.clear()
        for name in papers:
            self.paper.addItem(self.tr(PAPER_LABELS.get(name, name)), name)
        if before in papers:
            self.paper.setCurrentIndex(self.paper.findData(before))
        self.paper.setVisible(bool(papers))
        self.paper_label.setVisible(bool(papers))

    def choose_file(self) -> None:
        path = file_dialogs.save_file_name(self, self.tr("Export To"), self.path_edit.text(),
                                           f"*{self.suffix()}")
        if path:
            if not path.lower().endswith(self.suffix()):
                path += self.suffix()
            self.path_edit.setText(path)

    def set_categories(self, node_ids) -> None:
        wanted = set(node_ids)
        self.some.setChecked(True)
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def options(self) -> ExportOptions:
        ids: tuple[int, ...] = ()
        if self.some.isChecked():
            ids = tuple(self.categories.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.categories.count())
                        if self.categories.item(i).checkState() == Qt.CheckState.Checked)
        return ExportOptions(node_ids=ids, include_unreviewed=self.include_unreviewed.isChecked(),
                             include_index=self.include_index.isChecked(),
                             encoding=self.encoding.currentData() or ExportOptions.encoding,
                             paper=self.paper.currentData() or ExportOptions.paper)

    # -- running ------------------------------------------------------------------------

    def start(self) -> Job | None:
        text = self.path_edit.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a file to export to."))
            return None
        if self.some.isChecked() and not self.options().node_ids:
            self.status.setText(self.tr("Tick at least one category, or choose the whole volume."))
            return None
        path = Path(text)
        if path.is_dir():
            path = path / safe_filename(self.session.volume_title(), self.suffix())
        elif path.suffix.lower() != self.suffix():
            path = path.with_name(path.name + self.suffix())
            self.path_edit.setText(str(path))
        options = self.options()
        read_only = [t for t in self.chosen_format().targets(path) if is_read_only(t)]
        if read_only:
            if not self._confirm_read_only(read_only[0]):
                return None
            options = replace(options, replace_read_only=True)
        elif path.exists() and not self._confirm_replace(path):
            return None
        fmt = self.fmt()
        store_path, vid = self.session.store.path, self.session.volume_id
        self.session.flush()

        def work(progress):
            with Store(store_path) as store:
                export_volume(store, vid, fmt, path, options=options, progress=progress)
            return path

        job = Job(path.name, self)
        job.progress.connect(self._progress)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.done.connect(self._done)
        self.job = job
        self.written = None
        self.folder_button.hide()
        self.export_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Exporting to %1 …").replace("%1", str(path)))
        return run_in_background(job, work)

    def _confirm_replace(self, path: Path) -> bool:
        if self.replace_without_asking:
            return True
        # plain text: the file is named after the volume's title, which may hold <img …>
        question = self.tr("“%1” already exists. Replace it?").replace("%1", path.name)
        return ask(self, self.tr("Export Volume"), question)

    def _confirm_read_only(self, path: Path) -> bool:
        """A read-only file is replaced only when the editor says so (the core refuses otherwise)."""
        question = self.tr("“%1” is read-only. Replace it anyway?").replace("%1", path.name)
        return ask(self, self.tr("Export Volume"), question)

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            # a word joiner after "%": Qt would take a title's "%p" for the percentage
            self.progress.setFormat(visible(message, NAME, one_line=True).replace("%", "%\u2060"))

    def _finished(self, path) -> None:
        self.written = Path(path)
        if self.settings is not None:
            self.settings.setValue("export/folder", str(self.written.parent))
            if self.paper.currentData():
                self.settings.setValue("export/paper", self.paper.currentData())
        self.status.setText(self.tr("Exported to %1.").replace("%1", str(self.written)))
        self.folder_button.show()
        self.cancel_button.setText(self.tr("Close"))

    def _failed(self, text: str) -> None:
        self.status.setText("")
        message = self.tr("The export was not finished: %1\nNo file was left half-written; existing files are "
                          "unchanged.").replace("%1", text)
        self.last_error = message
        box = message_box(QMessageBox.Icon.Warning, self.tr("Export Volume"), message, self)
        box.setObjectName("exportError")
        self._error_box = box
        box.open()

    def _cancelled(self) -> None:
        self.status.setText(self.tr("Export cancelled; no file was written."))

    def _done(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        if self.written is None:
            self.cancel_button.setText(self.tr("Close"))

    def cancel_or_close(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_button.setEnabled(True)
            return
        self.reject()

    def open_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().reject()

    def closeEvent(self, e) -> None:  # noqa: N802
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().closeEvent(e)
