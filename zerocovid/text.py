"""Sentences and jieba tokens of the cleaned texts, with character offsets.

``sentences(docs)`` columns: doc_id, region, para_no (1-based line of ``text``),
sent_no (1-based within the document), start, end, text (= docs text[start:end]).

``tokens(docs)`` columns: doc_id, region, para_no, sent_no, start, end, token,
is_punct (punctuation or symbols only), is_stopword (in resources/stopwords.yaml).
Whitespace is not a token.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

import jieba
import pandas as pd

from .lexicons import load_resource, word_list

SENTENCE_END = "。！？"
CLOSERS = "”’」』）》"
SENTENCE = re.compile(f"[^{SENTENCE_END}]+(?:[{SENTENCE_END}]+[{CLOSERS}]*)?|[{SENTENCE_END}]+[{CLOSERS}]*")
SENTENCE_COLUMNS = ["doc_id", "region", "para_no", "sent_no", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "region", "para_no", "sent_no", "start", "end", "token", "is_punct", "is_stopword"]


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


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer with the package's user dictionary, built once and quietly."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for entry in load_resource("userdict")["entries"]:
        tk.add_word(entry["word"], freq=entry.get("freq"), tag=entry.get("pos"))
    return tk


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list of resources/stopwords.yaml."""
    return frozenset(word_list("stopwords"))


def is_punct(token: str) -> bool:
    """True for tokens made only of punctuation or symbols (Unicode categories P* and S*)."""
    return all(unicodedata.category(c)[0] in "PS" for c in token)


def tokenize(text: str, *, offset: int = 0) -> list[tuple[str, int, int]]:
    """(token, start, end) for one string; whitespace tokens left out."""
    return [(word, offset + start, offset + end)
            for word, start, end in tokenizer().tokenize(text)
            if not word.isspace()]


def tokens(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per jieba token of every sentence, in (doc_id, start) order."""
    stops = stopwords()
    cut = tokenizer().lcut
    flags: dict[str, tuple[bool, bool]] = {}  # token -> (is_punct, is_stopword), computed once per type
    rows: list[tuple] = []
    for doc in docs.sort_values("doc_id", kind="stable").itertuples(index=False):
        doc_id, region, text = doc.doc_id, doc.region, doc.text
        for sent_no, (para_no, start, end) in enumerate(split_sentences(text), start=1):
            offset = start
            for word in cut(text[start:end]):
                word_start, offset = offset, offset + len(word)
                if word.isspace():
                    continue
                flag = flags.get(word)
                if flag is None:
                    flag = flags[word] = (is_punct(word), word in stops)
                rows.append((doc_id, region, para_no, sent_no, word_start, offset, word, *flag))
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)
