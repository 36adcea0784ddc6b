"""Every numeral form the case figures use, read by zerocovid.numerals (cn2an underneath)."""
import re

import pytest

from zerocovid.numerals import NUMERAL, is_approximate, to_number


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("43", 43),
        ("27526", 27526),
        ("1.6", 1.6),
        ("1.6万", 16000),
        ("3亿", 300_000_000),
        ("四", 4),
        ("五", 5),
        ("十", 10),
        ("十一", 11),
        ("二十三", 23),
        ("一百五十", 150),
        ("两", 2),
        ("两百", 200),
        ("〇", 0),
        ("一千二百三十四", 1234),
        ("一万零五百七十二", 10572),
        ("3.2万", 32000),
        ("万", 10_000),
        ("千", 1000),
        ("百", 100),
        ("二十余万", 200_000),
        ("1200多万", 12_000_000),
        ("二〇二二", 2022),
        ("1,234", 1234),
        ("千万", 10_000_000),
        ("12,345.5万", 123_455_000),
    ],
)
def test_to_number(numeral, expected):
    value = to_number(numeral)
    assert value == expected
    assert isinstance(value, int) == float(expected).is_integer()


@pytest.mark.parametrize("bad", ["", "   ", "abc", "例", None, "百千"])
def test_to_number_rejects_non_numerals(bad):
    with pytest.raises(ValueError):
        to_number(bad)


@pytest.mark.parametrize(
    ("text", "numeral"),
    [("确诊病例43例", "43"), ("1.6万余名", "1.6万"), ("第二十三场", "二十三"), ("四轮", "四"), ("6—8公斤", "6"),
     ("次密接二十余万人", "二十余万"), ("核酸检测1200多万人次", "1200多万"), ("床位近万张", "万"), ("两百余家", "两百")],
)
def test_numeral_pattern_finds_the_numeral(text, numeral):
    assert re.search(NUMERAL, text).group() == numeral


@pytest.mark.parametrize(("numeral", "expected"), [("二十余万", True), ("1200多万", True), ("1.6万", False), ("两百", False)])
def test_inner_approximation_marker(numeral, expected):
    assert is_approximate(numeral) is expected


def test_to_number_rejects_unhashable_input_like_any_non_string():
    with pytest.raises(ValueError):
        to_number(["43"])
