"""Long work in a process of its own: the side of it that runs there (no Qt).

The background work that reads a whole volume in Python (every check, the tag statistics) makes
the window's thread wait for the interpreter when it runs on a thread of the same process: an
edit that takes 30 ms alone took 0.1–1.5 s while a check ran. In a process of its own it runs
on the other core and the window does not wait. :func:`start` spawns the process (the same way
on Linux, Windows and macOS, frozen or not); the work is a module-level function of the core
called as ``fn(*args, progress=progress)``, which reports progress, can be cancelled, and sends
back a picklable result. What it reports comes back as messages on a queue:

* ``("progress", done, total, message)``
* ``("finished", result)``, ``("failed", sentence)``, ``("fault", traceback text)`` (an unexpected
  error: the caller logs it and tells the editor in one sentence) or ``("cancelled",)``: exactly one,
  last.
"""

from __future__ import annotations

import multiprocessing
import queue as _queue

from .errors import Cancelled, YearbookError
from .progress import Progress

_CONTEXT = multiprocessing.get_context("spawn")
#: the kinds of message that end a task
LAST = ("finished", "failed", "fault", "cancelled")


class Task:
    """A function running in its own process: poll :meth:`messages`; :meth:`cancel` asks it to stop
    at its next progress check, :meth:`kill` ends it at once."""

    def __init__(self, fn, *args):
        self._queue = _CONTEXT.Queue()
        self._cancel = _CONTEXT.Event()
        self.process = _CONTEXT.Process(target=_child, args=(self._queue, self._cancel, fn, args), daemon=True)
        self.process.start()
        self.ended = False

    def messages(self) -> list[tuple]:
        """What the process said since the last call (never blocks). When the process is gone
        without a last word (killed, out of memory), a ``failed`` message says so."""
        out: list[tuple] = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except _queue.Empty:
                break
            except (EOFError, OSError):
                break
        if any(m[0] in LAST for m in out):
            self.process.join(0)  # never wait here for the process to end (it may take a moment): it is reaped later
            self._close()
        elif not self.process.is_alive() and not self.ended:
            try:  # its last words may have been on their way when it ended
                out.append(self._queue.get(timeout=0.5))
            except (_queue.Empty, EOFError, OSError):
                out.append(("failed", "后台工作意外中止了，请重试；如果仍然出现，请重新启动程序。"))
            self._close()
        return out

    def _close(self) -> None:
        self.ended = True
        self._queue.close()  # its pipe and lock go now, not when the program ends

    def wait(self, timeout: float | None = None) -> list[tuple]:
        """Every message until the last one (for the command line and the smoke test)."""
        out: list[tuple] = []
        self.process.join(timeout)
        while not self.ended:
            out += self.messages()
        return out

    def cancel(self) -> None:
        self._cancel.set()

    def kill(self) -> None:
        if self.ended:
            return
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._close()


def start(fn, *args) -> Task:
    return Task(fn, *args)


def _child(q, cancel, fn, args) -> None:
    progress = Progress(lambda d, t, m: q.put(("progress", int(d), int(t), str(m))), cancel.is_set)
    try:
        result = fn(*args, progress=progress)
    except Cancelled:
        q.put(("cancelled",))
    except YearbookError as e:
        q.put(("failed", str(e)))
    except Exception:  # any other fault: its details go back, for the log
        import traceback

        q.put(("fault", traceback.format_exc()))
    else:
        q.put(("finished", result))
    q.close()
    q.join_thread()
