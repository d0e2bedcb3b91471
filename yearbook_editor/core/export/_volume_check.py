"""Reading a volume JSON file and checking every field before anything is stored.

The store refuses nothing that the checks here let through: every integer is an integer
in the range its column and its meaning allow, every string is text SQLite can hold (no
lone surrogates), every id a row refers to is in the file, the raw bytes inflate within
a bound and decode to the stated source text, and the derived volume figures match the
text. What cannot be checked field by field (block texts against their source runs and
the revisions, the revision chain) is checked by ``verify_volume`` inside the import's
transaction, before it commits. A problem is a :class:`Bad` with a short reason in words.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
import zlib

from ..edits import BLOCK_FIELDS, NODE_FIELDS, REVIEW_STATUSES
from ..errors import ReadError
from ..model import BlockKind, NodeKind
from ..reading import CODECS, MAX_BYTES, decode_as, read_bytes
from ..tags import GROUPS
from ..text import strip_ws

#: A volume JSON larger than this is refused before reading. A volume's text is under 10 MB
#: (at most 64 MB, the import limit); its JSON holds it about three times (source, block
#: texts, revisions) plus the compressed raw bytes: 000 (1.7 MB of text) exports 6.6 MB.
MAX_JSON_BYTES = 256 * 1024 * 1024
#: The raw bytes inflate to at most this (the import limit of a text file): a zlib bomb
#: is refused after inflating this much, never more.
MAX_RAW_BYTES = MAX_BYTES

_INT64 = 2**63 - 1
_ID_MAX = 2**62
_SEQ_MAX = float(2**53)  # reading order: exact as a float
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHA256 = re.compile("[0-9a-f]{64}")
_NEWLINES = ("LF", "CRLF", "CR", "mixed")
_BLOCK_KINDS = frozenset(k.value for k in BlockKind)
_NODE_KINDS = frozenset(k.value for k in NodeKind)
_TAG_FIELD = re.compile("tag:([0-9]{1,18})")


class Bad(Exception):
    """What is wrong with a volume JSON, in words (the reason of the refusal)."""


def read_json(path) -> object:
    """The file's JSON value. The bytes are dropped once decoded, so the file is held once
    as bytes, then once as text while it is parsed, never both and parsed together."""
    raw = read_bytes(path, MAX_JSON_BYTES, "（一卷年鉴导出的 JSON 文件通常不到 50 MB）。")
    try:
        text = str(raw, "utf-8")
    except UnicodeDecodeError as e:
        raise ReadError(path, f"不是有效的 JSON 文件（第 {e.start} 字节处不是 UTF-8 编码）。") from None
    del raw
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        where = f"第 {e.lineno} 行第 {e.colno} 列" if e.pos < len(text) else "末尾"
        raise ReadError(path, f"不是有效的 JSON 文件（{where}格式有误，文件可能不完整）。") from None
    except ValueError:  # NaN or Infinity: not JSON
        raise ReadError(path, "不是有效的 JSON 文件（含有 NaN 或 Infinity 这样的非数字值）。") from None
    except RecursionError:
        raise ReadError(path, "JSON 嵌套层数过多，不是年鉴校对台导出的卷册文件。") from None


def _no_constant(name: str):
    raise ValueError(name)


def inflate(data: bytes, limit: int = MAX_RAW_BYTES) -> bytes:
    """zlib data inflated, never to more than ``limit`` bytes (then Bad)."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error:
        raise Bad("原始文件的压缩数据已损坏") from None
    if len(out) > limit or d.unconsumed_tail:
        raise Bad(f"原始文件解压后超过 {limit // (1024 * 1024)} MB 的上限")
    if not d.eof or d.unused_data:
        raise Bad("原始文件的压缩数据不完整或有多余内容")
    return out


# -- values -------------------------------------------------------------------------------


def _field(obj: dict, key: str, where: str):
    if key not in obj:
        raise Bad(f"{where}缺少 {key}")
    return obj[key]


def _int(obj: dict, key: str, where: str, lo: int, hi: int) -> int:
    v = _field(obj, key, where)
    if type(v) is not int:
        raise Bad(f"{where}的 {key} 不是整数")
    if not lo <= v <= hi:
        raise Bad(f"{where}的 {key}（{v if abs(v) < 10**12 else '…'}）超出范围 {lo}–{hi}")
    return v


def _flag(obj: dict, key: str, where: str) -> int:
    return _int(obj, key, where, 0, 1)


def _str(obj: dict, key: str, where: str, *, nonempty: bool = False) -> str:
    v = _field(obj, key, where)
    if not isinstance(v, str):
        raise Bad(f"{where}的 {key} 不是文字")
    if nonempty and not v.strip():
        raise Bad(f"{where}的 {key} 是空的")
    return v


