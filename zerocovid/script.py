"""Traditional-script articles are converted to simplified with OpenCC so every lexicon matches."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

HAN = re.compile(r"[\u4e00-\u9fff]")
# Share of Han characters that OpenCC changes above which a text counts as traditional:
# simplified text changes almost nowhere, traditional text in a fifth or more of characters.
TRADITIONAL_THRESHOLD = 0.05


@lru_cache(maxsize=None)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, str]:
    """Return (simplified text, original script: "simplified" or "traditional")."""
    han = HAN.findall(text)
    if not han:
        return text, "simplified"
    converted = _converter().convert(text)
    if converted == text:
        return text, "simplified"
    if len(converted) != len(text):
        converted = "".join(_converter().convert(c) for c in text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed / len(han) < TRADITIONAL_THRESHOLD:
        return text, "simplified"
    return converted, "traditional"
