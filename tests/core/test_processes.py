"""Work in a process of its own (core/processes.py): progress, result, refusal, fault, cancel,
and a process that dies without a word."""

from __future__ import annotations

import time

from yearbook_editor.core import processes

from . import process_work


def _until_last(task, timeout=60):
    out, end = [], time.monotonic() + timeout
    while not task.ended and time.monotonic() < end:
        out += task.messages()
        time.sleep(0.02)
    return out


def test_progress_and_the_result_come_back():
    msgs = processes.start(process_work.count, 3).wait(60)
    assert msgs == [("progress", 0, 3, "第 0 步"), ("progress", 1, 3, "第 1 步"), ("progress", 2, 3, "第 2 步"),
                    ("finished", 30)]


def test_a_refusal_comes_back_as_its_sentence_and_a_fault_with_its_details():
    assert processes.start(process_work.refuses).wait(60) == [("failed", "资料库是只读的，无法保存。")]
    (kind, details), = processes.start(process_work.breaks).wait(60)
    assert kind == "fault" and "KeyError: 'a fault'" in details


def test_cancel_stops_the_work_at_its_next_check():
    task = processes.start(process_work.until_cancelled)
    while not any(m[0] == "progress" for m in task.messages()):
        time.sleep(0.02)
    task.cancel()
    assert _until_last(task)[-1] == ("cancelled",)
    task.process.join(10)
    assert task.process.exitcode == 0  # it ended by itself


def test_a_process_that_dies_without_a_word_is_reported_as_a_failure():
    task = processes.start(process_work.sleeps)
    task.process.kill()
    task.process.join(10)
    (kind, sentence), = _until_last(task)
    assert kind == "failed" and "后台工作意外中止" in sentence
