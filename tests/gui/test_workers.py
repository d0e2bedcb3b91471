"""Background jobs (gui/workers.py): a job whose window is gone ends quietly."""

from __future__ import annotations

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
