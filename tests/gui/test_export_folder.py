"""Exports just work (issue 16, item 2): the folder the export dialog offers exists — the
documents folder is made when a fresh home has none — and the folder used last is offered next
time while it is still there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

#: Qt finds the documents folder from $HOME (and the XDG user-dirs file) on Linux and the BSDs only
ON_XDG = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the documents folder is not read from $HOME")


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A home with no Documents folder and no XDG user-dirs file (as on a fresh Linux account)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def _export(dlg, qtbot):
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)
    assert dlg.last_error is None, dlg.last_error
    return dlg.written


@ON_XDG
def test_a_fresh_home_gets_its_documents_folder_and_the_export_lands_there(window, qtbot, fresh_home):
    docs = fresh_home / "Documents"
    assert not docs.exists()
    dlg = window.export_dialog()
    offered = Path(dlg.path_edit.text())
    assert offered.parent == docs and docs.is_dir()
    written = _export(dlg, qtbot)
    assert written == offered and written.stat().st_size > 100
    assert window.settings.value("export/folder") == str(docs)


def test_the_folder_used_last_is_offered_next_time(window, qtbot, fresh_home, tmp_path):
    elsewhere = tmp_path / "交稿"
    elsewhere.mkdir()
    dlg = window.export_dialog()
    dlg.path_edit.setText(str(elsewhere / "河西区.txt"))
    _export(dlg, qtbot)
    dlg.close()
    again = window.export_dialog()
    assert Path(again.path_edit.text()).parent == elsewhere
    again.close()
    elsewhere.joinpath("河西区.txt").unlink()
    elsewhere.rmdir()  # gone since: the documents folder instead
    third = window.export_dialog()
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(third.path_edit.text()).parent == Path(docs) and Path(docs).is_dir()
    third.close()


@ON_XDG
def test_home_when_the_documents_folder_cannot_be_made(window, qtbot, fresh_home):
    (fresh_home / "Documents").write_text("a file where the folder should be", encoding="utf-8")
    dlg = window.export_dialog()
    offered = Path(dlg.path_edit.text())
    assert offered.parent == fresh_home
    assert _export(dlg, qtbot) == offered
