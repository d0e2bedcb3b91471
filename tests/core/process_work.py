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


def starts_the_detector(store_path: str, volume_id: int, *, progress) -> tuple[bool, int]:
    """As the app's check process: may it hand the detector to a process of its own? (whether it
    did, and how many suspects came back)"""
    from yearbook_editor.core.checks import detector_process
    from yearbook_editor.core.checks.base import load_context
    from yearbook_editor.core.checks.characters import begin_suspects, give_suspects, suspects
    from yearbook_editor.core.store import Store

    detector_process.PARALLEL_SIZE = 0
    with Store(store_path) as store:
        task = begin_suspects(store, volume_id)
        ctx = load_context(store, volume_id)
        if task is not None:
            give_suspects(ctx, task)
        return task is not None, len(suspects(ctx))
