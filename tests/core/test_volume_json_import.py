"""Volume JSON import is as strict as the store (issue 12, item 6).

A valid export (the sample volume with text, split, merge, status and tag edits) is damaged
in every way a hand, a tool or a disk can: integers made huge, negative, fractional or text,
strings given lone surrogates, keys deleted, ids pointed elsewhere, block texts that are not
the join of their source runs, revision chains that do not replay, raw bytes that do not
decode to the stated text, zlib bombs. Each is either imported whole (and then verifies and
exports) or refused with one sentence naming the file, with nothing stored.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yearbook_editor.cli.console import pipe_encoding
from yearbook_editor.core.edits import MergeBlocks, SetBlockText, SetNodeStatus, SplitBlock, apply_edit, verify_volume
from yearbook_editor.core.errors import ReadError, YearbookError
from yearbook_editor.core.export import export_json, export_text, import_json
from yearbook_editor.core.export._volume_check import MAX_RAW_BYTES
from yearbook_editor.core.reading import read_source
from yearbook_editor.core.resources import SAMPLE_VOLUME
from yearbook_editor.core.store import Store
from yearbook_editor.core.tags import TagNodes, create_tag
from yearbook_editor.core.volumes import import_source

from ..conftest import CHILD_ENCODING, DATA

NAME = "卷 册.json"


@functools.lru_cache(maxsize=1)
def _made() -> tuple[dict, Path]:
    """A valid export with every kind of revision, and a template store holding another
    volume (what a refusal must leave untouched)."""
    d = Path(tempfile.mkdtemp(prefix="yb-json-"))
    with Store(d / "a.db") as s:
        vid = import_source(s, read_source(SAMPLE_VOLUME)).volume_id
        create_tag(s, "其他标签")  # the tag below gets another id here than in the target store
        tag = create_tag(s, "测试/导入")
        entries = s.query("SELECT id FROM nodes WHERE kind = 'entry' ORDER BY seq LIMIT 2")
        apply_edit(s, TagNodes(tuple(e["id"] for e in entries), tag), author="甲")
        paras = s.query("SELECT id, text FROM blocks WHERE kind = 'paragraph' AND length(text) > 40 ORDER BY seq")
        apply_edit(s, SetBlockText(paras[0]["id"], paras[0]["text"] + "（改）"), author="甲", reason="核对")
        apply_edit(s, SplitBlock(paras[1]["id"], 20), author="甲")
        first = s.query("SELECT id, seq FROM blocks WHERE id = ?", (paras[2]["id"],))[0]
        second = s.scalar("SELECT id FROM blocks WHERE volume_id = ? AND seq > ? AND deleted = 0 AND kind != 'noise'"
                          " ORDER BY seq LIMIT 1", (vid, first["seq"]))
        apply_edit(s, MergeBlocks(first["id"], second), author="乙")
        apply_edit(s, SetNodeStatus(entries[0]["id"], "checked"), author="乙")
        export_json(s, vid, d / "valid.json")
    with Store(d / "template.db") as t:
        from yearbook_editor.core.volumes import import_file

        import_file(t, DATA / "small_volume.txt")
        create_tag(t, "先有的标签")
    return json.loads((d / "valid.json").read_text(encoding="utf-8")), d / "template.db"


def _counts(s: Store) -> tuple:
    return tuple(s.scalar(f"SELECT count(*) FROM {t}") for t in ("volumes", "sources", "blocks", "nodes",
                                                                   "revisions", "tags", "node_tags"))


def _try_import(data, folder: Path, *, ensure_ascii: bool = True):
    """Import ``data`` (a value or raw bytes) into a copy of the template store; returns
    (result or the error, the store's counts before and after)."""
    _valid, template = _made()
    path = folder / NAME
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=ensure_ascii).encode())
    db = folder / "s.db"
    shutil.copy(template, db)
    with Store(db) as s:
        before = _counts(s)
        try:
            res = import_json(s, path)
        except YearbookError as e:
            res = e
        after = _counts(s)
        if isinstance(res, YearbookError):
            assert s.integrity_ok()
        else:
            assert res.created
            assert verify_volume(s, res.volume_id) == []
            export_text(s, res.volume_id, folder / "out.txt")  # what was accepted is whole
    return res, before, after


def assert_refused(res, before, after, *words: str) -> None:
    assert isinstance(res, ReadError), res
    msg = str(res)
    assert NAME in msg, msg
    assert "\n" not in msg and len(msg) < 300, msg
    assert msg.endswith("。") and msg.count("。") == 1, msg  # one sentence
    assert not any(w in msg for w in ("constraint", "SQLite", "sqlite", "Error", "资料库")), msg
    assert after == before, "nothing may be stored on refusal"
    for w in words:
        assert w in msg, (w, msg)


