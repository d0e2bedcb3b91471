"""Checks: find what is wrong or missing in a volume, explain it, offer the fix, and help fill
the blanks (issue 5). Qt-free: the desktop app (findings panel, underlines, F8, blanks queue)
builds on this API; the command line's ``check`` command is its first client.

Running and keeping findings (:mod:`.runner`)
    ``run_checks(store, volume_id, progress=NO_PROGRESS, codes=None) -> list[Finding]`` runs every
    rule over the repaired paragraphs as they now stand (``blocks`` with ``deleted = 0``, furniture
    left out), in reading order. ``save_findings(store, volume_id, findings) -> list[Finding]``
    stores them by fingerprint (code + block + the text it is about + occurrence; not offsets) so
    that status survives re-runs: open / fixed / ignored; a finding that no longer occurs becomes
    fixed, an ignored one stays ignored. ``load_findings(store, volume_id, status=None, code=None)``,
    ``set_status(store, finding_id, 'ignored' | 'open' | 'fixed')``, ``finding_counts(findings)``.

A :class:`Finding` (:mod:`.base`)
    ``code`` (``blank.figure``, ``char.confusable`` …, family = ``code.split('.')[0]``), ``node_id``,
    ``block_id``, ``start``/``end`` (offsets in the block's current text, ``block_text``),
    ``params`` (everything a message needs: the GUI may build its own text from code + params),
    ``message`` (Chinese, for an editor), ``suggestion`` (replacement for ``block_text[start:end]``,
    None = no automatic fix, ``""`` = delete), ``group`` (related blanks), ``line`` (the block's
    first source line), ``id``/``status`` once stored. ``context(width)`` gives before/match/after.

Fixing (:mod:`.fixes`) — each returns a core edit for ``edits.apply_edit`` (undo = its inverse)
    ``fix_finding(finding, store=None) -> SetBlockText | Batch``;
    ``fix_all_like(store, volume_id, finding) -> (Batch, [PreviewItem])``; ``open_like(store, volume_id,
    finding)``: the stored open findings like it ("ignore all like this");
    ``fill_blank(store, finding, value) -> SetBlockText``; ``fill_group(store, group, values)``.

Blanks (:mod:`.blankqueue`)
    ``blank_queue(store, volume_id) -> [BlankItem]`` (suggested 编辑说明 counts from the current
    structure), ``blank_groups(store, volume_id) -> [BlankGroup]``, ``check_group(group, values)
    -> [GroupProblem]``, ``values_elsewhere(store, volume_id, label, unit=None) -> [dict]``.

Word lists (:mod:`.words`)
    the default list ``resources/checks/words.tsv`` plus the store's ``check_words`` table:
    ``add_word(store, kind, wrong, right='', note='', volume_id=None)``, ``remove_word``,
    ``list_words``. A name added with kind ``name`` is never flagged as traditional.

Rules, one module each (codes and params in each module's docstring): :mod:`.blanks`
(``blank.*``), :mod:`.characters` (``char.*``), :mod:`.punctuation` (``punct.*``), :mod:`.notes`
(``note.*``), :mod:`.consistency` (``consistency.*``), :mod:`.structure` (``structure.*``, 结构: the
outline's doubtful places). ``CODE_LABELS`` names every code in Chinese.
"""

import importlib
from typing import TYPE_CHECKING

#: where each name of the API lives. The package loads a module on first use of one of its names
#: (PEP 562): a process that only runs the character detector imports ``.detector`` and its data,
#: not every rule, the fixes and the store (0.27 s less to start it)
_HOMES = {
    "base": ("Finding",),
    "blankqueue": ("BlankGroup", "BlankItem", "GroupField", "GroupProblem", "blank_groups", "blank_queue", "check_group", "values_elsewhere"),
    "fixes": ("NoFix", "PreviewItem", "StaleFinding", "fill_blank", "fill_group", "fix_all_like", "fix_finding", "open_like"),
    "runner": ("RULES", "STATUSES", "finding_counts", "findings_as_stored", "load_findings", "run_checks", "save_findings", "set_status", "verify_and_record"),
    "words": ("add_word", "list_words", "load_wordlists", "remove_word"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # the same names for readers, type checkers and the frozen build's import analysis
    from .base import Finding
    from .blankqueue import (
        BlankGroup,
        BlankItem,
        GroupField,
        GroupProblem,
        blank_groups,
        blank_queue,
        check_group,
        values_elsewhere,
    )
    from .fixes import NoFix, PreviewItem, StaleFinding, fill_blank, fill_group, fix_all_like, fix_finding, open_like
    from .runner import (
        RULES,
        STATUSES,
        finding_counts,
        findings_as_stored,
        load_findings,
        run_checks,
        save_findings,
        set_status,
        verify_and_record,
    )
    from .words import add_word, list_words, load_wordlists, remove_word

#: Every code with a short Chinese name (for filters and counts in the GUI).
CODE_LABELS = {
    "blank.figure": "缺数字",
    "blank.placeholder": "占位符",
    "blank.author": "作者空缺",
    "blank.entry_body": "条目无正文",
    "blank.unit": "缺单位",
    "char.confusable": "形近错字",
    "char.wrong_word": "错别词",
    "char.traditional": "繁体字",
    "char.english_word": "英文词",
    "char.doubled": "重复字词",
    "char.suspect": "疑似错字",
    "punct.halfwidth": "半角标点",
    "punct.halfwidth_document": "通篇半角标点",
    "punct.percent": "百分号不统一",
    "punct.middle_dot": "间隔号",
    "punct.ratio_colon": "比号",
    "punct.bracket_mixed": "括号不配对",
    "punct.unbalanced": "括号引号缺半边",
    "note.editorial": "编者批注",
    "note.question": "正文问句",
    "consistency.year": "年份不符",
    "consistency.sum": "分项与总数不符",
    "consistency.density": "人口密度不符",
    "consistency.figure": "同一数字前后不一",
    "consistency.category": "类目与编辑说明不符",
    "structure.toc_missing": "目录有而正文无",
    "structure.toc_unlisted": "正文有而目录无",
    "structure.empty": "标题下无内容",
    "structure.shape": "不像标题",
    "structure.uneven": "类目条目数悬殊",
    "store.mismatch": "存储内容不符",
}

__all__ = [
    "CODE_LABELS",
    "RULES",
    "STATUSES",
    "BlankGroup",
    "BlankItem",
    "Finding",
    "GroupField",
    "GroupProblem",
    "NoFix",
    "PreviewItem",
    "StaleFinding",
    "add_word",
    "blank_groups",
    "blank_queue",
    "check_group",
    "fill_blank",
    "fill_group",
    "finding_counts",
    "findings_as_stored",
    "fix_all_like",
    "fix_finding",
    "list_words",
    "load_findings",
    "load_wordlists",
    "open_like",
    "remove_word",
    "run_checks",
    "save_findings",
    "set_status",
    "values_elsewhere",
    "verify_and_record",
]