def _choice(obj: dict, key: str, where: str, allowed) -> str:
    v = _field(obj, key, where)
    if not isinstance(v, str) or v not in allowed:
        raise Bad(f"{where}的 {key} 不是可用的值")
    return v


def _ref(obj: dict, key: str, where: str, ids, what: str) -> int | None:
    v = _field(obj, key, where)
    if v is None:
        return None
    if type(v) is not int or v not in ids:
        raise Bad(f"{where}的 {key} 指向文件中没有的{what}")
    return v


def _seq(v, where: str) -> float:
    if type(v) not in (int, float) or not math.isfinite(v) or abs(v) > _SEQ_MAX:
        raise Bad(f"{where}的 seq 不是有效的位置数")
    return float(v)


def _no_lone_surrogates(data) -> None:
    """Every string and key in the file is text SQLite can store (JSON escapes such as
    "\\ud800" give Python strings that no encoder accepts)."""
    stack = [data]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if not v.isascii() and _SURROGATE.search(v):
                raise Bad("文件中有文字含有不成对的代理字符（如 \\ud800），不是有效的 Unicode 文本")
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def _list_of_dicts(data: dict, key: str, what: str) -> list[dict]:
    if key not in data:
        raise Bad(f"缺少 {key}")
    items = data[key]
    if not isinstance(items, list):
        raise Bad(f"{key} 不是列表")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise Bad(f"第 {i + 1} {'条' if what == '修改记录' else '个'}{what}不是对象")
    return items


def _unique_ids(items: list[dict], what: str) -> set[int]:
    ids: set[int] = set()
    for i, item in enumerate(items):
        v = _int(item, "id", f"第 {i + 1} 个{what}", 1, _ID_MAX)
        if v in ids:
            raise Bad(f"{what}编号 {v} 出现了两次")
        ids.add(v)
    return ids


# -- the whole file -----------------------------------------------------------------------


def check_volume_data(data: dict) -> bytes:
    """Check every field of a volume JSON (format and version already checked); returns the
    compressed raw bytes to store. Raises Bad."""
    vol, source = data.get("volume"), data.get("source")
    if not isinstance(vol, dict) or not isinstance(source, dict):
        raise Bad("缺少卷册或原文部分")
    _no_lone_surrogates(data)
    for key in ("exported_at", "exported_by"):
        if key in data and not isinstance(data[key], str):
            raise Bad(f"{key} 不是文字")
    text = _str(source, "text", "原文部分", nonempty=True)
    packed = _str(source, "raw_zlib_base64", "原文部分")
    lines = text.split("\n")
    _check_volume(vol, text, lines)
    try:
        compressed = base64.b64decode(packed, validate=True)
    except (binascii.Error, ValueError):
        raise Bad("原始文件的 base64 编码已损坏") from None
    del packed
    raw = inflate(compressed)
    try:
        decoded, newline = decode_as(raw, vol["encoding"])
    except UnicodeDecodeError:
        raise Bad(f"原始文件按所记的编码 {vol['encoding']} 无法解读") from None
    del raw
    if decoded != text:
        raise Bad("原始文件解码后与所记的原文不一致")
    if newline != vol["newline"]:
        raise Bad("原始文件的换行方式与所记的不一致")

    blocks = _list_of_dicts(data, "blocks", "文本块")
    nodes = _list_of_dicts(data, "nodes", "目录节点")
    tags = _list_of_dicts(data, "tags", "标签")
    revisions = _list_of_dicts(data, "revisions", "修改记录")
    block_ids, node_ids = _unique_ids(blocks, "文本块"), _unique_ids(nodes, "目录节点")
    tag_ids = _unique_ids(tags, "标签")
    for i, t in enumerate(tags):
        _check_tag(t, f"第 {i + 1} 个标签")
    seqs: set[float] = set()
    for i, b in enumerate(blocks):
        seq = _check_block(b, f"第 {i + 1} 个文本块", lines, node_ids)
        if seq in seqs:
            raise Bad(f"第 {i + 1} 个文本块的 seq 与另一文本块相同")
        seqs.add(seq)
    for i, n in enumerate(nodes):
        _check_node(n, f"第 {i + 1} 个目录节点", len(lines), block_ids, node_ids, tag_ids)
    for i, r in enumerate(revisions):
        _check_revision(r, f"第 {i + 1} 条修改记录", block_ids, node_ids, lines)
    _check_node_history(nodes, revisions)
    return compressed