def refused(tmp_path, data, *words: str, **kw) -> None:
    assert_refused(*_try_import(data, tmp_path, **kw), *words)


def _valid() -> dict:
    return copy.deepcopy(_made()[0])


# -- the valid file and the tag numbers ---------------------------------------------------


def test_the_valid_export_imports_whole_with_its_tags_renumbered(tmp_path):
    res, before, after = _try_import(_valid(), tmp_path)
    assert res.created and after[0] == before[0] + 1
    with Store(tmp_path / "s.db") as s:
        tagged = s.query("SELECT t.name FROM node_tags nt JOIN nodes n ON n.id = nt.node_id"
                         " JOIN tags t ON t.id = nt.tag_id WHERE n.volume_id = ?", (res.volume_id,))
        assert [r["name"] for r in tagged] == ["导入", "导入"]
        fields = {r["field"] for r in s.query("SELECT field FROM revisions WHERE volume_id = ? AND field LIKE 'tag:%'",
                                              (res.volume_id,))}
        tag_id = s.scalar("SELECT id FROM tags WHERE name = '导入'")
        assert fields == {f"tag:{tag_id}"}  # before the fix: the exporting store's number, verify failed


# -- each class of bad field --------------------------------------------------------------


@pytest.mark.parametrize("value", [2**63, 2**64 + 7, 10**40, -1, -(2**63) - 5, 1.5, 1e308, "12", None, True, [3]])
def test_a_bad_integer_is_refused(tmp_path, value):
    data = _valid()
    data["blocks"][3]["level"] = value
    refused(tmp_path, data, "第 4 个文本块", "level")


@pytest.mark.parametrize("where", ["volume.line_count", "volume.char_count", "volume.parser_version",
                                   "node.depth", "node.seq", "block.line_end", "revision.target_id"])
def test_huge_or_negative_numbers_anywhere_are_refused(tmp_path, where):
    part, key = where.split(".")
    for value in (2**64, -5):
        data = _valid()
        obj = data["volume"] if part == "volume" else data[part + "s" if part != "revision" else "revisions"][0]
        obj[key] = value
        refused(tmp_path, data)


@pytest.mark.parametrize("where", ["volume.title", "block.text", "block.role", "node.title", "revision.author",
                                   "tag.name", "volume.profile.style", "source.text"])
def test_a_lone_surrogate_is_refused(tmp_path, where):
    data = _valid()
    *parents, key = where.split(".")
    obj = data
    for p in parents:
        obj = {"block": data["blocks"][2], "node": data["nodes"][1], "revision": data["revisions"][0],
               "tag": data["tags"][0]}.get(p, obj.get(p) if isinstance(obj, dict) else None)
    obj[key] = obj[key][:3] + "\ud83d" + obj[key][3:]
    refused(tmp_path, data, "代理字符")


def test_a_lone_surrogate_in_a_key_is_refused(tmp_path):
    data = _valid()
    data["volume"]["profile"]["\udc80"] = 1
    refused(tmp_path, data, "代理字符")


@pytest.mark.parametrize("part", ["volume", "source", "blocks", "nodes", "revisions", "tags"])
def test_a_deleted_key_is_refused(tmp_path, part):
    data = _valid()
    obj = data[part] if part in ("volume", "source") else data[part][0]
    for key in list(obj):
        if key in ("tags", "color"):  # optional: a node without tags, a tag without a colour
            continue
        broken = copy.deepcopy(data)
        target = broken[part] if part in ("volume", "source") else broken[part][0]
        del target[key]
        refused(tmp_path, broken)


@pytest.mark.parametrize("change", ["unknown kind", "unknown status", "parent loop", "node of a block",
                                    "anchor", "tag of a node", "duplicate id", "same seq", "revision field",
                                    "revision target", "created row id", "nan", "bad base64", "sha", "line count"])
def test_a_wrong_value_or_reference_is_refused(tmp_path, change):
    data = _valid()
    b, n, r = data["blocks"], data["nodes"], data["revisions"]
    if change == "unknown kind":
        b[0]["kind"] = "picture"
    elif change == "unknown status":
        n[0]["status"] = "done"
    elif change == "parent loop":
        n[0]["parent_id"] = n[0]["id"]
    elif change == "node of a block":
        b[0]["node_id"] = 10**6
    elif change == "anchor":
        n[0]["anchor_block_id"] = 10**6
    elif change == "tag of a node":
        n[0]["tags"] = [777]
    elif change == "duplicate id":
        b[1]["id"] = b[0]["id"]
    elif change == "same seq":
        b[1]["seq"] = b[0]["seq"]
    elif change == "revision field":
        r[0]["field"] = "volume_id"
    elif change == "revision target":
        r[0]["target"] = "volume"
    elif change == "created row id":
        created = next(x for x in r if x["field"] == "created")
        row = json.loads(created["new_value"])
        row["id"] += 1
        created["new_value"] = json.dumps(row)
    elif change == "nan":
        b[0]["seq"] = float("nan")  # json.dumps writes NaN, which is not JSON
    elif change == "bad base64":
        data["source"]["raw_zlib_base64"] = data["source"]["raw_zlib_base64"][:-3] + "*=="
    elif change == "sha":
        data["volume"]["sha256"] = "0" * 64
    elif change == "line count":
        data["volume"]["line_count"] += 1
    refused(tmp_path, data)


