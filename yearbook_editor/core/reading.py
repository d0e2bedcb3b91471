"""Reading an extracted volume from disk without losing a byte.

Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, UTF-16 without BOM when it is
unmistakable, GB18030 (which covers GBK and GB2312); CRLF, CR or LF line endings. A file
that is missing, empty, binary or undecodable raises :class:`ReadError` with a reason in
plain words. The raw bytes are kept so the store holds the untouched source.

GB18030 accepts almost any sequence of bytes, so a traditional-Chinese Big5 file (or a
Japanese Shift_JIS one) "decodes" as GB18030 into nonsense. Such a file is recognised
(:func:`other_cjk_encoding`) and refused with a sentence naming its encoding, instead of being
imported as mojibake.
"""

from __future__ import annotations

import hashlib
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError
from .text import strip_ws

#: Larger files are refused. The largest volumes are 2 M characters (about 6 MB); a 50 MB
#: text imports in about 20 s with about 0.8 GB of memory, and parsing memory grows with the
#: file, so a limit well above any volume but far below what would freeze a 4-8 GB laptop.
MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8（带 BOM）"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Control characters other than TAB, LF, CR, FF and VT: a few are tolerated (extraction
# leaves stray ones), a text made of them is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceText:
    name: str  # file name as the editor knows it
    raw: bytes  # the file's bytes, untouched
    encoding: str  # codec used, e.g. 'utf-8', 'gb18030'
    encoding_label: str  # the same in words, for the interface
    newline: str  # 'LF', 'CRLF', 'CR' or 'mixed'
    text: str  # decoded, BOM removed, line endings normalised to '\n'

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def sha256(self) -> str:
        """Hash of the decoded text: the same volume saved in another encoding or with
        other line endings has the same hash, so it is not imported twice."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _undecodable_after_bom(body: bytes, codec: str, label: str, bom_len: int, e: UnicodeDecodeError) -> str:
    """Where a text that names its encoding with a BOM stops decoding, counted in the file as
    the editor sees it: the byte from the file's start (BOM included, counting from 1) and the
    character (the BOM not counted; the ones before it are whole, so they decode)."""
    char = len(body[: e.start].decode(codec)) + 1
    unit = body[e.start : e.start + 2]
    order = "big" if codec.endswith("-be") else "little"
    lone = codec.startswith("utf-16") and len(unit) == 2 and 0xD800 <= int.from_bytes(unit, order) <= 0xDFFF
    if lone:
        what = "不成对的 UTF-16 代理项"
    elif e.end >= len(body) and ("end of data" in e.reason or "truncated" in e.reason):
        what = "不完整的字符（文件在字符中间结束）"
    else:
        what = "无效的字节序列"
    return (f"文件开头标明是 {label} 编码，但从文件开头数第 {bom_len + e.start + 1} 个字节起（正文第 {char} 个字符）"
            f"是{what}，无法按该编码解读。")


def _decode(raw: bytes, path) -> tuple[str, str, str]:
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            plain = codec[:-4] if codec == "utf-8-sig" else codec
            try:
                return body.decode(plain), codec, label
            except UnicodeDecodeError as e:
                raise ReadError(path, _undecodable_after_bom(body, plain, label, len(bom), e)) from None
    if b"\x00" in raw:
        guessed = _guess_utf16(raw)
        if guessed:
            return guessed
        if _utf16_of_unknown_order(raw):
            raise ReadError(path, "这看来是不带 BOM 的 UTF-16 文本，但无法判断其字节顺序。"
                                  "请用记事本等工具另存为 UTF-8 后再导入。")
        raise ReadError(path, "这不是文本文件（含有空字节，可能是 Word、PDF、图片等二进制文件）。请先将其另存为纯文本（.txt）。")
    try:
        return raw.decode("utf-8"), "utf-8", "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ReadError(
            path,
            f"无法识别文字编码（从文件开头数第 {e.start + 1} 个字节起既不是 UTF-8 也不是 GB18030/GBK）。"
            "请用记事本等工具另存为 UTF-8 后再导入。",
        ) from None
    other = other_cjk_encoding(raw, text)
    if other:
        raise ReadError(path, f"这看来是{other}编码的文本，按简体中文编码（GB18030）读会成为乱码。"
                              "请用记事本等工具另存为 UTF-8 后再导入。")
    return text, "gb18030", "GB18030（GBK）"


#: Other East Asian double-byte encodings whose bytes GB18030 also accepts: codec, name in
#: the sentence, and the byte ranges of the characters ordinary text is mostly made of.
_OTHER_CJK = (
    ("cp950", "繁体中文 Big5 ",  # Big5: symbols and punctuation (A140-A3BF), frequent characters (A440-C67E)
     ((b"\xa1\x40", b"\xa3\xbf"), (b"\xa4\x40", b"\xc6\x7e"))),
    ("cp932", "日文 Shift_JIS ",  # JIS X 0208: symbols, digits, kana (8140-84BE), level-1 kanji (889F-9872)
     ((b"\x81\x40", b"\x84\xbe"), (b"\x88\x9f", b"\x98\x72"))),
)
_SAMPLE = 65536  # bytes looked at
_MIN_CHARS = 20  # fewer non-ASCII characters than this tell nothing


def _share_in(counts: Counter, codec: str, ranges) -> float:
    """The share of the characters in ``counts`` whose bytes in ``codec`` fall in ``ranges``."""
    inside = total = 0
    for char, n in counts.items():
        total += n
        try:
            b = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and any(lo <= b <= hi for lo, hi in ranges):
            inside += n
    return inside / total if total else 0.0


def _non_ascii(text: str) -> Counter:
    return Counter(c for c in text if c > "\x7f")


def other_cjk_encoding(raw: bytes, gb_text: str | None = None) -> str | None:
    """The name of the encoding ``raw`` is really in when its GB18030 reading is nonsense
    (Big5, Shift_JIS), else None.

    A Chinese text in GB18030/GBK is almost all GB2312 characters (the three shared volumes:
    99.9 %); Big5 read as GB18030 is not (40 % on a traditional 000), because Big5 puts its
    frequent characters where GBK keeps rare ones, symbols, kana and private-use codes. So when
    under 85 % of the GB18030 reading is GB2312, each other encoding is tried: it must decode
    the bytes and give ordinary text — at least 95 % of its characters among the encoding's
    frequent ones (Big5 read as Big5: 99.9 %)."""
    sample = raw[:_SAMPLE]
    if gb_text is None:
        gb_text = sample.decode("gb18030", errors="replace")
    gb_counts = _non_ascii(gb_text[:_SAMPLE])
    if sum(gb_counts.values()) < _MIN_CHARS:
        return None
    # GB2312's punctuation and full-width forms (A1A1-A3FE) and its characters (B0A1-F7FE); not
    # its kana, Greek, Cyrillic and box-drawing rows, where Big5's frequent characters land
    if _share_in(gb_counts, "gb2312", ((b"\xa1\xa1", b"\xa3\xfe"), (b"\xb0\xa1", b"\xf7\xfe"))) >= 0.85:
        return None
    for codec, name, ranges in _OTHER_CJK:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError as e:
            if len(raw) <= _SAMPLE or e.start < len(sample) - 1:
                continue
            text = sample[: e.start].decode(codec)  # the sample ended inside a character
        if _share_in(_non_ascii(text), codec, ranges) >= 0.95:
            return name
    return None


def _guess_utf16(raw: bytes):
    """UTF-16 without BOM, told by where its NUL bytes fall.

    A character below U+0100 (ASCII: digits, Latin letters, spaces, line ends) has a NUL
    high byte; a character U+xx00 (U+3000 ideographic space, 一 U+4E00, 丁 U+4E01 is not)
    has a NUL low byte. So in UTF-16-LE the NULs of ASCII fall on odd offsets, those of
    U+xx00 characters on even ones, and the other way round in UTF-16-BE. The byte order
    can honestly be told only when one side clearly outnumbers the other: a text with as
    many U+xx00 characters as ASCII ones is, byte for byte, the UTF-16 of another text in
    the other order ("0000000\u3000\u3000\u3000" in LE is "\u3000" * 7 + "000" in BE).
    Rule: the NULs of one side are over a fifth of the pairs and at least four times
    those of the other side; a text in the undecidable middle is refused with a sentence.
    """
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:20000]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    pairs = len(sample) // 2
    codec = None
    if odd_nul > pairs * 0.2 and even_nul * 4 <= odd_nul:
        codec = "utf-16-le"
    elif even_nul > pairs * 0.2 and odd_nul * 4 <= even_nul:
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if len(_CONTROL.findall(text)) > len(text) // 1000:
        return None
    return text, codec, "UTF-16（无 BOM）"


def _utf16_of_unknown_order(raw: bytes) -> bool:
    """Text whose NULs say UTF-16 but not which byte order: NULs on both sides of the pairs
    (ASCII and U+xx00 characters), and both readings are text (binary data has lone
    surrogates or control characters in one of them at least)."""
    sample = raw[:20000]
    pairs = len(sample) // 2
    if pairs < 8 or len(sample) % 2 or min(sample[0::2].count(0), sample[1::2].count(0)) < pairs * 0.1:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            return False
        if len(_CONTROL.findall(text)) > len(text) // 1000:
            return False
    return True


def decode_source(raw: bytes, name: str = "", path: str | Path | None = None) -> SourceText:
    """Decode a volume's bytes; ``path`` (default: ``name``) is what error messages name."""
    path = str(path or name or "（未命名）")
    if not raw:
        raise ReadError(path, "文件是空的。")
    text, codec, label = _decode(raw, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 200):
        raise ReadError(path, "这不是文本文件（含有大量控制字符，可能是二进制文件）。请先将其另存为纯文本（.txt）。")
    if not strip_ws(text):  # zero-width spaces and stray BOMs are blanks too
        raise ReadError(path, "文件中只有空白，没有文字。")
    text, newline = _normalise_newlines(text)
    return SourceText(name=name, raw=raw, encoding=codec, encoding_label=label, newline=newline, text=text)


