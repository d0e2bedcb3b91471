"""Big5 and Shift_JIS files are named, not imported as mojibake (issue 18, item 6).

GB18030 accepts nearly every byte sequence, so a traditional-Chinese Big5 file used to "decode"
into nonsense and be imported silently. The bytes here are real Big5 (Python's big5 codec, with
a few characters checked against the Big5 table) and real Shift_JIS.
"""

from __future__ import annotations

import pytest

from yearbook_editor.core.errors import ReadError
from yearbook_editor.core.reading import decode_source, other_cjk_encoding, read_source

from ..conftest import seed_path

TRADITIONAL = (
    "河西區年鑑（2021）\n"
    "概況\n"
    "河西區位於城市中部，轄區面積四十二平方公里，下轄十三個街道辦事處。"
    "全年地區生產總值比上年增長百分之六點二，一般公共預算收入完成預定目標。"
    "區政府圍繞經濟發展、城市建設和民生保障開展工作，新建學校兩所，改造老舊社區十個。\n"
    "【教育】全區有中小學四十五所，在校學生六萬餘人，教師四千多名。\n"
    "【衛生】醫療機構一百二十個，其中醫院十一個，床位三千張。\n"
)
SIMPLIFIED = (
    "河西区年鉴（2021）\n概况\n河西区位于城市中部，辖区面积四十二平方千米，下辖十三个街道办事处。"
    "全年地区生产总值比上年增长百分之六点二。\n【教育】全区有中小学四十五所，在校学生六万余人。\n"
)


def test_real_big5_bytes():
    raw = TRADITIONAL.encode("big5")
    # the Big5 table: 中 A4A4 is not in this text; 年 A67E, 區 B0CF, 鑑 C5B2
    assert "年".encode("big5") == b"\xa6\x7e" and "區".encode("big5") == b"\xb0\xcf" and "鑑".encode("big5") == b"\xc5\xb2"
    assert raw.decode("gb18030")  # GB18030 takes these bytes: the old silent mojibake
    assert raw.decode("gb18030") != TRADITIONAL


def test_a_big5_file_is_refused_naming_big5(tmp_path):
    path = tmp_path / "河西區年鑑 2021.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    with pytest.raises(ReadError) as e:
        read_source(path)
    message = str(e.value)
    assert "河西區年鑑 2021.txt" in message and "Big5" in message and "UTF-8" in message
    assert "\n" not in message


def test_a_big5_file_longer_than_the_sample_cut_inside_a_character():
    raw = ("a" + TRADITIONAL * 400).encode("big5")  # odd offset: the sample ends inside a character
    assert len(raw) > 65536
    assert other_cjk_encoding(raw) == "繁体中文 Big5 "
    with pytest.raises(ReadError, match="Big5"):
        decode_source(raw, "big5.txt")


def test_shift_jis_is_named():
    japanese = ("河西区は市の中部に位置し、面積は四十二平方キロメートルである。人口は約三十万人で、"
                "十三の街道がある。教育、衛生、文化の事業が進められている。\n") * 3
    with pytest.raises(ReadError, match="Shift_JIS"):
        decode_source(japanese.encode("cp932"), "日本.txt")


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_simplified_chinese_in_gb_is_read_as_before(codec):
    src = decode_source(SIMPLIFIED.encode(codec), "v.txt")
    assert src.text == SIMPLIFIED and src.encoding == "gb18030"


def test_traditional_chinese_saved_as_gbk_is_still_gbk():
    """GBK holds traditional characters too; such a file is GBK, not Big5, and is read."""
    src = decode_source(TRADITIONAL.encode("gbk"), "繁体 GBK.txt")
    assert src.text == TRADITIONAL and src.encoding == "gb18030"


def test_rare_name_characters_in_gb18030_are_no_alarm():
    text = SIMPLIFIED + "刘䶮、王𠮷、张喆、李堃、陈玥、赵昇参加了会议。\n"
    assert decode_source(text.encode("gb18030"), "v.txt").text == text


def test_the_shared_volumes_in_gb18030_are_read_unchanged():
    for key in ("000", "003"):
        text = seed_path(key).read_text(encoding="utf-8")
        raw = text.encode("gb18030")
        assert other_cjk_encoding(raw) is None
        assert decode_source(raw, "v.txt").encoding == "gb18030"


def test_short_texts_tell_nothing():
    assert other_cjk_encoding("年鑑".encode("big5")) is None
