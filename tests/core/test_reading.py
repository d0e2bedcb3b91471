"""Reading: encodings, line endings, and clear refusals of what is not a text volume."""

import pytest

from yearbook_editor.core.errors import ReadError
from yearbook_editor.core.reading import decode_source, read_source

TEXT = "编辑说明\n【人口民族】 年末全区常住人口 131.91 万人，\n其中 GDP 增长 6.6%。\n"


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        ("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"), "utf-16-le"),
        ("\ufeff".encode("utf-16-be") + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_decode_to_the_same_text(raw, encoding):
    src = decode_source(raw, "v.txt")
    assert src.encoding == encoding
    assert src.text == TEXT
    assert src.raw == raw  # the untouched bytes are kept


@pytest.mark.parametrize("sep, label", [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF")])
def test_line_endings_are_normalised_and_recorded(sep, label):
    src = decode_source(TEXT.replace("\n", sep).encode("utf-8"), "v.txt")
    assert src.newline == label
    assert src.text == TEXT
    assert src.lines == TEXT.split("\n")


def test_same_text_in_other_encoding_has_same_hash():
    a = decode_source(TEXT.encode("utf-8"), "a.txt")
    b = decode_source(TEXT.replace("\n", "\r\n").encode("gb18030"), "b.txt")
    assert a.sha256 == b.sha256
    c = decode_source((TEXT + "多").encode("utf-8"), "c.txt")
    assert c.sha256 != a.sha256


def test_utf16_without_bom_is_recognised():
    src = decode_source(TEXT.encode("utf-16-le"), "v.txt")
    assert src.text == TEXT


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"", "空的"),
        (b"  \r\n\t\n", "只有空白"),
        (b"%PDF-1.7\x00\x01\x02\x03binary\x00\x00\xff", "不是文本文件"),
        (bytes(range(256)) * 20, "不是文本文件"),
        (b"\x81\x30\x81" + b"\xff\xfe\xfd" * 3 + "中文".encode(), "编码"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08" * 50, "控制字符"),
    ],
)
def test_bad_input_gets_a_clear_reason(raw, words):
    with pytest.raises(ReadError) as e:
        decode_source(raw, "坏文件.txt")
    assert "坏文件.txt" in str(e.value)
    assert words in str(e.value)


def test_read_source_errors_name_the_file(tmp_path):
    with pytest.raises(ReadError, match="不存在"):
        read_source(tmp_path / "没有.txt")
    with pytest.raises(ReadError, match="文件夹"):
        read_source(tmp_path)
    p = tmp_path / "路径 有空格" / "卷册.txt"
    p.parent.mkdir()
    p.write_bytes(TEXT.encode("gb18030"))
    src = read_source(p)
    assert src.name == "卷册.txt" and src.text == TEXT


def test_shared_volumes_read(seed_lines):
    assert len(seed_lines("000")) > 40000
    assert len(seed_lines("003")) > 300


@pytest.mark.parametrize("bom, codec, units, byte, char, words", [
    # UTF-16-LE with BOM whose 2nd character is a lone high surrogate: bytes 5-6 of the file
    (b"\xff\xfe", "utf-16-le", ["一", b"\x00\xd8", "二三"], 5, 2, "不成对的 UTF-16 代理项"),
    (b"\xff\xfe", "utf-16-le", ["一二三", b"\x00\xdc", "四"], 9, 4, "不成对的 UTF-16 代理项"),  # a lone low one
    (b"\xfe\xff", "utf-16-be", ["年鉴", b"\xdc\x00"], 7, 3, "不成对的 UTF-16 代理项"),
    (b"\xff\xfe", "utf-16-le", ["甲乙", b"\x41"], 7, 3, "不完整的字符"),
    (b"\xef\xbb\xbf", "utf-8", ["一二", b"\xff", "三"], 10, 3, "无效的字节序列"),
])
def test_a_text_that_names_its_encoding_stops_decoding_at_the_real_place(bom, codec, units, byte, char, words):
    raw = bom + b"".join(u if isinstance(u, bytes) else u.encode(codec) for u in units)
    with pytest.raises(ReadError) as e:
        decode_source(raw, "卷.txt")
    assert f"第 {byte} 个字节起（正文第 {char} 个字符）" in str(e.value) and words in str(e.value)
    assert "第 0 " not in str(e.value)


def test_a_text_without_bom_names_the_first_bad_byte_counting_from_one():
    raw = "一二".encode("gb18030") + b"\xff\xff"
    with pytest.raises(ReadError, match="第 5 个字节起既不是 UTF-8 也不是 GB18030"):
        decode_source(raw, "卷.txt")
