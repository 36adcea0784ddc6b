"""Read Chinese and Arabic numerals as numbers, on top of cn2an.

``NUMERAL`` is a regular expression for one numeral as Chinese news text writes it: Arabic digits
with an optional decimal part, thousands commas and 万/亿 multiplier (43, 1,234, 1.6万), Chinese numeral characters
(二十三, 四, 两百, 一千二百三十四), a bare order of magnitude (万 in 近万, 千万 in 近千万), and an
approximate multiple whose 余/多 sits before the multiplier (二十余万, 1200多万). ``to_number``
turns such a numeral into an int (or a float when it has a fraction left after the multiplier);
the 余/多 inside a numeral does not change its value — callers flag it as approximate.
"""
from __future__ import annotations

import re
from functools import lru_cache


CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
INNER_APPROX = "余多"
NUMERAL = (rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:[{INNER_APPROX}]?[万亿])?"
           rf"|[{CHINESE_DIGITS}]+(?:[{INNER_APPROX}][万亿])?)")
BARE_MAGNITUDE = re.compile(r"[十百千万亿]+")
THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
INNER_APPROX_MARK = re.compile(rf"(?<=[\d{CHINESE_DIGITS}])[{INNER_APPROX}](?=[万亿]$)")
APPROX_MULTIPLE = re.compile(rf"[{INNER_APPROX}][万亿]$")


def to_number(numeral: str) -> int | float:
    """The value of one numeral (``"1.6万"`` → 16000, ``"二十三"`` → 23, ``"43"`` → 43,
    ``"万"`` → 10000, ``"二十余万"`` → 200000, ``"1,234"`` → 1234).

    Raises ValueError for text that is not a single numeral.
    """
    if not isinstance(numeral, str) or not numeral.strip():
        raise ValueError(f"not a numeral: {numeral!r}")
    return _value(numeral)


@lru_cache(maxsize=4096)
def _value(numeral: str) -> int | float:
    """``to_number`` of a non-blank string; cached, as cn2an is slow and texts repeat numerals."""
    text = THOUSANDS_COMMA.sub("", numeral.strip()).replace("〇", "零")
    text = INNER_APPROX_MARK.sub("", text)
    if BARE_MAGNITUDE.fullmatch(text):  # 近万, 千余, 近千万: one of that magnitude
        text = "一" + text
    import cn2an   # here, not at the top: reading the cached tables reads no numeral (cn2an costs 0.2 s to import)

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as error:
        raise ValueError(f"not a numeral: {numeral!r}") from error
    value = float(value)
    return int(value) if value.is_integer() else value


def whole_number(numeral: str) -> int:
    """The whole number a numeral writes, read strictly (cn2an's "normal" mode, no approximations): ValueError
    for a string that does not read as one number (十十)."""
    import cn2an

    return int(cn2an.cn2an(numeral, "normal"))


def is_approximate(numeral: str) -> bool:
    """True when the numeral itself carries 余/多 before its multiplier (二十余万)."""
    return bool(APPROX_MULTIPLE.search(numeral))