def _normalise_newlines(text: str) -> tuple[str, str]:
    """The text with LF line endings, and the style it had ('LF', 'CRLF', 'CR' or 'mixed')."""
    kinds = {m.group() for m in _NEWLINE.finditer(text[:1_000_000])}
    newline = {frozenset(): "LF", frozenset({"\n"}): "LF", frozenset({"\r\n"}): "CRLF", frozenset({"\r"}): "CR"}.get(
        frozenset(kinds), "mixed"
    )
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    return text, newline


#: The codecs decode_source can report (SourceText.encoding).
CODECS = frozenset({"utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "gb18030"})


def decode_as(raw: bytes, codec: str) -> tuple[str, str]:
    """Decode bytes with the codec decode_source reported for them, as it did: BOM removed,
    line endings normalised. Returns (text, newline style); raises UnicodeDecodeError."""
    if codec not in CODECS:
        raise LookupError(codec)
    for bom, with_bom, _label in _BOMS:
        if with_bom == codec and raw.startswith(bom):
            raw, codec = raw[len(bom):], "utf-8" if codec == "utf-8-sig" else codec
            break
    text = str(raw, codec)
    if text.startswith("\ufeff"):
        text = text[1:]
    return _normalise_newlines(text)


def read_source(path: str | Path) -> SourceText:
    """Read a volume's extracted text. Raises ReadError with the file and the reason."""
    p = Path(path)
    raw = read_bytes(p, MAX_BYTES, "（一卷年鉴的文本通常不到 10 MB）。请确认选对了文件，或把它分成几卷再导入。")
    return decode_source(raw, p.name, p)


def read_bytes(path: str | Path, max_bytes: int, too_big_hint: str = "。") -> bytes:
    """A file's bytes, read once. Raises ReadError with the file and the reason.

    Only regular files are read: a pipe would wait forever and a device such as /dev/zero
    never ends. At most ``max_bytes`` are read, whatever size the file claims; a larger
    file is refused with ``too_big_hint`` ending the sentence."""
    p = Path(path)
    limit = f"{max_bytes // (1024 * 1024)} MB"
    try:
        if p.is_dir():
            raise ReadError(p, "这是一个文件夹，不是文件。")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(p, "这不是普通文件（可能是设备、管道或套接字），无法作为文本导入。")
        size = st.st_size
        if size > max_bytes:
            raise ReadError(p, f"文件太大（{size // (1024 * 1024)} MB），超过 {limit} 的上限{too_big_hint}")
        with open(p, "rb") as f:
            raw = f.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise ReadError(p, f"文件太大，超过 {limit} 的上限{too_big_hint}")
    except FileNotFoundError:
        raise ReadError(p, "文件不存在。") from None
    except PermissionError:
        raise ReadError(p, "没有读取这个文件的权限。") from None
    except IsADirectoryError:
        raise ReadError(p, "这是一个文件夹，不是文件。") from None
    except OSError as e:
        from .store import os_error_reason

        raise ReadError(p, f"读取时出错（{os_error_reason(e)}）。") from None
    return raw
