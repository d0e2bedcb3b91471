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

    with tempfile.TemporaryDirectory(prefix="yearbook-smoke-") as tmp:
        tmp = Path(tmp)
        state: dict = {}

        def open_window():
            from .app import create_window, ensure_app, make_settings, setup_app

            app = ensure_app()
            settings = make_settings(tmp / "settings.ini")
            settings.setValue("background/auto", False)  # the steps below run what they test themselves
            setup_app(app, "zh_CN")
            window = create_window(tmp / "smoke.db", settings, "zh_CN", "smoke-test")
            window.show()
            app.processEvents()
            state.update(app=app, window=window, store=window.session.store)
            vid = state["store"].scalar("SELECT min(id) FROM volumes")
            state["vid"] = vid
            nodes = state["store"].scalar("SELECT count(*) FROM nodes WHERE volume_id = ? AND deleted = 0", (vid,))
            if not nodes:
                raise RuntimeError("the sample volume has no outline")
            return f"({nodes} nodes)"

        def select_entry():
            store, window = state["store"], state["window"]
            node = store.scalar("SELECT id FROM nodes WHERE kind = 'entry' AND deleted = 0 ORDER BY seq LIMIT 1")
            window.session.select_node(node, None)
            state["app"].processEvents()
            return f"(node {node})"

        def checks():
            try:
                from ..core.checks import run_checks
            except ImportError:
                return "(no checks in this build)"
            findings = run_checks(state["store"], state["vid"])
            return f"({len(findings)} findings)"

        def exports():
            from ..core.export import FORMATS

            made = []
            for fmt in FORMATS.values():
                out = tmp / f"sample{fmt.suffix}"
                fmt.export(state["store"], state["vid"], out)
                if not out.exists() or out.stat().st_size == 0:
                    raise RuntimeError(f"{fmt.name}: nothing written")
                made.append(fmt.name)
            return "(" + ", ".join(made) + ")"

        def reopen():
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

        ok = step("open the sample volume in the main window", open_window)
        ok = ok and step("select an entry", select_entry)
        ok = ok and step("run the checks", checks)
        ok = ok and step("export every format", exports)
        ok = ok and step("reopen the Word file and the JSON", reopen)
        if "window" in state:
            state["window"].session.close()
            state["window"].close()
    failed = [s for s in steps if not s[1]]
    print(f"smoke test: {len(steps) - len(failed)} of {len(steps)} steps ok in {time.perf_counter() - started:.1f} s")
    return 1 if failed or not ok else 0
