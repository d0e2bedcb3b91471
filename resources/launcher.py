"""Entry script of the frozen programs (PyInstaller, build.spec).

Both programs of the one-folder build start here:

- ``yearbook-editor`` (a console program): the same as the ``yearbook-editor`` command — with a
  command it works headless, with none it opens the desktop app;
- ``年鉴校对台`` (windowed, for the Start menu and desktop shortcuts; on macOS the application
  itself): always the desktop app. A windowed Windows program has no console, and Python then
  has no standard streams (``sys.stdout`` and ``sys.stderr`` are None, so any write would
  raise): they are pointed at the null device before anything can print.
"""

import os
import sys
from pathlib import Path

GUI_NAME = "年鉴校对台"  # resources/build_info.py GUI_NAME (not importable from inside the bundle)


def windowed() -> bool:
    return sys.stdout is None or sys.stderr is None or Path(sys.executable).stem == GUI_NAME


def guard_streams() -> None:
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # lives as long as the process


def main() -> int:
    import multiprocessing

    gui = windowed()
    if gui:
        guard_streams()
    multiprocessing.freeze_support()  # a background process of the app (core/processes.py) runs its work and exits here
    if gui:
        from yearbook_editor.gui.app import main as gui_main

        # macOS before 10.9 passed a process serial number to applications started by Finder
        return gui_main([a for a in sys.argv[1:] if not a.startswith("-psn_")])
    from yearbook_editor.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
