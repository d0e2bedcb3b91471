"""Command-line commands for tags, search and the subject index:
``tag …``, ``search QUERY``, ``index VOLUME``."""

from __future__ import annotations

import json

from ..core import tags as T  # noqa: N812 - the module is used as a short namespace (T.create_tag …)
from ..core.edits import Batch, apply_edit
from ..core.errors import YearbookError
from ..core.search import SearchFilter, ensure_search_index, search
from ..core.structure import find_node, node_paths
from ..core.subject_index import build_index
from ..core.volumes import list_volumes, resolve_volume
from .common import author

#: commands that only read: a store that cannot be written is opened read-only for them
READING = {"search", "index"}


def add_parsers(sub) -> None:
    t = sub.add_parser("tag", help="标签：词表、给节点加/去标签、建议标签")
    tsub = t.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    s = tsub.add_parser("list", help="列出标签词表（含各卷使用次数）")
    s.add_argument("--volume", help="只统计这一卷的使用次数")
    s = tsub.add_parser("create", help="新建标签，如 经济/农业")
    s.add_argument("path")
    s.add_argument("--group", default="topic", choices=list(T.GROUPS))
    s = tsub.add_parser("rename", help="重命名标签（所有卷册同时生效）")
    s.add_argument("tag", help="标签编号、路径或名称")
    s.add_argument("new_name")
    for name, helptext in (("add", "给节点加标签"), ("remove", "去掉节点的标签")):
        s = tsub.add_parser(name, help=helptext)
        s.add_argument("volume", metavar="VOLUME")
        s.add_argument("nodes", nargs="+", metavar="NODE", help="节点编号或标题")
        s.add_argument("--tag", required=True, help="标签编号、路径或名称")
        s.add_argument("--group", help="标签组（新建标签时使用，默认 topic）")
    s = tsub.add_parser("nodes", help="列出带某标签的节点")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("tag")
    s = tsub.add_parser("suggest", help="为一个条目建议标签")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("node", metavar="NODE")
    s.add_argument("--accept", action="store_true", help="全部采纳")
    s = tsub.add_parser("export", help="把标签词表导出为文件")
    s.add_argument("file")
    s = tsub.add_parser("import", help="从文件导入标签词表")
    s.add_argument("file")

    s = sub.add_parser("search", help="在资料库的所有卷册中检索")
    s.add_argument("query")
    s.add_argument("--volume", action="append", default=[], help="只在这一卷中检索（可重复）")
    s.add_argument("--tag", action="append", default=[], help="只检索带此标签的节点（可重复）")
    s.add_argument("--kind", action="append", default=[], help="节点类型：category/division/subdivision/entry …")
    s.add_argument("--status", action="append", default=[], choices=["unreviewed", "checked", "approved"])
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--offset", type=int, default=0)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("index", help="生成卷册的主题索引（索引词标签，按拼音排序）")
    s.add_argument("volume", metavar="VOLUME")
    s.add_argument("--json", action="store_true")


def _tag(store, ref: str, group: str | None = None, create: bool = False) -> dict:
    tag = T.find_tag(store, ref, group)
    if tag is None and create:
        T.create_tag(store, ref, group or "topic")
        tag = T.find_tag(store, ref, group or "topic")
    if tag is None:
        raise YearbookError(f"没有标签 “{ref}”。用 tag list 查看词表，或 tag create 新建。")
    return tag


def _vocabulary(args, store) -> int:
    """The actions on the store's tag vocabulary (no volume named)."""
    action = args.tag_command
    if action == "list":
        vid = resolve_volume(store, args.volume)["id"] if args.volume else None
        counts = T.tag_counts(store, vid)
        for t in T.list_tags(store):
            label = T.GROUPS.get(t["grp"], (t["grp"],))[0]
            print(f"{t['id']}\t{label}\t{t['path']}\t{counts.get(t['id'], 0)}")
    elif action == "create":
        tag_id = T.create_tag(store, args.path, args.group)
        print(f"{tag_id}\t{args.path}")
    elif action == "rename":
        tag = _tag(store, args.tag)
        T.rename_tag(store, tag["id"], args.new_name)
        print(f"已将标签 {tag['path']} 改名为 {args.new_name}")
    elif action == "export":
        n = T.export_vocabulary(store, args.file)
        print(f"已导出 {n} 个标签 → {args.file}")
    else:
        n = T.import_vocabulary(store, args.file)
        print(f"已读入 {n} 个标签")
    return 0


