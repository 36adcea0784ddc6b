"""Response-strategy cues in one document: every match of a code's patterns, computed once."""
from __future__ import annotations

from functools import lru_cache

from ...document import DOCUMENT_CACHE_SIZE, Document
from .lexicon import StrategyCode, strategy_lexicon, strategy_needles


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _needles_in(doc: Document) -> frozenset[str]:
    """The needles of strategy patterns that occur in the text."""
    return frozenset(strategy_needles()(doc.text))


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE * 4)
def code_cues(doc: Document, code: StrategyCode) -> tuple[dict, ...]:
    """The cues of one code in one document, non-overlapping (an earlier pattern wins)."""
    rows = []
    taken: list[tuple[int, int]] = []
    for pattern, target, words in code.patterns:
        if words and _needles_in(doc).isdisjoint(words):
            continue
        for m in pattern.finditer(doc.text):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken) or _blocked(doc, code, m):
                continue
            taken.append(m.span())
            rows.append({"start": m.start(), "end": m.end(), "code": code.code, "scheme": code.scheme,
                         "stance": code.stance, "target": target})
    return tuple(rows)


def _blocked(doc: Document, code: StrategyCode, match) -> bool:
    """The code's ``unless`` holds in the cue's sentence, or its ``unless_before`` in the sentence up to the cue."""
    if code.unless is None and code.unless_before is None:
        return False
    index = doc.sentence_index(match.start())
    sent = doc.sentences[index] if index is not None else None
    if sent is None:
        return False
    if code.unless is not None and code.unless.search(doc.text, sent.start, sent.end):
        return True
    return code.unless_before is not None and bool(code.unless_before.search(doc.text[sent.start:match.start()]))


def cues(doc: Document) -> list[dict]:
    """Every strategy cue of the text, code by code."""
    return [cue for code in strategy_lexicon() for cue in code_cues(doc, code)]
