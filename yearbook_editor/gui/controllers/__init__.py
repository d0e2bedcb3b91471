"""Feature controllers: each owns one feature's actions (one table of :class:`ActionSpec`),
its panes or docks, and its reactions to the session's changes. A controller talks back
to the window only through the :class:`~yearbook_editor.gui.feedback.Feedback` it is given.
"""
