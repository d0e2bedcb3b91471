"""The editable word lists of the checks.

The default list ships with the program (``resources/checks/words.tsv``: confusable characters
and wrong words, one TAB-separated entry a line). A store adds its own entries in the
``check_words`` table (schema version 2), for the whole store or for one volume:

* ``confusable`` — a character that looks like another (``臵`` → ``置``);
* ``word`` — a wrong word and its correct form (``培同`` → ``陪同``);
* ``name`` — a personal or place name that must not be flagged (a traditional character in a
  name, ``赵乾德``);
* ``ignore`` — a default entry switched off for this store/volume (``wrong`` = its wrong form).

API: :func:`load_wordlists` (what a run uses), :func:`add_word`, :func:`remove_word`,
:func:`list_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..resources import RESOURCES
from ..store import Store, now_iso

DEFAULT_WORDS = RESOURCES / "checks" / "words.tsv"
KINDS = ("confusable", "word", "name", "ignore")


@dataclass
class WordLists:
    confusable: dict[str, tuple[str, str]] = field(default_factory=dict)  # wrong char → (right, note)
    words: dict[str, tuple[str, str]] = field(default_factory=dict)  # wrong word → (right, note)
    names: set[str] = field(default_factory=set)


def read_default_words(path=DEFAULT_WORDS) -> list[tuple[str, str, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t") + ["", "", ""]
        kind, wrong, right, note = (p.strip() for p in parts[:4])
        if kind in KINDS and wrong:
            out.append((kind, wrong, right, note))
    return out


def list_words(store: Store, volume_id: int | None = None) -> list[dict]:
    """The store's own entries (store-wide ones and, when given, the volume's)."""
    return store.query(
        "SELECT id, kind, wrong, right, note, volume_id, created_at FROM check_words"
        " WHERE volume_id IS NULL OR volume_id = ? ORDER BY id",
        (volume_id,),
    )


def add_word(store: Store, kind: str, wrong: str, right: str = "", note: str = "",
             volume_id: int | None = None) -> int:
    """Add (or replace) an entry of the store's list; returns its id."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if not wrong.strip():
        raise ValueError("wrong must not be empty")
    with store.write() as conn:
        conn.execute("DELETE FROM check_words WHERE kind = ? AND wrong = ? AND volume_id IS ?",
                     (kind, wrong, volume_id))
        cur = conn.execute(
            "INSERT INTO check_words (kind, wrong, right, note, volume_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, wrong, right, note, volume_id, now_iso()),
        )
        return cur.lastrowid


def remove_word(store: Store, word_id: int) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM check_words WHERE id = ?", (word_id,))


def load_wordlists(store: Store | None, volume_id: int | None = None) -> WordLists:
    entries = read_default_words()
    if store is not None:
        entries += [(r["kind"], r["wrong"], r["right"], r["note"]) for r in list_words(store, volume_id)]
    wl = WordLists()
    ignored = {e[1] for e in entries if e[0] == "ignore"}
    for kind, wrong, right, note in entries:
        if wrong in ignored and kind != "ignore":
            continue
        if kind == "confusable" and len(wrong) == 1 and right:
            wl.confusable[wrong] = (right, note)
        elif kind in ("word", "confusable") and right:
            wl.words[wrong] = (right, note)
        elif kind == "name":
            wl.names.add(wrong)
    return wl
