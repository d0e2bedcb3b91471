"""What the command line and the desktop app both do, said once.

* :func:`import_path` — a file the editor names: a volume JSON (``.json``, exported by this
  program) is brought back as it was; anything else is read as an extracted text, parsed
  and stored. The same content is never stored twice.
* :func:`import_sample` — the bundled sample volume, under its own title.
* :func:`note_structure_doubts` — after a new import, the 结构 checks are run and kept, so
  the outline can mark doubtful headings; the number found is returned.
* :func:`export_volume` — an export in one of the registered formats
  (:data:`core.export.FORMATS`), its encoding checked against what the format offers.
"""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks, save_findings
from .export import ExportOptions, export_format, import_json
from .progress import NO_PROGRESS, Progress
from .reading import read_source
from .resources import SAMPLE_TITLE, SAMPLE_VOLUME
from .store import Store
from .volumes import ImportResult, import_source

#: the suffix of a volume JSON file (``export --format json``)
VOLUME_JSON_SUFFIX = ".json"


def is_volume_json(path: str | Path) -> bool:
    return Path(path).suffix.lower() == VOLUME_JSON_SUFFIX


def import_path(store: Store, path: str | Path, *, author: str | None = None, title: str | None = None,
                progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import a text or a volume JSON. ``title`` names a text's volume (a volume JSON keeps
    the title it was exported with)."""
    if is_volume_json(path):
        return import_json(store, path, progress=progress)
    return import_source(store, read_source(path), source_path=str(Path(path).resolve()), author=author,
                         title=title, progress=progress)


def import_sample(store: Store, *, author: str | None = None, progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import the bundled sample volume (once: a second call finds it in the store)."""
    return import_source(store, read_source(SAMPLE_VOLUME), source_path=str(SAMPLE_VOLUME), author=author,
                         title=SAMPLE_TITLE, progress=progress)


def note_structure_doubts(store: Store, volume_id: int) -> int:
    """Run and keep the 结构 checks of a volume; returns how many doubtful places they found."""
    return len(save_findings(store, volume_id, run_checks(store, volume_id, codes=["structure"]),
                             codes=["structure"]))


def export_volume(store: Store, volume_id: int, fmt: str, path: str | Path, *,
                  options: ExportOptions = ExportOptions(), progress: Progress = NO_PROGRESS) -> list[Path]:
    """Export in the registered format ``fmt``; returns the files written."""
    exporter = export_format(fmt)
    exporter.export(store, volume_id, path, options=options, progress=progress)
    return exporter.targets(path)
