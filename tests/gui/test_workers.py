"""Background jobs (gui/workers.py): a job whose window is gone ends quietly."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject

from yearbook_editor.gui.workers import Job, _Runner


def test_a_job_whose_window_was_closed_meanwhile_ends_without_a_fault(qapp, capfd):
    owner = QObject()
    job = Job("test", owner)
    seen = []

    def work(progress):
        progress(1, 2, "half")  # the window is still there
        shiboken6.delete(owner)  # the window and its job are deleted while the work runs
        seen.append("deleted")
        progress(2, 2, "done")
        return 42

    job.progress.connect(lambda *a: seen.append(a))
    _Runner(job, work).run()
    assert seen == [(1, 2, "half"), "deleted"]
    assert "Signal source has been deleted" not in capfd.readouterr().err


def test_work_in_a_process_reports_through_the_job(qapp, qtbot, tmp_path):
    from yearbook_editor.gui import crash
    from yearbook_editor.gui.workers import run_in_process

    from ..core import process_work

    owner = QObject()
    job = Job("test", owner)
    seen = []
    job.progress.connect(lambda *a: seen.append(a))
    with qtbot.waitSignal(job.finished, timeout=60000) as got:
        run_in_process(job, process_work.count, 2)
    assert got.args == [20] and seen == [(0, 2, "第 0 步"), (1, 2, "第 1 步")] and not job.running

    crash.set_log_path(tmp_path / "error.log")
    try:
        job = Job("test", owner)
        with qtbot.waitSignal(job.failed, timeout=60000) as got:
            run_in_process(job, process_work.breaks)
        assert "KeyError" not in got.args[0] and str(tmp_path / "error.log") in got.args[0]  # one plain sentence
        assert "KeyError: 'a fault'" in (tmp_path / "error.log").read_text(encoding="utf-8")  # the details kept
    finally:
        crash.set_log_path(None)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_finished_process_is_collected_not_left_a_zombie(qapp, qtbot):
    from yearbook_editor.gui.workers import run_in_process

    from ..core import process_work

    owner = QObject()
    job = Job("test", owner)
    with qtbot.waitSignal(job.finished, timeout=60000):
        run_in_process(job, process_work.count, 1)
    stat = Path(f"/proc/{job.task.process.pid}/stat")
    qtbot.waitUntil(lambda: not stat.exists(), timeout=5000)  # a zombie keeps its entry until collected


def test_the_checks_run_in_a_process_of_their_own_and_cancel_stops_them(make_window, qtbot):
    w = make_window()  # the sample volume
    panel = w.findings_panel
    with qtbot.waitSignal(panel.checks_finished, timeout=60000) as got:
        job = panel.run()
        assert job.task.process.is_alive()  # not a thread of the window's process
        panel.cancel_button.click()
    assert got.args == [False]
    qtbot.waitUntil(lambda: not job.task.process.is_alive(), timeout=10000)  # it ends by itself, nobody waits for it
    with qtbot.waitSignal(panel.checks_finished, timeout=60000) as got:
        panel.run()
    assert got.args == [True] and panel.checked_volume == w.session.volume_id and panel.model.rowCount() > 0
