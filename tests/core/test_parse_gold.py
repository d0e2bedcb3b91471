"""Hand-made answer keys (tests/data/layout_gold/) scored with the shared scorer.

Each ``NNN_LA-B.gold.txt`` is an excerpt of a shared volume corrected by hand in the answer-key
format of ``../shared/eval`` (one paragraph per line, furniture removed, characters exactly the
source's), with a ``.noise.txt`` sidecar. The parser's export of the whole volume is scored with
``../shared/eval/score_layout.py``: boundary F1, furniture left in, text lost.
"""

from __future__ import annotations

import importlib.util
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from yearbook_editor.core.export.text import corrected_lines
from yearbook_editor.core.parse import parse_text

from ..conftest import DATA, EVAL

GOLD_DIR = DATA / "layout_gold"
GOLDS = sorted(GOLD_DIR.glob("*.gold.txt"))
SCORER = EVAL / "score_layout.py"

_exports: dict[str, Path] = {}


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"scorer {SCORER} is not present")
    spec = importlib.util.spec_from_file_location("score_layout", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _export(key: str, seed_lines, tmp_path_factory) -> Path:
    if key not in _exports:
        res = parse_text(seed_lines(key))
        out = corrected_lines((b.kind.value, b.text) for b in res.blocks)
        path = tmp_path_factory.mktemp("gold") / f"{key}.txt"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        _exports[key] = path
    return _exports[key]


def score(gold: Path, export: Path) -> dict[str, float]:
    mod = _scorer()
    buf = io.StringIO()
    with redirect_stdout(buf):
        mod.main([str(gold), str(export), "-v"])
    text = buf.getvalue()
    m = re.search(r"F1=([\d.]+) noise_left=(\d+) lost=(\d+)", text)
    assert m, text[-2000:]
    return {"f1": float(m.group(1)), "noise_left": int(m.group(2)), "lost": int(m.group(3)), "report": text}


#: Answer keys the parser does not reach yet, with the floor it must keep (see the key's .notes.txt):
#: a six-column table flattened one cell per line, whose rows are not rebuilt yet.
FLOORS = {"000_L39585-39742": 0.5}


@pytest.mark.parametrize("gold", GOLDS, ids=[g.name.split(".")[0] for g in GOLDS])
def test_gold_excerpt(gold, seed_lines, tmp_path_factory):
    key = gold.name.split("_")[0]
    export = _export(key, seed_lines, tmp_path_factory)
    s = score(gold, export)
    floor = FLOORS.get(gold.name.split(".")[0], 0.95)
    assert s["f1"] >= floor and s["noise_left"] == 0 and s["lost"] == 0, s["report"][-3000:]


def test_public_answer_key(seed_lines, tmp_path_factory):
    gold = EVAL / "000_L7428-7721.gold.txt"
    if not gold.exists():
        pytest.skip("public answer key is not present")
    s = score(gold, _export("000", seed_lines, tmp_path_factory))
    assert s["f1"] >= 0.97 and s["noise_left"] == 0 and s["lost"] == 0, s["report"][-3000:]
