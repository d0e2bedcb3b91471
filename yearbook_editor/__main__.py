"""``python -m yearbook_editor``: the same as the ``yearbook-editor`` command."""

import sys

from .cli import main

sys.exit(main())
