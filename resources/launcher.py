"""Entry script of the frozen program (PyInstaller): the same as the ``yearbook-editor``
command — with a command it works headless, with none it opens the desktop app."""

import sys

from yearbook_editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
