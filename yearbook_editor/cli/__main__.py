"""``python -m yearbook_editor.cli``: the same as the ``yearbook-editor`` command."""

import sys

from . import main

sys.exit(main())
