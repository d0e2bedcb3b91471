"""The character detector in a process of its own (checks/detector_process.py): the same suspects
as here, the detector here when the process fails, allowed inside the app's own check process,
and a process that takes too long is ended."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

from yearbook_editor.core import processes
from yearbook_editor.core.checks import detector_process, run_checks
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path
from . import process_work


@pytest.fixture(scope="module")
def volumes(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("detector_process") / "s.db")
    ids = {k: import_file(store, seed_path(k), author="t").volume_id for k in ("001", "003")}
    yield store, ids
    store.close()


def _seen(found):
    return [(f.code, f.fingerprint, f.message, f.suggestion, f.params) for f in found]


def test_the_process_finds_what_the_detector_finds_here(volumes, monkeypatch):
    store, ids = volumes
    came = []
    collect = detector_process.collect
    monkeypatch.setattr(detector_process, "collect", lambda task: came.append(collect(task)) or came[-1])
    there = run_checks(store, ids["001"])
    assert len(came) == 1 and came[0] is not None  # the process ran and answered
    monkeypatch.setattr(detector_process, "ENABLED", False)
    here = run_checks(store, ids["001"])
    assert len(came) == 1
    assert sum(f.code == "char.suspect" for f in here) >= 5
    assert _seen(there) == _seen(here)


class _Failed:
    def __init__(self):
        self.killed = False
        self.inbox = SimpleNamespace(cancel_join_thread=lambda: None, close=lambda: None)

    def outcome(self, timeout):
        return ("failed", "后台工作意外中止了。")

    def kill(self):
        self.killed = True


def test_a_process_that_fails_means_the_detector_runs_here(volumes, monkeypatch):
    store, ids = volumes
    monkeypatch.setattr(detector_process, "PARALLEL_SIZE", 0)
    monkeypatch.setattr(detector_process, "ENABLED", False)
    here = run_checks(store, ids["003"])
    monkeypatch.setattr(detector_process, "ENABLED", True)
    failed = _Failed()
    monkeypatch.setattr(detector_process, "start", lambda: failed)
    monkeypatch.setattr(detector_process, "send", lambda *a: None)
    assert _seen(run_checks(store, ids["003"])) == _seen(here)
    assert any(f.code == "char.suspect" for f in here)


def test_a_run_that_ends_early_ends_the_process(volumes, monkeypatch):
    store, ids = volumes
    monkeypatch.setattr(detector_process, "PARALLEL_SIZE", 0)
    failed = _Failed()
    monkeypatch.setattr(detector_process, "start", lambda: failed)
    monkeypatch.setattr(detector_process, "send", lambda *a: None)

    def cancel(done, total, message):
        if done == 1:
            raise KeyboardInterrupt  # anything that ends the run before the detector's rule

    with pytest.raises(KeyboardInterrupt):
        run_checks(store, ids["003"], progress=cancel)
    assert failed.killed


def test_the_app_s_check_process_may_start_it(volumes):
    store, ids = volumes
    here = sum(f.code == "char.suspect" for f in run_checks(store, ids["003"]))
    last = processes.start(process_work.starts_the_detector, str(store.path), ids["003"]).outcome(120)
    assert last == ("finished", (True, here))


def test_a_process_that_takes_too_long_is_ended():
    task = processes.start(process_work.sleeps)
    assert task.outcome(1.0) == ("failed", "后台工作超时。")
    assert not task.process.is_alive()


ENDED_AT_ONCE = """
from yearbook_editor.core.checks import detector_process
task = detector_process.start()
detector_process.send(task, ["字" * 200_000] * 5, [0], [], [])  # far more than a pipe holds
detector_process.end(task)  # a run cancelled at once: the process never read it
print("ended")
"""


def test_a_process_ended_before_it_read_the_volume_does_not_hold_this_one_at_exit():
    done = subprocess.run([sys.executable, "-c", ENDED_AT_ONCE], capture_output=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ended"
