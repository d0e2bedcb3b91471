"""Long work off the GUI thread: one helper puts a function on the thread pool.

The function receives a core ``Progress`` whose callback is forwarded to the GUI thread as
a signal and whose cancel check reads the job's Cancel flag; the core raises ``Cancelled``
at its next check, unwinding (and rolling back) cleanly. Results and errors come back as
signals on the GUI thread. The worker never touches the GUI's store connection.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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


def run_in_background(job: Job, fn) -> Job:
    """Run ``fn(progress)`` on the global thread pool; connect to the job's signals first."""
    QThreadPool.globalInstance().start(_Runner(job, fn))
    return job
