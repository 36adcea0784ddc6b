"""Every numeral form the case figures use, read by zerocovid.numerals (cn2an underneath)."""
import re

import pytest

from zerocovid.numerals import NUMERAL, to_number


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
    ],
)
def test_to_number(numeral, expected):
    value = to_number(numeral)
    assert value == expected
    assert isinstance(value, int) == float(expected).is_integer()


@pytest.mark.parametrize("bad", ["", "   ", "abc", "例", None])
def test_to_number_rejects_non_numerals(bad):
    with pytest.raises(ValueError):
        to_number(bad)


@pytest.mark.parametrize(
    ("text", "numeral"),
    [("确诊病例43例", "43"), ("1.6万余名", "1.6万"), ("第二十三场", "二十三"), ("四轮", "四"), ("6—8公斤", "6")],
)
def test_numeral_pattern_finds_the_numeral(text, numeral):
    assert re.search(NUMERAL, text).group() == numeral
