"""Long work off the GUI thread: one helper puts a function on the thread pool.

The function receives a core ``Progress`` whose callback is forwarded to the GUI thread as
a signal and whose cancel check reads the job's Cancel flag; the core raises ``Cancelled``
at its next check, unwinding (and rolling back) cleanly. Results and errors come back as
signals on the GUI thread. The worker never touches the GUI's store connection.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ..core import processes
from ..core.errors import Cancelled, YearbookError
from ..core.progress import Progress


class Job(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    #: emitted once after finished, failed or cancelled
    done = Signal()

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self._cancel = threading.Event()
        self.running = True
        self.error_detail = ""

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def make_progress(self) -> Progress:
        return Progress(lambda d, t, m: _emit(self.progress, int(d), int(t), str(m)), self.is_cancelled)


def _emit(signal, *args) -> None:
    """Emit from the worker; a job whose window is gone (closed while the work ran) has no one to
    tell: the work ends quietly instead of printing a fault."""
    try:
        signal.emit(*args)
    except RuntimeError:  # the job's Qt object was deleted with its window
        pass


class _Runner(QRunnable):
    def __init__(self, job: Job, fn):
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._fn = job, fn

    def run(self) -> None:
        job = self._job
        try:
            result = self._fn(job.make_progress())
        except Cancelled:
            job.running = False
            _emit(job.cancelled)
        except YearbookError as e:
            job.running = False
            _emit(job.failed, str(e))
        except Exception as e:  # any other fault: reported as a plain sentence, details kept
            job.running = False
            job.error_detail = traceback.format_exc()
            from .crash import log_exception, unexpected_error_text

            _emit(job.failed, unexpected_error_text(log_exception(type(e), e, e.__traceback__)))
        else:
            job.running = False
            _emit(job.finished, result)
        _emit(job.done)


REAP_AFTER = (300, 2000)  # ms after a process's last word at which it is collected


def run_in_process(job: Job, fn, *args) -> Job:
    """Run the core function ``fn(*args, progress=…)`` in a process of its own
    (``core.processes``: the window's thread never waits for it); what it reports becomes the
    job's signals, read every 50 ms. Cancel asks it to stop at its next progress check; a job
    deleted with its window ends the process."""
    task = processes.start(fn, *args)
    timer = QTimer(job, interval=50)

    def poll() -> None:
        if job.is_cancelled():
            task.cancel()
        for kind, *rest in task.messages():
            if kind == "progress":
                _emit(job.progress, *rest)
            else:
                timer.stop()
                _end(job, kind, rest)
                for ms in REAP_AFTER:  # the process ends a moment after its last word: collected then, no zombie
                    QTimer.singleShot(ms, lambda: task.process.join(0))

    timer.timeout.connect(poll)
    job.destroyed.connect(lambda *_: task.kill())
    timer.start()
    job.task = task
    return job


def _end(job: Job, kind: str, rest: list) -> None:
    job.running = False
    if kind == "finished":
        _emit(job.finished, rest[0])
    elif kind == "failed":
        _emit(job.failed, rest[0])
    elif kind == "fault":  # an unexpected error in the process: its details to the log, one sentence here
        from .crash import log_text, unexpected_error_text

        job.error_detail = rest[0]
        _emit(job.failed, unexpected_error_text(log_text(rest[0])))
    else:
        _emit(job.cancelled)
    _emit(job.done)


def run_in_background(job: Job, fn) -> Job:
    """Run ``fn(progress)`` on the global thread pool; connect to the job's signals first."""
    QThreadPool.globalInstance().start(_Runner(job, fn))
    return job
