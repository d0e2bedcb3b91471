"""Shared fixtures. GUI tests run offscreen unless --onscreen is given."""

from __future__ import annotations

import locale
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis: the same examples on every run unless asked otherwise, so CI never flakes.
# "ci" (the default, CI=true or not): derandomized (a fixed seed per test), no example
# database, no deadlines. HYPOTHESIS_PROFILE=dev (or slow) explores at random, keeps found
# failures in .hypothesis/ and replays them; a failure found there becomes an explicit test.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", derandomize=False, deadline=None)
settings.register_profile("slow", settings.get_profile("dev"), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EVAL = ROOT.parent / "shared" / "eval"
DATA = Path(__file__).resolve().parent / "data"
#: what a Python child process writes into a pipe here: the locale's encoding, as nothing is
#: forced on it (the command line itself writes ``yearbook_editor.cli.console.pipe_encoding()``)
CHILD_ENCODING = locale.getpreferredencoding(False)

SEED_FILES = {
    "000": SEEDS / "000_6ed5987695131499.txt",
    "001": SEEDS / "001_1565542f5b33c078.txt",
    "003": SEEDS / "003_217e98700e1d5d06.txt",
}


def docx_page_sizes(path) -> list[tuple[int, int]]:
    """(width, height) in twips of every section of a .docx (its ``w:sectPr/w:pgSz``)."""
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return [(int(w), int(h)) for w, h in re.findall(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', xml)]


def seed_path(key: str) -> Path:
    path = SEED_FILES[key]
    if not path.exists():
        pytest.skip(f"shared volume {path} is not present")
    return path


def pytest_collection_modifyitems(config, items):
    """Tests marked ``posix`` are skipped on Windows, ``linux`` ones everywhere but Linux (they
    stay in the suite: CI runs them on the systems that have what they use)."""
    import sys

    for item in items:
        if "posix" in item.keywords and sys.platform == "win32":
            item.add_marker(pytest.mark.skip(reason="uses what only POSIX systems have"))
        if "linux" in item.keywords and not sys.platform.startswith("linux"):
            item.add_marker(pytest.mark.skip(reason="uses what only Linux has (/proc, mount namespaces)"))


@pytest.fixture(scope="session")
def seed_lines():
    """Lines of a shared volume, read once per test session: seed_lines('000')."""
    from yearbook_editor.core.reading import read_source

    cache: dict[str, list[str]] = {}

    def get(key: str) -> list[str]:
        if key not in cache:
            cache[key] = read_source(seed_path(key)).lines
        return cache[key]

    return get


# The store's record of files last seen whole (core/integrity.py) goes to a scratch file, not
# the user's cache folder; child processes inherit it.
os.environ.setdefault("YEARBOOK_CHECK_RECORD", str(Path(tempfile.mkdtemp(prefix="yb-checks-")) / "checks.json"))
