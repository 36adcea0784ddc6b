"""Sentences and jieba tokens of the cleaned texts, with character offsets.

``sentences(docs)`` columns: doc_id, region, para_no (1-based line of ``text``),
sent_no (1-based within the document), start, end, text (= docs text[start:end]).

``tokens(docs)`` columns: doc_id, region, para_no, sent_no, start, end, token,
is_punct (punctuation or symbols only), is_stopword (in resources/stopwords.yaml).
Whitespace is not a token.

Segmentation runs through jieba-rs (``rjieba``, compiled) when it is installed, else through jieba; the
pure-Python jieba stays the reference and can be chosen with ``segmenter="jieba"`` or
``ZEROCOVID_SEGMENTER=jieba`` (see ``choose_segmenter``). Both use jieba's dictionary and the package's
user dictionary; where they differ is listed and explained in tests/test_segmentation.py.
"""
from __future__ import annotations

import logging
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from importlib.util import find_spec
from itertools import accumulate
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .lexicons import load_resource, word_list

if TYPE_CHECKING:
    import jieba

SENTENCE_END = "。！？"
CLOSERS = "”’」』）》"
SENTENCE = re.compile(f"[^{SENTENCE_END}]+(?:[{SENTENCE_END}]+[{CLOSERS}]*)?|[{SENTENCE_END}]+[{CLOSERS}]*")
SENTENCE_COLUMNS = ["doc_id", "region", "para_no", "sent_no", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "region", "para_no", "sent_no", "start", "end", "token", "is_punct", "is_stopword"]
SEGMENTERS = ("rjieba", "jieba")
SEGMENTER_VARIABLE = "ZEROCOVID_SEGMENTER"


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(para_no, start, end) of every sentence of one cleaned text; a line break always ends one."""
    spans = []
    offset = 0
    for para_no, paragraph in enumerate(text.split("\n"), start=1):
        for match in SENTENCE.finditer(paragraph):
            start, end = match.span()
            while start < end and paragraph[start].isspace():
                start += 1
            while end > start and paragraph[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((para_no, offset + start, offset + end))
        offset += len(paragraph) + 1
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(para_no, start, end) of every line of one cleaned text, blank lines included, so para_no
    agrees with ``split_sentences``."""
    spans, offset = [], 0
    for para_no, line in enumerate(text.split("\n"), start=1):
        spans.append((para_no, offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def sentence_at(spans: list[tuple[int, int, int]], pos: int) -> int | None:
    """Index in ``spans`` (``split_sentences`` output, sorted by start) of the last sentence
    starting at or before ``pos``, or None when ``pos`` comes before the first. The sentence
    holds ``pos`` only if ``pos < spans[i][2]`` (whitespace between sentences belongs to none)."""
    index = bisect_right(spans, pos, key=lambda span: span[1]) - 1
    return index if index >= 0 else None


def alternation(words) -> str:
    """A regex alternation of literal words that tries the longest word first at each position
    (库尔勒市 before 库尔勒). It is written as a trie (``库尔勒(?:市)?``) so that ``re`` checks a
    position against each distinct first character once, not against every word; it matches
    exactly as ``"|".join`` of the words sorted longest first would."""
    def trie(words: set[str]) -> str:   # after each prefix: its extensions, then the word ending there
        tails: dict[str, set[str]] = {}
        for word in words:
            if word:
                tails.setdefault(word[0], set()).add(word[1:])
        branches = [re.escape(char) + trie(rest) for char, rest in sorted(tails.items())]
        if not branches:
            return ""
        if len(branches) > 1:
            body = f"(?:{'|'.join(branches)})"
            return f"{body}?" if "" in words else body
        return f"(?:{branches[0]})?" if "" in words else branches[0]
    return trie(set(words))


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence, in (doc_id, start) order."""
    rows = []
    for doc in docs.sort_values("doc_id", kind="stable").itertuples(index=False):
        for sent_no, (para_no, start, end) in enumerate(split_sentences(doc.text), start=1):
            rows.append((doc.doc_id, doc.region, para_no, sent_no, start, end, doc.text[start:end]))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def choose_segmenter(name: str | None = None) -> str:
    """The segmentation backend: ``name``, else $ZEROCOVID_SEGMENTER, else "rjieba" (jieba-rs, compiled: tokens()
    about five times faster) when it is installed, else "jieba", the pure-Python reference rjieba is tested against."""
    name = name or os.environ.get(SEGMENTER_VARIABLE) or ("rjieba" if _rjieba_installed() else "jieba")
    if name not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {name!r}")
    return name


@lru_cache(maxsize=1)
def _rjieba_installed() -> bool:
    return find_spec("rjieba") is not None  # looked up once: the cache asks for every document


def user_words() -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) of resources/userdict.yaml, in order: both backends add them the same way."""
    return [(entry["word"], entry.get("freq"), entry.get("pos")) for entry in load_resource("userdict")["entries"]]


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer with the package's user dictionary, built once and quietly."""
    import jieba   # here, not at the top: reading the cached tables needs no segmenter (jieba costs 0.15 s to import)

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq, tag in user_words():
        tk.add_word(word, freq=freq, tag=tag)
    return tk


@lru_cache(maxsize=1)
def rjieba_tokenizer():
    """jieba-rs with the dictionary of ``tokenizer()``: it bundles jieba's dict.txt (same words and frequencies) and
    gets the same user words in the same order. A user word without a frequency gets jieba's suggested one, which
    jieba-rs computes in log space and can round one lower (霍尔果斯 12, not 13); no token of the project's corpora
    changes because of it (tests/test_segmentation.py)."""
    import rjieba

    tk = rjieba.Jieba()
    for word, freq, tag in user_words():
        tk.add_word(word, freq, tag)
    return tk


def cutter(segmenter: str | None = None) -> Callable[[str], list[str]]:
    """The chosen backend's cut (HMM on, as jieba's default): the words of a string, which concatenate to it."""
    return rjieba_tokenizer().cut if choose_segmenter(segmenter) == "rjieba" else tokenizer().lcut


COMMON_WORD_FREQUENCY = 100   # jieba's dictionary counts names of people at most a few times, words in thousands


def is_common_word(word: str) -> bool:
    """True for a word jieba's dictionary knows as common (重要, 采取): not a personal name after a title."""
    model = tokenizer()
    model.check_initialized()
    return model.FREQ.get(word, 0) >= COMMON_WORD_FREQUENCY


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list of resources/stopwords.yaml."""
    return frozenset(word_list("stopwords"))


def is_punct(token: str) -> bool:
    """True for tokens made only of punctuation or symbols (Unicode categories P* and S*)."""
    return all(unicodedata.category(c)[0] in "PS" for c in token)


def tokenize(text: str, *, offset: int = 0, segmenter: str | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end) for one string; whitespace tokens left out."""
    words = cutter(segmenter)(text)
    bounds = list(accumulate(map(len, words), initial=offset))
    return [(word, start, end) for word, start, end in zip(words, bounds, bounds[1:]) if not word.isspace()]


def tokens(docs: pd.DataFrame, *, segmenter: str | None = None) -> pd.DataFrame:
    """One row per token of every sentence, in (doc_id, start) order; ``segmenter`` as in ``choose_segmenter``."""
    cut = cutter(segmenter)
    docs = docs.sort_values("doc_id", kind="stable")
    words: list[str] = []
    sentences: list[tuple[int, int, int, int, int]] = []  # (row in docs, para_no, sent_no, start, number of words)
    for row, text in enumerate(docs["text"]):
        for sent_no, (para_no, start, end) in enumerate(split_sentences(text), start=1):
            cut_words = cut(text[start:end])
            words += cut_words
            sentences.append((row, para_no, sent_no, start, len(cut_words)))
    return _token_table(docs, words, sentences)


def _token_table(docs: pd.DataFrame, words: list[str],
                 sentences: list[tuple[int, int, int, int, int]]) -> pd.DataFrame:
    """The tokens table from the words of all sentences in order, built with array operations: a Python loop over
    the tokens would take as long as the compiled segmentation itself. Flags are computed once per distinct word."""
    row, para_no, sent_no, sentence_start, count = np.array(sentences, dtype=np.int64).reshape(-1, 5).T
    length = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    before = np.concatenate(([0], np.cumsum(length)))  # characters of all words before each word
    first = np.cumsum(count) - count  # each sentence's first word
    start = np.repeat(sentence_start - before[first], count) + before[:-1]
    codes, types = pd.factorize(np.array(words, dtype=object))
    stops = stopwords()
    space, punct, stop = np.array([(word.isspace(), is_punct(word), word in stops) for word in types],
                                  dtype=bool).reshape(-1, 3).T
    keep = ~space[codes]
    kept_codes = codes[keep]
    doc_rows = np.repeat(row, count)[keep]
    return pd.DataFrame({
        "doc_id": docs["doc_id"].array.take(doc_rows), "region": docs["region"].array.take(doc_rows),
        "para_no": np.repeat(para_no, count)[keep], "sent_no": np.repeat(sent_no, count)[keep],
        "start": start[keep], "end": (start + length)[keep], "token": pd.array(types, dtype="str").take(kept_codes),
        "is_punct": punct[kept_codes], "is_stopword": stop[kept_codes]}, columns=TOKEN_COLUMNS)
