"""Windows sharing violations while an export is renamed into place (issue 18, item 6).

An antivirus scanner or the search indexer holds a just-written file for a moment, and the
rename fails with ERROR_SHARING_VIOLATION (32). Here the error is made as Windows makes it (a
PermissionError carrying ``winerror``) by an ``os.replace`` that fails a given number of times;
the pauses are recorded instead of slept. Runs on every system.
"""

from __future__ import annotations

import errno
import os
import stat

import pytest

from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.export import _atomic
from yearbook_editor.core.export._atomic import REPLACE_WAITS, held_by_another_program, write_atomic


def sharing_violation(winerror: int = 32) -> PermissionError:
    e = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    e.winerror = winerror
    return e


class FlakyReplace:
    """os.replace that fails ``failures`` times with ``error()``, then does the rename."""

    def __init__(self, failures: int, error=sharing_violation):
        self.failures, self.error, self.calls = failures, error, 0
        self.real = os.replace

    def __call__(self, src, dst):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error()
        return self.real(src, dst)


@pytest.fixture
def pauses(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(_atomic.time, "sleep", slept.append)
    return slept


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("winerror", [32, 33, 5])
def test_a_moment_held_file_is_written_after_a_short_retry(tmp_path, monkeypatch, pauses, winerror):
    target = tmp_path / "年鉴 2021.txt"
    target.write_text("旧", encoding="utf-8")
    flaky = FlakyReplace(2, lambda: sharing_violation(winerror))
    monkeypatch.setattr(_atomic.os, "replace", flaky)
    write_atomic(target, "新的内容".encode())
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert flaky.calls == 3 and pauses == list(REPLACE_WAITS[:2])
    assert leftovers(tmp_path) == []


def test_a_file_held_for_good_is_one_sentence_and_nothing_is_left(tmp_path, monkeypatch, pauses):
    target = tmp_path / "导出.docx"
    target.write_bytes(b"old")
    flaky = FlakyReplace(10**6)
    monkeypatch.setattr(_atomic.os, "replace", flaky)
    with pytest.raises(YearbookError) as e:
        write_atomic(target, b"new")
    assert "其他程序占用" in str(e.value) and "\n" not in str(e.value)
    assert flaky.calls == len(REPLACE_WAITS) + 1 and sum(pauses) == pytest.approx(1.55)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_other_permission_errors_are_not_retried(tmp_path, monkeypatch, pauses):
    flaky = FlakyReplace(10**6, lambda: PermissionError(errno.EACCES, "Permission denied"))
    monkeypatch.setattr(_atomic.os, "replace", flaky)
    with pytest.raises(YearbookError) as e:
        write_atomic(tmp_path / "a.txt", b"x")
    assert flaky.calls == 1 and pauses == []
    assert "没有写入权限" in str(e.value)
    assert leftovers(tmp_path) == []


def test_a_read_only_temporary_file_is_removed_too(tmp_path, monkeypatch, pauses):
    """Replacing a read-only target (asked for) gives the temporary file the target's read-only
    mode; when the rename then fails, the read-only .part must still go. os.unlink refuses
    read-only files here as Windows does."""
    target = tmp_path / "只读.txt"
    target.write_bytes(b"old")
    target.chmod(0o444)
    real_unlink = os.unlink

    def windows_unlink(path, *args, **kwargs):
        if not os.stat(path).st_mode & stat.S_IWRITE:
            raise sharing_violation(5)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(_atomic.os, "unlink", windows_unlink)
    monkeypatch.setattr(_atomic.os, "replace", FlakyReplace(10**6))
    with pytest.raises(YearbookError):
        write_atomic(target, b"new", replace_read_only=True)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"old" and not target.stat().st_mode & 0o222


def test_held_by_another_program():
    assert held_by_another_program(sharing_violation(32))
    assert not held_by_another_program(PermissionError(errno.EACCES, "denied"))
    assert not held_by_another_program(FileNotFoundError(errno.ENOENT, "gone"))
