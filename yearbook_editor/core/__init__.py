"""The Qt-free core of yearbook_editor: reading, layout repair, structure, store, edits, export.

Nothing in this package imports PySide6; the desktop app and the command line are its two
clients.
"""
