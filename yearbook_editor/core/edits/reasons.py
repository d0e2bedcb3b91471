"""Why a revision was made: a stable code, stored in ``revisions.reason``; words only for display.

A reason is a code (``typing``, ``undo``, ``redo``, ``replace``, ``replace_all``, ``fix``, …),
optionally followed by ``:`` and a detail that is data, not words (``fix:char.confusable``,
``restore:812``). The stored history therefore does not depend on the interface language;
the command line and the change report show :func:`reason_text` (Chinese), the GUI translates
the code itself.

Stores written before the codes hold words (``typing``, ``输入``, ``undo: Edit text``,
``撤销：编辑文字``, a finding's message …). They are *not* rewritten: revisions are
append-only (a trigger refuses any UPDATE) and their rows are what verification replays, so
a migration would have to lift that guarantee for a cosmetic gain. Instead
:func:`reason_code` maps the known old words to their code on display, and any other old text
is shown as it was written.
"""

from __future__ import annotations

#: every reason code with its Chinese words (the command line, the change report)
REASON_CODES: dict[str, str] = {
    "edit": "修改",
    "typing": "输入",
    "undo": "撤销",
    "redo": "重做",
    "replace": "替换",
    "replace_all": "全部替换",
    "fix": "按检查结果修改",
    "fix_all": "按检查结果全部修改",
    "fill_blank": "填写空白",
    "layout": "版式调整",
    "structure": "结构调整",
    "review": "审校状态",
    "tag": "加标签",
    "untag": "去标签",
    "suggested_tag": "采纳建议标签",
    "restore": "恢复历史版本",
    "batch": "多处修改",
}

#: words stored by earlier versions (either interface language) → code
_OLD_WORDS = {
    "typing": "typing", "输入": "typing", "打字": "typing",
    "撤销": "undo", "重做": "redo",
    "全部替换": "replace_all", "加标签": "tag", "去标签": "untag", "采纳建议标签": "suggested_tag",
}
_OLD_PREFIXES = (("undo:", "undo"), ("redo:", "redo"), ("撤销:", "undo"), ("重做:", "redo"),
                 ("撤销：", "undo"), ("重做：", "redo"), ("restore revision #", "restore"),
                 ("replace “", "replace"), ("替换“", "replace"))


def reason_code(reason: str | None) -> str:
    """The code of a reason: a code (with its detail) as it is; known old words mapped to
    their code; '' for anything else (free text of an older store, or nothing)."""
    if not reason:
        return ""
    head = reason.split(":", 1)[0]
    if head in REASON_CODES and (head == reason or reason[len(head) + 1:].strip() == reason[len(head) + 1:]):
        return reason
    if reason in _OLD_WORDS:
        return _OLD_WORDS[reason]
    for prefix, code in _OLD_PREFIXES:
        if reason.startswith(prefix):
            return code
    return ""


def split_reason(reason: str | None) -> tuple[str, str]:
    """(code, detail) of a stored reason; ('', text) for free text of an older store."""
    code = reason_code(reason)
    if not code:
        return "", reason or ""
    head, _, detail = code.partition(":")
    return head, detail


def reason_text(reason: str | None) -> str:
    """A stored reason in Chinese words for display (old free text as it was written)."""
    code, detail = split_reason(reason)
    if not code:
        return detail
    words = REASON_CODES[code]
    return f"{words}（{detail}）" if detail else words