def _check_volume(vol: dict, text: str, lines: list[str]) -> None:
    w = "卷册信息"
    _str(vol, "title", w, nonempty=True)
    for key in ("source_name", "source_path", "imported_at", "imported_by"):
        _str(vol, key, w)
    sha = _str(vol, "sha256", w)
    if not _SHA256.fullmatch(sha):
        raise Bad("卷册信息的 sha256 不是校验值")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        raise Bad("原文与其校验值不符")
    _choice(vol, "encoding", w, CODECS)
    _choice(vol, "newline", w, _NEWLINES)
    if _int(vol, "line_count", w, 1, _INT64) != len(lines):
        raise Bad("卷册信息的 line_count 与原文的行数不符")
    if _int(vol, "char_count", w, 0, _INT64) != len(strip_ws(text)):
        raise Bad("卷册信息的 char_count 与原文的字数不符")
    _int(vol, "parser_version", w, 0, 2**31)
    if not isinstance(_field(vol, "profile", w), dict):
        raise Bad("卷册信息的 profile 不是对象")


def _check_block(b: dict, w: str, lines: list[str], node_ids: set[int]) -> float:
    _ref(b, "node_id", w, node_ids, "目录节点")
    seq = _seq(_field(b, "seq", w), w)
    _choice(b, "kind", w, _BLOCK_KINDS)
    _choice(b, "orig_kind", w, _BLOCK_KINDS)
    _str(b, "role", w)
    _int(b, "level", w, 0, 1000)
    _str(b, "text", w)
    pieces = _field(b, "pieces", w)
    if not isinstance(pieces, list):
        raise Bad(f"{w}的 pieces 不是列表")
    for p in pieces:
        if not (isinstance(p, list) and len(p) == 3 and all(type(x) is int for x in p)):
            raise Bad(f"{w}的来源位置格式不对")
        line, start, end = p
        if not (1 <= line <= len(lines) and 0 <= start <= end <= len(lines[line - 1])):
            raise Bad(f"{w}的来源位置超出原文")
    start = _int(b, "line_start", w, 0, len(lines))
    if _int(b, "line_end", w, 0, len(lines)) < start:
        raise Bad(f"{w}的 line_end 在 line_start 之前")
    _flag(b, "uncertain", w)
    _flag(b, "deleted", w)
    joins = _field(b, "soft_joins", w)
    if not (isinstance(joins, list) and all(type(x) is int and 0 <= x <= _INT64 for x in joins)):
        raise Bad(f"{w}的 soft_joins 不是一列非负整数")
    return seq


def _check_node(n: dict, w: str, n_lines: int, block_ids, node_ids, tag_ids) -> None:
    if _ref(n, "parent_id", w, node_ids, "目录节点") == n["id"]:
        raise Bad(f"{w}是它自己的上级")
    _int(n, "seq", w, 0, _INT64)
    _int(n, "depth", w, 1, 1000)
    _choice(n, "kind", w, _NODE_KINDS)
    _choice(n, "orig_kind", w, _NODE_KINDS)
    _str(n, "title", w)
    _ref(n, "title_block_id", w, block_ids, "文本块")
    _ref(n, "anchor_block_id", w, block_ids, "文本块")
    start = _int(n, "line_start", w, 0, n_lines)
    if _int(n, "line_end", w, 0, n_lines) < start:
        raise Bad(f"{w}的 line_end 在 line_start 之前")
    _flag(n, "uncertain", w)
    _choice(n, "status", w, REVIEW_STATUSES)
    _flag(n, "deleted", w)
    tags = n.get("tags", [])
    if not isinstance(tags, list) or any(type(t) is not int or t not in tag_ids for t in tags):
        raise Bad(f"{w}的 tags 指向文件中没有的标签")


def _check_tag(t: dict, w: str) -> None:
    name = _str(t, "name", w, nonempty=True)
    if "/" in name:
        raise Bad(f"{w}的名称含有 /")
    _choice(t, "grp", w, GROUPS)
    parent = _field(t, "parent_id", w)
    if parent is not None and (type(parent) is not int or not 1 <= parent <= _ID_MAX):
        raise Bad(f"{w}的 parent_id 不是标签编号")
    if not isinstance(t.get("color", ""), str):
        raise Bad(f"{w}的 color 不是文字")


