"""File ▸ Export: every format from the dialog, in the background; Cancel leaves nothing;
failures in plain words; File ▸ Import of a volume JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from yearbook_editor.core.export import ENCODING_LABELS, FORMATS, PAPER_LABELS, safe_filename
from yearbook_editor.gui.export_dialog import LABELS

from ..conftest import docx_page_sizes


def _export(window, qtbot, path, fmt, **opts):
    dlg = window.export_dialog()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData(fmt))
    dlg.path_edit.setText(str(path))
    for name, value in opts.items():
        getattr(dlg, name).setChecked(value)
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)  # _done has run
    return dlg


@pytest.mark.parametrize("fmt", ["text", "markdown", "docx", "json", "report"])
def test_each_format_is_written_from_the_dialog(window, qtbot, tmp_path, fmt):
    out = tmp_path / f"导出 结果{fmt}"
    dlg = _export(window, qtbot, out, fmt)
    suffix = dlg.formats[fmt].suffix
    written = out.with_name(out.name + suffix)
    assert dlg.written == written and written.stat().st_size > 100
    assert dlg.folder_button.isVisibleTo(dlg)
    assert "已导出到" in dlg.status.text()
    if fmt == "text":
        assert "【人口民族】" in written.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(written.read_text(encoding="utf-8"))["volume"]["title"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("导出")) in (
        [written.name], sorted([written.name, written.with_suffix(".csv").name]))


def test_options_selected_categories_and_gb18030(window, qtbot, tmp_path):
    dlg = window.export_dialog()
    roots = [n for n in window.outline.model.nodes() if n.parent_id is None]
    assert dlg.categories.count() == len(roots)
    economy = next(n for n in roots if n.title == "经 济")
    dlg.set_categories([economy.id])
    dlg.encoding.setCurrentIndex(dlg.encoding.findData("gb18030"))
    opts = dlg.options()
    assert opts.node_ids == (economy.id,) and opts.encoding == "gb18030" and opts.include_unreviewed
    dlg.path_edit.setText(str(tmp_path / "经济.txt"))
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)
    text = (tmp_path / "经济.txt").read_bytes().decode("gb18030")
    assert "经 济" in text and "【人口民族】" not in text


def test_a_cancelled_export_leaves_no_file(window, qtbot, tmp_path, monkeypatch):
    import time

    import yearbook_editor.core.export as export

    real = export.FORMATS["docx"].writer

    def slow(store, vid, path, options=None, progress=None):
        for i in range(300):
            progress(i, 300, "…")
            time.sleep(0.01)
        return real(store, vid, path, options=options, progress=progress)

    monkeypatch.setitem(export.FORMATS, "docx", dataclasses.replace(export.FORMATS["docx"], writer=slow))
    dlg = window.export_dialog()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    dlg.path_edit.setText(str(tmp_path / "半途.docx"))
    job = dlg.start()
    dlg.cancel_button.click()
    with qtbot.waitSignal(job.done, timeout=20000):
        pass
    assert list(tmp_path.glob("半途*")) == [] and list(tmp_path.glob("*.tmp")) == []
    assert "取消" in dlg.status.text()


def test_a_failed_export_is_said_in_plain_words(window, qtbot, tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    dlg = _export(window, qtbot, blocker / "卷.txt", "text")
    assert dlg.written is None
    assert dlg.last_error and "导出没有完成" in dlg.last_error and "Traceback" not in dlg.last_error


def test_default_file_name_is_safe():
    assert safe_filename('河西区年鉴（2021）: 初稿/终稿?', ".docx").endswith(".docx")
    name = safe_filename('河西区年鉴（2021）: 初稿/终稿?', ".docx")
    assert not any(c in name for c in '/\\:?*"<>|')
    assert safe_filename("", ".txt").endswith(".txt") and len(safe_filename("", ".txt")) > 4
    assert safe_filename("CON", ".txt") != "CON.txt"


def test_dialog_default_path_uses_the_volume_title(window):
    dlg = window.export_dialog()
    assert dlg.path_edit.text().endswith(safe_filename(window.session.volume_title(), ".txt"))
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    assert dlg.path_edit.text().endswith(".docx")
    assert not dlg.encoding.isEnabled()


def test_volume_json_can_be_imported_from_the_file_menu(make_window, qtbot, tmp_path):
    w = make_window()
    out = tmp_path / "卷.json"
    _export(w, qtbot, out.with_suffix(""), "json")
    w2 = make_window(tmp_path / "另一个 资料库.db", sample_if_empty=False)
    assert w2.session.volume_id is None
    w2.import_files([str(out)])
    qtbot.waitUntil(lambda: w2.session.volume_id is not None or w2.last_error is not None, timeout=20000)
    assert w2.last_error is None, w2.last_error
    assert w2.session.volume_title() == w.session.volume_title()
    assert any(n.title == "人口民族" for n in w2.outline.model.nodes())
    assert w2.last_error is None


def test_formats_and_encodings_come_from_the_core_registry(window):
    """The dialog offers exactly the registered formats, and for each exactly the encodings
    the core writes it in (Markdown was offered GB18030 while the core wrote UTF-8)."""
    dlg = window.export_dialog()
    offered = [dlg.format_combo.itemData(i) for i in range(dlg.format_combo.count())]
    assert offered == list(FORMATS)
    for name, fmt in FORMATS.items():
        dlg.format_combo.setCurrentIndex(dlg.format_combo.findData(name))
        assert dlg.path_edit.text().endswith(fmt.suffix)
        assert [dlg.encoding.itemData(i) for i in range(dlg.encoding.count())] == list(fmt.encodings)
        assert dlg.encoding.isEnabled() == (len(fmt.encodings) > 1)
        assert dlg.options().encoding in (fmt.encodings or ("utf-8",))
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("markdown"))
    assert dlg.options().encoding == "utf-8"


def test_every_registered_label_is_marked_and_translated(window):
    """A format added to the registry needs its label marked in export_dialog.LABELS (lupdate
    reads only the GUI); the app shows it translated."""
    for fmt in FORMATS.values():
        assert fmt.label in LABELS, fmt.label
    for name, label in ENCODING_LABELS.items():
        assert label in LABELS or label == name.upper(), label
    for label in PAPER_LABELS.values():
        assert label in LABELS, label
    dlg = window.export_dialog()
    shown = [dlg.format_combo.itemText(i) for i in range(dlg.format_combo.count())]
    assert "校正后的文本（.txt）" in shown and not set(shown) & {f.label for f in FORMATS.values()} - {"Markdown (.md)"}


def test_paper_size_is_offered_for_word_only_and_16k_is_written(window, qtbot, tmp_path):
    dlg = window.export_dialog()
    for name, fmt in FORMATS.items():
        dlg.format_combo.setCurrentIndex(dlg.format_combo.findData(name))
        assert dlg.paper.isVisibleTo(dlg) == (name == "docx") == bool(fmt.papers)
        assert [dlg.paper.itemData(i) for i in range(dlg.paper.count())] == list(fmt.papers)
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    assert [dlg.paper.itemText(i) for i in range(dlg.paper.count())] == ["A4", "16开（184×260 mm）"]
    assert dlg.options().paper == "a4"
    dlg.paper.setCurrentIndex(dlg.paper.findData("16k"))
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("text"))  # kept across formats
    assert dlg.options().paper == "a4"
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    assert dlg.options().paper == "16k"
    out = tmp_path / "十六开.docx"
    dlg.path_edit.setText(str(out))
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)
    assert dlg.written == out and set(docx_page_sizes(out)) == {(10431, 14740)}
    # the next export dialog starts from the size used last
    again = window.export_dialog()
    again.format_combo.setCurrentIndex(again.format_combo.findData("docx"))
    assert again.options().paper == "16k"
