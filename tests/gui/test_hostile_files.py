"""Hostile files through the app's import (issue 8): a clear Chinese message, no traceback,
the store intact; a path with Chinese characters and spaces works."""

from __future__ import annotations

import re
import shutil

import pytest

from ..conftest import DATA

HAN = re.compile(r"[\u4e00-\u9fff]")


def _import(window, qtbot, path):
    window.last_error = None
    before = window.session.volume_id
    window.import_files([str(path)])
    qtbot.waitUntil(lambda: window.last_error is not None or window.session.volume_id != before, timeout=20000)
    qtbot.waitUntil(lambda: not window.volumes_ctl.job.running, timeout=5000)


@pytest.mark.parametrize("name,data", [
    ("二进制 文件.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    ("空 文件.txt", b""),
    ("只有空白.txt", " \n\t\n\u3000\n".encode()),
    ("含NUL.txt", "年鉴\x00正文".encode() * 50),
    ("坏的 卷.json", b'{"format": "yearbook_editor.volume", "volume": '),
])
def test_a_hostile_file_gets_a_clear_chinese_message_and_the_store_is_intact(window, qtbot, tmp_path, name, data):
    store = window.session.store
    n = store.scalar("SELECT count(*) FROM volumes")
    revs = store.scalar("SELECT count(*) FROM revisions")
    path = tmp_path / name
    path.write_bytes(data)
    _import(window, qtbot, path)
    assert window.last_error is not None
    assert HAN.search(window.last_error) and "Traceback" not in window.last_error
    assert store.scalar("SELECT count(*) FROM volumes") == n
    assert store.scalar("SELECT count(*) FROM revisions") == revs
    assert store.integrity_ok()
    assert window.session.volume_title() == "河西区年鉴（2021）示例"


def test_utf16_without_bom_is_read_or_refused_in_chinese(window, qtbot, tmp_path):
    path = tmp_path / "无BOM.txt"
    path.write_bytes((DATA / "small_volume.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    n = window.session.store.scalar("SELECT count(*) FROM volumes")
    _import(window, qtbot, path)
    if window.last_error is not None:
        assert HAN.search(window.last_error) and "Traceback" not in window.last_error
        assert window.session.store.scalar("SELECT count(*) FROM volumes") == n
    else:
        assert any(node.title == "人口民族" for node in window.outline.model.nodes())
    assert window.session.store.integrity_ok()


def test_a_path_with_chinese_characters_and_spaces_imports(window, qtbot, tmp_path):
    folder = tmp_path / "县 史志办" / "2021 年 资料"
    folder.mkdir(parents=True)
    path = folder / "示例 县 年鉴.txt"
    shutil.copy(DATA / "small_volume.txt", path)
    _import(window, qtbot, path)
    assert window.last_error is None
    assert any(node.title == "人口民族" for node in window.outline.model.nodes())
    assert "示例" in window.session.volume_title()
