"""Build ``resources/checks/confusion_neighbours.tsv``: a published set of characters that are
confused for their shape (run by a developer, never by the app).

    python -m yearbook_editor.core.checks.chardata_confusion [--wheel pycorrector-1.1.4-py3-none-any.whl]

Why: the detector's two measured sources (char-similar's stroke, four-corner and component data;
glyphs compared on the page) rank look-alikes by the whole character, so pairs that share their
phonetic part but differ in the radical (逢/锋, 俭/签, 候/侯, 喻/愈) often fall outside the closest
ones. SIGHAN's similar-shape set, compiled from real misspellings and shipped by pycorrector as
``same_stroke.txt`` (831 groups such as ``己 已 巳``), holds those; about half of its pairs were
no candidate of the detector.

How: every character of a group is a look-alike of the group's others (an error goes either way);
only the 6,763 GB 2312 characters are kept. One line a character: ``char TAB look-alikes``.

Input (pinned by sha256, only read: pycorrector itself is never installed): the wheel of
pycorrector 1.1.4 (Apache-2.0), ``pip download pycorrector==1.1.4 --no-deps``; fetched that way
into a temporary folder when ``--wheel`` is not given.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ..resources import RESOURCES
from .chardata_build import common_chars

OUT = RESOURCES / "checks" / "confusion_neighbours.tsv"
PYCORRECTOR = "pycorrector==1.1.4"
WHEEL_SHA256 = "62fba7a2573ff011b4c57f1fff301a7015cab339c567991aa0bb6ff53248b322"
MEMBER = "pycorrector/data/same_stroke.txt"


def read_groups(wheel: Path) -> list[list[str]]:
    raw = wheel.read_bytes()
    if hashlib.sha256(raw).hexdigest() != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: not the pinned {PYCORRECTOR} wheel (sha256 differs)")
    with zipfile.ZipFile(wheel) as z:
        text = z.read(MEMBER).decode("utf-8")
    return [[c for c in line.split() if len(c) == 1] for line in text.splitlines() if not line.startswith("#")]


def neighbours(groups: list[list[str]], common: set[str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for group in groups:
        group = [c for c in group if c in common]
        for c in group:
            lst = out.setdefault(c, [])
            lst += [d for d in group if d != c and d not in lst]
    return {c: "".join(v) for c, v in out.items() if v}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", PYCORRECTOR, "--no-deps", "-d", tmp, "-q"],
                           check=True)
            wheel = next(Path(tmp).glob("pycorrector-*.whl"))
        nb = neighbours(read_groups(wheel), set(common_chars()))
    lines = [f"# char\tlook-alikes in SIGHAN's similar-shape set ({PYCORRECTOR}: {MEMBER}). Built by "
             "yearbook_editor.core.checks.chardata_confusion."]
    lines += [f"{c}\t{nb[c]}" for c in sorted(nb)]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(nb)} characters, {sum(map(len, nb.values()))} look-alike pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