# -- what only the whole volume can tell ----------------------------------------------------


def test_a_block_text_that_is_not_its_source_runs_is_refused(tmp_path):
    data = _valid()
    block = next(x for x in data["blocks"] if x["kind"] == "paragraph" and not x["deleted"]
                 and all(r["target_id"] != x["id"] for r in data["revisions"]))
    block["text"] = block["text"].replace("，", "。", 1) + "多"
    refused(tmp_path, data, "对不上", "文字")


def test_a_block_whose_revisions_do_not_replay_to_its_text_is_refused(tmp_path):
    data = _valid()
    rev = next(x for x in data["revisions"] if x["field"] == "text" and x["reason"] == "核对")
    rev["new_value"] += "又改"
    refused(tmp_path, data, "对不上")


def test_a_broken_revision_chain_is_refused(tmp_path):
    data = _valid()
    rev = next(x for x in data["revisions"] if x["field"] == "text")
    data["revisions"].append(dict(rev, old_value="并非上一次的文字", new_value=rev["new_value"]))
    refused(tmp_path, data, "接不上")


def test_a_node_status_that_its_revisions_do_not_end_in_is_refused(tmp_path):
    data = _valid()
    rev = next(x for x in data["revisions"] if x["field"] == "status")
    node = next(x for x in data["nodes"] if x["id"] == rev["target_id"])
    node["status"] = "approved"
    refused(tmp_path, data, "status")


def _with_raw(data: dict, compressed: bytes) -> dict:
    data["source"]["raw_zlib_base64"] = base64.b64encode(compressed).decode("ascii")
    return data


def test_raw_bytes_that_decode_to_another_text_are_refused(tmp_path):
    data = _valid()
    raw = data["source"]["text"].replace("河西区", "河东区", 1).encode("utf-8")
    refused(tmp_path, _with_raw(data, zlib.compress(raw)), "原始文件", "不一致")


def test_raw_bytes_in_another_encoding_than_stated_are_refused(tmp_path):
    data = _valid()
    raw = data["source"]["text"].encode("gb18030")
    refused(tmp_path, _with_raw(data, zlib.compress(raw)), "原始文件", "utf-8")


def test_raw_bytes_with_other_line_endings_than_stated_are_refused(tmp_path):
    data = _valid()
    raw = data["source"]["text"].replace("\n", "\r\n").encode("utf-8")
    refused(tmp_path, _with_raw(data, zlib.compress(raw)), "换行")


@pytest.mark.parametrize("damage", ["truncated", "trailing", "garbage"])
def test_damaged_compressed_bytes_are_refused(tmp_path, damage):
    data = _valid()
    packed = zlib.compress(data["source"]["text"].encode("utf-8"))
    packed = {"truncated": packed[:-10], "trailing": packed + b"\x00more", "garbage": b"\x78\x9c" + b"\xff" * 40}[damage]
    refused(tmp_path, _with_raw(data, packed), "原始文件")


def _bomb(size: int) -> bytes:
    c = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    return b"".join(c.compress(chunk) for _ in range(size >> 20)) + c.flush()


@pytest.mark.linux  # peak memory from /proc
def test_a_zlib_bomb_is_refused_after_inflating_at_most_the_limit(tmp_path):
    """A 512 MiB bomb (the issue's was 4 GiB in a 5.7 MB file, and used 8.4 GB): refused
    once MAX_RAW_BYTES (64 MiB) are out, in a process that never holds much more."""
    data = _valid()
    path = tmp_path / NAME
    path.write_text(json.dumps(_with_raw(data, _bomb(8 * MAX_RAW_BYTES))), encoding="utf-8")
    code = ("import sys\n"
            "from yearbook_editor.core.store import Store\n"
            "from yearbook_editor.core.export import import_json\n"
            "from yearbook_editor.core.errors import ReadError\n"
            "with Store(sys.argv[2]) as s:\n"
            "    try:\n"
            "        import_json(s, sys.argv[1])\n"
            "    except ReadError as e:\n"
            "        print(e)\n"
            "with open('/proc/self/status') as f:  # VmHWM: this process's own peak (ru_maxrss survives exec)\n"
            "    print(next(int(x.split()[1]) for x in f if x.startswith('VmHWM:')) // 1024)\n")
    r = subprocess.run([sys.executable, "-c", code, str(path), str(tmp_path / "s.db")], capture_output=True,
                       encoding=CHILD_ENCODING, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
                       timeout=120)
    assert r.returncode == 0, r.stderr
    message, peak_mb = r.stdout.strip().splitlines()
    assert "解压后超过 64 MB 的上限" in message and NAME in message
    assert int(peak_mb) < 4 * MAX_RAW_BYTES // 2**20  # 256 MB: the bomb's 512 MiB was never held


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    from yearbook_editor.core.export._volume_check import MAX_JSON_BYTES

    path = tmp_path / NAME
    with open(path, "wb") as f:
        f.truncate(MAX_JSON_BYTES + 1)  # sparse: nothing is written
    with Store(tmp_path / "s.db") as s, pytest.raises(ReadError, match="文件太大"):
        import_json(s, path)


