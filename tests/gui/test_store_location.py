"""A store in a synced folder or on a network share (gui/store_location.py): the app asks, and
copies it to this computer (SQLite's backup API, core.location.copy_to_local) or opens it in
place. The place is simulated: a folder named as 坚果云 names its own, a mount table with a
network file system."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from yearbook_editor.core import location
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file, list_volumes
from yearbook_editor.gui import store_location
from yearbook_editor.gui.store_location import COPY, HERE, place_to_open

from ..conftest import DATA


@pytest.fixture
def synced_store(tmp_path, monkeypatch):
    """A store with the small volume in a 坚果云 folder; the user's data folder in tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = tmp_path / "坚果云" / "年鉴 资料库.db"
    db.parent.mkdir()
    with Store(db) as s:
        import_file(s, DATA / "small_volume.txt")
    return db


def _local_copies(tmp_path) -> list[Path]:
    return sorted((tmp_path / "data" / "yearbook_editor" / "本机副本").glob("*.db"))


def _titles(path) -> list[str]:
    with Store(path, read_only=True) as s:
        return [v["title"] for v in list_volumes(s)]


def test_copy_to_this_computer_opens_a_whole_copy(synced_store, tmp_path):
    asked, told = [], []
    before = synced_store.read_bytes()
    opened = place_to_open(synced_store, ask=lambda p, found, parent: asked.append(found) or COPY,
                           tell=told.append, warn=pytest.fail)
    assert [f.service for f in asked] == ["坚果云"]
    assert _local_copies(tmp_path) == [Path(opened)]
    assert _titles(opened) == _titles(synced_store) and _titles(opened)
    assert synced_store.read_bytes() == before
    assert len(told) == 1 and opened in told[0]
    # a second copy does not overwrite the first
    again = place_to_open(synced_store, ask=lambda *a: COPY, tell=told.append)
    assert again != opened and len(_local_copies(tmp_path)) == 2


def test_open_where_it_is(synced_store, tmp_path):
    assert place_to_open(synced_store, ask=lambda *a: HERE, tell=pytest.fail) == str(synced_store)
    assert _local_copies(tmp_path) == []


def test_a_local_store_or_a_new_one_is_not_asked_about(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    local = tmp_path / "本机" / "a.db"
    new_in_synced = tmp_path / "Dropbox" / "new.db"
    for path in (local, new_in_synced):
        assert place_to_open(path, ask=pytest.fail) == str(path)


def test_a_network_share_is_asked_about_too(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    share = tmp_path / "share"
    share.mkdir()
    with Store(share / "s.db") as s:
        import_file(s, DATA / "small_volume.txt")
    monkeypatch.setattr(location, "_mounts", lambda system: [("/", "ext4"), (str(share.resolve()), "nfs4")])
    asked = []
    place_to_open(share / "s.db", ask=lambda p, found, parent: asked.append(found) or HERE)
    assert [f.kind for f in asked] == [location.NETWORK]


def test_a_copy_that_fails_opens_the_store_in_place(synced_store, tmp_path, monkeypatch):
    (tmp_path / "data").write_text("a file where the data folder should be", encoding="utf-8")
    warned = []
    opened = place_to_open(synced_store, ask=lambda *a: COPY, tell=pytest.fail, warn=warned.append)
    assert opened == str(synced_store)
    assert len(warned) == 1 and "\n" not in warned[0] and "Traceback" not in warned[0]


def test_the_question_offers_both_buttons(qapp, synced_store):
    from yearbook_editor.gui.app import setup_app

    setup_app(qapp, "zh_CN")
    found = location.risky_location(synced_store)
    seen = []

    def click(name):
        box = QApplication.activeModalWidget()
        seen.append(([b.text() for b in box.buttons()], box.text()))
        box.findChild(type(box.buttons()[0]), name).click()

    for name, answer in (("copyLocalButton", COPY), ("openHereButton", HERE)):
        QTimer.singleShot(0, lambda name=name: click(name))
        assert store_location.ask_about_location(synced_store, found) == answer
    buttons, text = seen[0]
    assert sorted(buttons) == sorted(["复制到本机后打开", "仍在原处打开"])
    assert "坚果云" in text and "年鉴 资料库.db" in text


def test_open_store_from_the_menu_works_on_the_copy(window, synced_store, tmp_path, monkeypatch):
    monkeypatch.setattr(store_location, "ask_about_location", lambda *a: COPY)
    assert window.volumes_ctl.open_store(str(synced_store))
    assert window.session.store.path.parent == tmp_path / "data" / "yearbook_editor" / "本机副本"
    titles = {n.title for n in window.outline.model.nodes()}
    assert {"县 情 综 述", "自然地理", "地理位置"} <= titles and window.session.volume_id is not None


def test_the_app_opens_the_copy_on_start(qapp, synced_store, tmp_path, monkeypatch):
    import yearbook_editor.gui.app as app

    opened = []
    monkeypatch.setattr(app.crash, "install", lambda: None)
    monkeypatch.setattr(app, "open_or_recover", lambda path, *a, **k: opened.append(path))  # returns None: quit
    monkeypatch.setattr(store_location, "ask_about_location", lambda *a: COPY)
    monkeypatch.setattr(store_location, "_box", lambda parent, icon: lambda text: None)
    assert app.main(["--db", str(synced_store), "--settings", str(tmp_path / "s.ini")]) == 0
    assert opened == [str(_local_copies(tmp_path)[0])]
