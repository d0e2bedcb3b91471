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
import sys
import time
import types
from contextlib import contextmanager

from .errors import Cancelled, YearbookError
from .progress import Progress

CONTEXT = multiprocessing.get_context("spawn")  # (also for the queues a task is given)
#: the kinds of message that end a task
LAST = ("finished", "failed", "fault", "cancelled")


class Task:
    """A function running in its own process: poll :meth:`messages`; :meth:`cancel` asks it to stop
    at its next progress check, :meth:`kill` ends it at once."""

    def __init__(self, fn, *args):
        self._queue = CONTEXT.Queue()
        self._cancel = CONTEXT.Event()
        self.process = CONTEXT.Process(target=_child, args=(self._queue, self._cancel, fn, args), daemon=True)
        with _plain_main():
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

    def outcome(self, timeout: float) -> tuple:
        """Wait for the last message, at most ``timeout`` seconds (progress messages are dropped):
        that message, or ``failed`` when the time is up (the process is then killed). Unlike
        :meth:`wait` it reads while it waits, so a large result never holds the process up."""
        deadline = time.monotonic() + timeout
        while not self.ended:
            for m in self.messages():
                if m[0] in LAST:
                    return m
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                return ("failed", "后台工作超时。")
            try:
                m = self._queue.get(timeout=min(left, 0.2))
            except _queue.Empty:
                continue
            except (EOFError, OSError):
                continue  # the process is gone: messages() says so next
            if m[0] in LAST:
                self.process.join(0)
                self._close()
                return m
        return ("failed", "后台工作意外中止了。")

    def cancel(self) -> None:
        self._cancel.set()

    def kill(self) -> None:
        if self.ended:
            return
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._close()


@contextmanager
def _plain_main():
    """Start a process without the program's main module. A spawned process runs that module
    again first (as ``__mp_main__``), for work defined there; ours is always a function of the
    core, and the main module of the desktop app or of the command line imports Qt or every
    command (0.2–0.4 s before the work can begin). A frozen program starts in its launcher either way."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def start(fn, *args) -> Task:
    return Task(fn, *args)


def _child(q, cancel, fn, args) -> None:
    # the work may hand a part of itself to a process of its own (the checks run the character
    # detector on the other core). multiprocessing refuses that in a daemonic process, lest the
    # grandchild outlive it; that one is daemonic itself (ended when this process ends normally)
    # and its work takes seconds, after which it ends by itself even when this process was killed
    multiprocessing.current_process()._config.pop("daemon", None)
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
