"""Work for the tests of core/processes.py (a process of its own imports it by name)."""

from __future__ import annotations

import time

from yearbook_editor.core.errors import YearbookError


def count(n: int, *, progress) -> int:
    for i in range(n):
        progress(i, n, f"第 {i} 步")
    return n * 10


def until_cancelled(*, progress) -> None:
    for i in range(6000):  # at most a minute
        progress(i, 6000, "")
        time.sleep(0.01)


def refuses(*, progress) -> None:
    raise YearbookError("资料库是只读的，无法保存。")


def breaks(*, progress) -> None:
    raise KeyError("a fault")


def sleeps(*, progress) -> None:
    time.sleep(60)
