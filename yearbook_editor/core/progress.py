"""Progress reporting and cancellation for long work, without Qt.

Long core functions take a ``Progress`` and call it now and then; the GUI passes one whose
callback moves a progress bar and whose ``is_cancelled`` reads the Cancel button, the
command line one that prints to stderr. Calling it raises :class:`Cancelled` once the
work should stop, so the core unwinds (and rolls back its transaction) at a safe point.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import Cancelled


class Progress:
    def __init__(
        self,
        callback: Callable[[int, int, str], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ):
        self._callback = callback
        self._is_cancelled = is_cancelled

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self._callback is not None:
            self._callback(done, total, message)
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled()

    def part(self, lo: float, hi: float) -> Progress:
        """A progress for one phase of a longer job: its 0..total maps onto lo..hi (0..1)."""

        def report(done: int, total: int, message: str = "") -> None:
            if self._callback is not None:
                frac = min(1.0, done / total) if total else 0.0
                self._callback(round(1000 * (lo + (hi - lo) * frac)), 1000, message)

        return Progress(report, self._is_cancelled)


#: A progress that reports nothing and is never cancelled.
NO_PROGRESS = Progress()