def _check_revision(r: dict, w: str, block_ids, node_ids, lines: list[str]) -> None:
    target = _choice(r, "target", w, ("block", "node"))
    ids = block_ids if target == "block" else node_ids
    _ref(r, "target_id", w, ids, "文本块" if target == "block" else "目录节点")
    if r["target_id"] is None:
        raise Bad(f"{w}缺少 target_id")
    field = _str(r, "field", w)
    fields = BLOCK_FIELDS if target == "block" else NODE_FIELDS
    if not (field in fields or field == "created" or (target == "node" and _TAG_FIELD.fullmatch(field))):
        raise Bad(f"{w}的 field 不是可修改的字段")
    for key in ("old_value", "new_value"):
        v = _field(r, key, w)
        if v is None or isinstance(v, str):
            continue
        if type(v) is int and -_INT64 - 1 <= v <= _INT64:
            continue
        if type(v) is float and math.isfinite(v):
            continue
        raise Bad(f"{w}的 {key} 不是文字、整数或有限的数")
    if field in ("anchor_block_id", "title_block_id"):
        for key in ("old_value", "new_value"):
            _ref(r, key, w, block_ids, "文本块")
    elif field == "created":
        _check_created(r, w, block_ids, node_ids, lines)
    else:
        for key in ("old_value", "new_value"):
            if not _value_fits(target, field, r[key], lines):
                raise Bad(f"{w}的 {key} 不是 {field} 可有的值")
    for key in ("author", "created_at", "reason"):
        _str(r, key, w)
    batch = _field(r, "batch", w)
    if batch is not None and not isinstance(batch, str):
        raise Bad(f"{w}的 batch 不是文字")


def _json_list(v) -> list | None:
    """The list a JSON text column holds (pieces, soft_joins), or None."""
    if not isinstance(v, str):
        return None
    try:
        value = json.loads(v, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, list) else None


def _pieces_ok(v, lines: list[str]) -> bool:
    """A pieces value as the store keeps it: JSON text of [[line, start, end], …] in the source."""
    pieces = _json_list(v)
    return pieces is not None and all(
        isinstance(p, list) and len(p) == 3 and all(type(x) is int for x in p)
        and 1 <= p[0] <= len(lines) and 0 <= p[1] <= p[2] <= len(lines[p[0] - 1]) for p in pieces)


def _int_list_ok(v) -> bool:
    values = _json_list(v)
    return values is not None and all(type(x) is int and 0 <= x <= _INT64 for x in values)


def _value_fits(target: str, field: str, v, lines: list[str]) -> bool:
    """Whether a revision's old or new value is a value the field can hold (what replaying
    the revisions puts into the row)."""
    small = type(v) is int and 0 <= v <= 1000
    if target == "block":
        return {
            "text": lambda: isinstance(v, str),
            "kind": lambda: isinstance(v, str) and v in _BLOCK_KINDS,
            "level": lambda: small,
            "pieces": lambda: _pieces_ok(v, lines),
            "seq": lambda: type(v) in (int, float) and math.isfinite(v) and abs(v) <= _SEQ_MAX,
            "deleted": lambda: type(v) is int and v in (0, 1),
            "uncertain": lambda: type(v) is int and v in (0, 1),
            "soft_joins": lambda: _int_list_ok(v),
        }[field]()
    if field.startswith("tag:") or field == "deleted":
        return type(v) is int and v in (0, 1)
    return {
        "kind": lambda: isinstance(v, str) and v in _NODE_KINDS,
        "depth": lambda: small and v >= 1,
        "status": lambda: isinstance(v, str) and v in REVIEW_STATUSES,
    }[field]()


def _check_created(r: dict, w: str, block_ids, node_ids, lines: list[str]) -> None:
    """A 'created' revision holds the new row as JSON; the ids in it must be the file's."""
    if r["old_value"] is not None or not isinstance(r["new_value"], str):
        raise Bad(f"{w}（新建）的内容格式不对")
    try:
        row = json.loads(r["new_value"], parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise Bad(f"{w}（新建）的内容不是有效的 JSON") from None
    if not isinstance(row, dict) or row.get("id") != r["target_id"]:
        raise Bad(f"{w}（新建）的内容与它的 target_id 不符")
    _no_lone_surrogates(row)
    for key, ids, what in (("node_id", node_ids, "目录节点"), ("parent_id", node_ids, "目录节点"),
                           ("title_block_id", block_ids, "文本块"), ("anchor_block_id", block_ids, "文本块")):
        if row.get(key) is not None:
            _ref(row, key, w + "（新建）", ids, what)
    fields = ("text", "kind", "level", "pieces", "seq", "deleted", "uncertain", "soft_joins") \
        if r["target"] == "block" else ("kind", "depth", "deleted", "status")
    for key in fields:
        if key in row and not _value_fits(r["target"], key, row[key], lines):
            raise Bad(f"{w}（新建）的 {key} 不是可有的值")


def _check_node_history(nodes: list[dict], revisions: list[dict]) -> None:
    """The last revision of each edited node field leaves the value the node has."""
    last: dict[tuple[int, str], object] = {}
    for r in revisions:
        if r["target"] == "node" and r["field"] in NODE_FIELDS:
            last[(r["target_id"], r["field"])] = r["new_value"]
    by_id = {n["id"]: n for n in nodes}
    for (node_id, field), value in last.items():
        if by_id[node_id][field] != value:
            raise Bad(f"目录节点 {node_id} 的 {field} 与它最后一条修改记录不符")
