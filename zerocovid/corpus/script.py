"""Traditional-script articles are converted to simplified with OpenCC so every lexicon matches."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")  # Han characters are counted run by run: fewer matches
# Share of Han characters that OpenCC changes above which a text counts as traditional:
# simplified text changes almost nowhere, traditional text in a fifth or more of characters.
TRADITIONAL_THRESHOLD = 0.05


@lru_cache(maxsize=None)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, str]:
    """Return (simplified text, original script: "simplified" or "traditional")."""
    if not HAN_RUN.search(text):
        return text, "simplified"
    converted = _converter().convert(text)
    if converted == text:
        return text, "simplified"
    if len(converted) != len(text):
        converted = "".join(_converter().convert(c) for c in text)
    n_han = sum(map(len, HAN_RUN.findall(text)))
    if _n_changed(text, converted) / n_han < TRADITIONAL_THRESHOLD:
        return text, "simplified"
    return converted, "traditional"


def _n_changed(text: str, converted: str) -> int:
    """Positions up to the shorter text's end where the texts differ (compared as code-point arrays)."""
    n = min(len(text), len(converted))
    before, after = (np.frombuffer(t[:n].encode("utf-32-le"), dtype=np.uint32) for t in (text, converted))
    return int(np.count_nonzero(before != after))
