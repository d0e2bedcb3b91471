"""The app's entry points, first start, errors in plain words, and the screenshot command."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from PySide6.QtGui import QImage

from yearbook_editor import cli
from yearbook_editor.gui import crash

from ..conftest import CHILD_ENCODING


def test_cli_without_a_command_opens_the_app(monkeypatch, tmp_path):
    import yearbook_editor.gui.app as app

    seen = []
    monkeypatch.setattr(app, "main", lambda argv: seen.append(argv) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main(["--db", str(tmp_path / "x.db"), "--author", "李编辑"]) == 0
    assert seen == [["--db", str(tmp_path / "x.db"), "--author", "李编辑"]]


def test_cli_without_a_display_says_so_and_shows_the_commands(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert cli.main([]) == cli.EXIT_USAGE
    out = capsys.readouterr()
    assert "DISPLAY" in out.err and "import" in out.out


def test_first_start_creates_the_store_and_opens_the_sample(make_window, tmp_path):
    db = tmp_path / "new" / "yearbook.db"
    w = make_window(db)
    assert db.exists()
    assert w.session.volume_title() == "河西区年鉴（2021）示例"
    assert w.settings.value("last/store") == str(db)


def test_reopening_the_store_does_not_parse_again_and_restores_the_volume(make_window, tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    make_window(db).close()
    import yearbook_editor.core.volumes as volumes

    monkeypatch.setattr(volumes, "parse_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("re-parsed")))
    w = make_window(db)
    assert w.session.volume_title() == "河西区年鉴（2021）示例"
    assert w.session.store.scalar("SELECT count(*) FROM volumes") == 1


def test_a_store_from_a_newer_program_is_refused_in_plain_words(window, tmp_path):
    newer = tmp_path / "newer.db"
    window.session.store.backup(newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.close()
    assert not window.volumes_ctl.open_store(str(newer))
    assert "更新版本" in window.last_error and "Traceback" not in window.last_error
    assert window.session.volume_title() == "河西区年鉴（2021）示例"  # the open store is untouched
    box = window.findChild(type(window._error_box), "errorBox")
    assert box is not None and box.text() == window.last_error


def test_a_file_that_is_not_a_store_is_refused(window, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("不是资料库", encoding="utf-8")
    assert not window.volumes_ctl.open_store(str(other))
    assert "不是年鉴校对台的资料库" in window.last_error


def test_unexpected_errors_go_to_a_log_and_a_short_dialog(qapp, tmp_path):
    log = tmp_path / "error.log"
    crash.set_log_path(log)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as e:
            crash.excepthook(type(e), e, e.__traceback__)
        assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
        text = crash.unexpected_error_text(log)
        assert str(log) in text and "RuntimeError" not in text and "Traceback" not in text
    finally:
        crash.set_log_path(None)


def test_screenshot_command_renders_the_sample(tmp_path):
    out = tmp_path / "shot.png"
    res = subprocess.run(
        [sys.executable, "-m", "yearbook_editor.gui.app", "--screenshot", str(out), "--lang", "zh_CN"],
        capture_output=True, encoding=CHILD_ENCODING, errors="replace", timeout=120,
    )
    assert res.returncode == 0, res.stderr
    img = QImage(str(out))
    assert img.width() >= 1200 and img.height() >= 700
    colors = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colors) > 20  # not a blank picture


def test_recent_volumes_and_stores_are_remembered(make_window, tmp_path, settings):
    w = make_window()
    w.submenu("actionRecent").aboutToShow.emit()
    texts = [a.text() for a in w.submenu("actionRecent").actions()]
    assert any("河西区年鉴（2021）示例" in t for t in texts)
    assert str(tmp_path / "store.db") in texts
    w.submenu("actionVolumes").aboutToShow.emit()
    assert [a.isChecked() for a in w.submenu("actionVolumes").actions()] == [True]


def test_editor_name_is_recorded_with_changes(window):
    from yearbook_editor.core.edits import SetNodeStatus

    window.editing_ctl.set_author("王校对")
    window.session.apply(SetNodeStatus(window.session.node_id, "checked"), None)
    assert window.session.store.scalar("SELECT author FROM revisions") == "王校对"
    assert window.settings.value("author") == "王校对"


def test_chinese_fonts_are_chosen_explicitly(window):
    from yearbook_editor.gui import fonts

    fams = window.editor.font().families()
    assert fams and fams == fonts.families("serif")
    if sys.platform.startswith("linux"):
        assert fams[0] in ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
                           "Noto Sans CJK SC", "WenQuanYi Micro Hei")
    assert "SC" in " ".join(fonts.families("sans")) or sys.platform == "win32"
