"""Traditional-script articles are converted to simplified with OpenCC so every lexicon matches.

Some converted pages carry each converted character's simplified form in brackets after it (對(对)
不起): ``strip_conversion_glosses`` removes those glosses first, when a text holds enough of them to
be such a page, so that words are whole again.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")  # Han characters are counted run by run: fewer matches
GLOSSED = re.compile(r"([\u4e00-\u9fff])[(（]([\u4e00-\u9fff])[)）]")   # 對(对): a character and its gloss
MIN_GLOSSES = 3   # fewer glossed characters than this are ordinary brackets (甲(乙) in a name list)
# Share of Han characters that OpenCC changes above which a text counts as traditional:
# simplified text changes almost nowhere, traditional text in a fifth or more of characters.
TRADITIONAL_THRESHOLD = 0.05


@lru_cache(maxsize=None)
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    # t2s, then hk2s for the Hong Kong variants t2s leaves (衞生署 → 卫生署)
    return opencc.OpenCC("t2s"), opencc.OpenCC("hk2s")


class _Converter:
    """Both conversions in turn, with OpenCC's ``convert`` signature."""

    @staticmethod
    def convert(text: str) -> str:
        general, hong_kong = _converters()
        return hong_kong.convert(general.convert(text))


def _converter() -> _Converter:
    return _Converter()


def strip_conversion_glosses(text: str) -> str:
    """``text`` without the bracketed simplified form after each converted character (對(对) → 對), when
    at least ``MIN_GLOSSES`` characters carry one; otherwise ``text`` unchanged."""
    def is_gloss(found: re.Match) -> bool:
        char, gloss = found.groups()
        return char != gloss and _converter().convert(char) == gloss
    if sum(map(is_gloss, GLOSSED.finditer(text))) < MIN_GLOSSES:
        return text
    return GLOSSED.sub(lambda found: found[1] if is_gloss(found) else found[0], text)


def to_simplified(text: str) -> tuple[str, str]:
    """Return (simplified text, original script: "simplified" or "traditional"), conversion glosses
    removed first."""
    text = strip_conversion_glosses(text)
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
