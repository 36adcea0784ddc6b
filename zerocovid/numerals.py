"""Read Chinese and Arabic numerals as numbers, on top of cn2an.

``NUMERAL`` is a regular expression for one numeral as Chinese news text writes it: Arabic digits
with an optional decimal part and 万/亿 multiplier (43, 1.6万), or Chinese numeral characters
(二十三, 四, 两百). ``to_number`` turns such a numeral into an int (or a float when it has a
fraction left after the multiplier).
"""
from __future__ import annotations

import cn2an

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
NUMERAL = rf"(?:\d+(?:\.\d+)?[万亿]?|[{CHINESE_DIGITS}]+)"


def to_number(numeral: str) -> int | float:
    """The value of one numeral (``"1.6万"`` → 16000, ``"二十三"`` → 23, ``"43"`` → 43).

    Raises ValueError for text that is not a single numeral.
    """
    if not isinstance(numeral, str) or not numeral.strip():
        raise ValueError(f"not a numeral: {numeral!r}")
    text = numeral.strip().replace("〇", "零")
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as error:
        raise ValueError(f"not a numeral: {numeral!r}") from error
    value = float(value)
    return int(value) if value.is_integer() else value
