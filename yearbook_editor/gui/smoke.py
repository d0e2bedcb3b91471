"""``yearbook-editor --smoke-test``: prove that an installed (or frozen) program works.

Offscreen, in a temporary folder: create a store, open the bundled sample volume in the
main window, select an entry, run the checks, export every format, reopen the Word file
and the JSON, and exit 0 only if all of it worked. Each step prints one line.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from ..core import queries


def _open_window(state: dict, tmp: Path):
    from .app import create_window, ensure_app, make_settings, setup_app

    app = ensure_app()
    settings = make_settings(tmp / "settings.ini")
    settings.setValue("background/auto", False)  # the steps below run what they test themselves
    setup_app(app, "zh_CN")
    window = create_window(tmp / "smoke.db", settings, "zh_CN", "smoke-test")
    window.show()
    app.processEvents()
    state.update(app=app, window=window, store=window.session.store)
    vid = queries.first_volume_id(state["store"])
    state["vid"] = vid
    nodes = queries.node_count(state["store"], vid) if vid is not None else 0
    if not nodes:
        raise RuntimeError("the sample volume has no outline")
    return f"({nodes} nodes; {_chinese_help(window)})"


def _chinese_help(window) -> str:
    """The Chinese catalogues (the app's, Qt's own and its supplement) and the bundled quick start
    load here too: in a frozen build they come from the folders build.spec collects."""
    from . import help, i18n

    missing = {"app", "qtbase", "qt_extra"} - set(i18n.loaded)
    if missing:
        raise RuntimeError(f"translations not loaded: {', '.join(sorted(missing))}")
    pages = help.quickstart_pages(window.actions_table, window.help_ctl.menu_titles())
    if len(pages) < 8:
        raise RuntimeError(f"the quick start has {len(pages)} pages")
    return f"zh_CN: {', '.join(i18n.loaded)}; quick start: {len(pages)} pages"


def _select_entry(state: dict, tmp: Path):
    store, window = state["store"], state["window"]
    node = queries.first_entry_node(store, state["vid"])
    window.session.select_node(node, None)
    state["app"].processEvents()
    return f"(node {node})"


def _checks(state: dict, tmp: Path):
    """As the app runs them: in a process of their own (frozen, this is where a build that cannot
    start one fails), the findings stored."""
    from ..core import processes
    from ..core.checks.runner import check_and_store

    task = processes.start(check_and_store, str(state["store"].path), state["vid"])
    last = task.wait(120)[-1]
    if last[0] != "finished":
        raise RuntimeError(f"the checks' process ended with {last[0]}: {str(last[1:])[:300]}")
    return f"({last[1]} findings, in a process of their own)"


def _exports(state: dict, tmp: Path):
    from ..core.export import FORMATS

    made = []
    for fmt in FORMATS.values():
        out = tmp / f"sample{fmt.suffix}"
        fmt.export(state["store"], state["vid"], out)
        if not out.exists() or out.stat().st_size == 0:
            raise RuntimeError(f"{fmt.name}: nothing written")
        made.append(fmt.name)
    return "(" + ", ".join(made) + ")"


def _reopen(state: dict, tmp: Path):
    import docx

    from ..core.export import import_json
    from ..core.store import Store

    d = docx.Document(str(tmp / "sample.docx"))
    if not any(p.style.name.startswith("Heading") for p in d.paragraphs):
        raise RuntimeError("the Word file has no headings")
    with Store(tmp / "again.db") as other:
        res = import_json(other, tmp / "sample.json")
        if not res.created:
            raise RuntimeError("the JSON did not import")
    return "(docx, json)"


STEPS = (
    ("open the sample volume in the main window", _open_window),
    ("select an entry", _select_entry),
    ("run the checks", _checks),
    ("export every format", _exports),
    ("reopen the Word file and the JSON", _reopen),
)


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    steps: list[tuple[str, bool, str]] = []

    def step(name: str, fn):
        try:
            detail = fn() or ""
            steps.append((name, True, str(detail)))
            print(f"ok    {name} {detail}".rstrip(), flush=True)
            return True
        except Exception as e:  # report and go on: the summary says what failed
            steps.append((name, False, f"{type(e).__name__}: {e}"))
            print(f"FAIL  {name}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(file=sys.stdout)
            return False

    with tempfile.TemporaryDirectory(prefix="yearbook-smoke-") as folder:
        tmp = Path(folder)
        state: dict = {}
        ok = True
        for name, fn in STEPS:
            ok = ok and step(name, lambda fn=fn: fn(state, tmp))
        if "window" in state:
            state["window"].session.close()
            state["window"].close()
    failed = [s for s in steps if not s[1]]
    print(f"smoke test: {len(steps) - len(failed)} of {len(steps)} steps ok in {time.perf_counter() - started:.1f} s")
    return 1 if failed or not ok else 0