@pytest.mark.parametrize("content, words", [
    (b'{"format": "yearbook_editor.volume", "format_ver', "第 1 行"),
    (b'{"format": "yearbook_editor.volume", "format_version": 1', "末尾"),
    (b'{"format": "yearbook_editor.volume",\n "format_version": 1,,}', "第 2 行"),
    (b"\xff\xfe{}", "UTF-8"),
    (b'{"format": "yearbook_editor.volume", "format_version": 0}', "版本号"),
    (b'{"format": "yearbook_editor.volume", "format_version": 1.0}', "版本号"),
    (b'{"format": "yearbook_editor.volume", "format_version": 1, "volume": {}, "source": {}, "x": Infinity}', "非数字"),
])
def test_broken_json_is_refused_in_chinese(tmp_path, content, words):
    res, before, after = _try_import(content, tmp_path)
    assert_refused(res, before, after, words)
    assert "Expecting" not in str(res) and "char" not in str(res)


def test_the_command_line_says_one_sentence(tmp_path):
    data = _valid()
    data["blocks"][0]["seq"] = 2**70
    path = tmp_path / NAME
    path.write_text(json.dumps(data), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--db", str(tmp_path / "s.db"), "-q", "import",
                        str(path)], capture_output=True, encoding=pipe_encoding(), timeout=120,
                       env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert r.returncode == 1
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：无法读取文件") and NAME in lines[0], r.stderr
    assert "程序内部出错" not in r.stderr and "Overflow" not in r.stderr


# -- any damage: imported whole, or refused with a sentence and nothing stored ----------------

_HEALTH = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
_BAD_INTS = [2**63, 2**64 + 1, 10**30, -1, -(2**63) - 1, 0.5, 1e308, "7", "", None, True, [], {}]
_BAD_STRS = ["\ud800", 7, 2**70, None, 1.25, [], {"a": 1}, "", "字"]


def _slots(data) -> list[tuple[object, object]]:
    """Every (container, key or index) of the file, the source text's container included."""
    out, stack = [], [data]
    while stack:
        v = stack.pop()
        items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else ()
        for k, child in items:
            out.append((v, k))
            stack.append(child)
    return out


@st.composite
def _damaged(draw):
    data = _valid()
    for _ in range(draw(st.integers(1, 3))):
        slots = _slots(data)
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        value = container[key]
        how = draw(st.sampled_from(["replace", "replace", "nudge", "delete"]))
        if how == "delete" and isinstance(container, dict):
            del container[key]
        elif how == "nudge" and type(value) is int:
            container[key] = value + draw(st.sampled_from([-1, 1, 2**62, -(2**62)]))
        elif how == "nudge" and isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            container[key] = value[:at] + draw(st.sampled_from(["\udc00", "改", "", "\x00"])) + value[at + 1:]
        elif isinstance(value, str):
            container[key] = draw(st.sampled_from(_BAD_STRS))
        else:
            container[key] = draw(st.sampled_from(_BAD_INTS + _BAD_STRS[:1]))
    return data


def _any_damage(data) -> None:
    with tempfile.TemporaryDirectory(prefix="yb-json-fuzz-") as d:
        res, before, after = _try_import(data, Path(d))
        if isinstance(res, YearbookError):
            assert_refused(res, before, after)
        else:
            assert after[0] == before[0] + 1


test_any_damage_is_imported_whole_or_refused_in_one_sentence = settings(
    max_examples=120, deadline=None, suppress_health_check=_HEALTH)(given(_damaged())(_any_damage))
test_any_damage_is_imported_whole_or_refused_in_one_sentence_long = pytest.mark.slow(settings(
    max_examples=2000, deadline=None, suppress_health_check=_HEALTH)(given(_damaged())(_any_damage)))
