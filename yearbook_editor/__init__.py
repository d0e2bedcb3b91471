"""年鉴校对台 yearbook_editor: proofreading workbench for extracted Chinese local yearbooks."""

__version__ = "0.1.0"