def _suggest(args, store, volume_id: int) -> int:
    from ..core.suggest import VolumeSuggester, accept, jieba_cache_dir, load_jieba  # jieba: only here

    load_jieba(jieba_cache_dir())
    node = find_node(store, volume_id, args.node)
    suggestions = VolumeSuggester(store, volume_id).suggest(node)
    for s in suggestions:
        print(f"{s.label}\t{T.GROUPS.get(s.group, (s.group,))[0]}\t{s.reason}\t{s.score:.3f}")
    if args.accept and suggestions:
        apply_edit(store, Batch(tuple(accept(store, [node], s) for s in suggestions), "采纳建议标签"),
                   author=author(args), reason="suggested_tag")
        print(f"已采纳 {len(suggestions)} 个标签")
    return 0


def cmd_tag(args, store) -> int:
    T.ensure_vocabulary(store)
    action = args.tag_command
    if action in ("list", "create", "rename", "export", "import"):
        return _vocabulary(args, store)
    vol = resolve_volume(store, args.volume)
    if action in ("add", "remove"):
        tag = _tag(store, args.tag, args.group, create=action == "add")
        nodes = tuple(find_node(store, vol["id"], n) for n in args.nodes)
        edit = (T.TagNodes if action == "add" else T.UntagNodes)(nodes, tag["id"])
        apply_edit(store, edit, author=author(args), reason="tag" if action == "add" else "untag")
        print(f"{'已加' if action == 'add' else '已去掉'}标签 {tag['path']}：{len(nodes)} 个节点")
        return 0
    if action == "nodes":
        tag = _tag(store, args.tag)
        paths = node_paths(store, vol["id"])
        for nid in T.nodes_with_tags(store, vol["id"], [tag["id"]]):
            print(f"#{nid}\t{paths.get(nid, '')}")
        return 0
    return _suggest(args, store, vol["id"])


def cmd_search(args, store) -> int:
    vids = tuple(resolve_volume(store, v)["id"] for v in args.volume)
    for v in vids or [r["id"] for r in list_volumes(store)]:
        ensure_search_index(store, v)
    tag_ids = tuple(_tag(store, t)["id"] for t in args.tag)
    result = search(store, args.query, SearchFilter(volume_ids=vids, tag_ids=tag_ids, node_kinds=tuple(args.kind),
                                                    statuses=tuple(args.status)),
                    limit=args.limit, offset=args.offset)
    if args.json:
        print(json.dumps([{"volume": h.volume_id, "node": h.node_id, "node_title": h.node_title,
                           "block": h.block_id, "line": h.line_start, "context": "".join(h.context())}
                          for h in result.hits], ensure_ascii=False, indent=1))
        return 0
    if not result.hits:
        print("没有找到。")
        return 0
    for h in result.hits:
        before, match, after = h.context()
        print(f"{h.volume_title} #{h.node_id} {h.node_title}  L{h.line_start}\t{before}〖{match}〗{after}")
    if result.more:
        print(f"……还有更多结果（用 --offset {args.offset + args.limit} 查看下一页）")
    return 0


def cmd_index(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    terms = build_index(store, vol["id"])
    if args.json:
        print(json.dumps([{"term": t.term, "refs": [{"node": r.node_id, "path": r.path, "page": r.page,
                                                     "approximate": r.approximate} for r in t.refs]}
                          for t in terms], ensure_ascii=False, indent=1))
        return 0
    if not terms:
        print("这一卷还没有索引词。用 tag add VOLUME NODE --tag 词 --group index 给条目加索引词。")
        return 0
    for t in terms:
        refs = "；".join(r.path + (f"（{'约' if r.approximate else ''}第 {r.page} 页）" if r.page else "")
                        for r in t.refs)
        print(f"{t.term}\t{refs}")
    return 0


COMMANDS = {"tag": cmd_tag, "search": cmd_search, "index": cmd_index}
