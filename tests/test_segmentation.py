"""jieba-rs (``rjieba``, the default backend) against jieba (the reference): every token where the two differ on
the project's corpus and on a synthetic one is listed, each kind of difference is explained, and together they
stay under 0.5% of jieba's tokens. Choosing the backend: argument, environment variable, fallback."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import zerocovid as zc
from benchmarks.generate import generate
from zerocovid import text

MAX_SHARE = 0.005

# Each kind: (test of one difference, why the two backends differ there).
KINDS = {
    "Latin-script run": (
        lambda jieba_words, rjieba_words: len(rjieba_words) == 1
        and re.fullmatch(r"[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)+", rjieba_words[0]) is not None,
        "jieba-rs keeps a run of Latin letters and digits joined by '.', '-' or '_' as one token (the variant "
        "BA.5.2, the phone number 0999-8036815); jieba's HMM step cuts such a run with the pattern "
        r"[a-zA-Z0-9]+(?:\.\d+)?%? and emits what is left one character at a time (BA.5 . 2; 0999 - 8036815)."),
}


def differences(docs: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """(one row per stretch of text that the backends cut differently, with both cuts and its kind; the number of
    jieba tokens). A stretch joins overlapping tokens that only one backend produced."""
    cuts = {name: zc.tokens(docs, segmenter=name) for name in ("jieba", "rjieba")}
    keys = ["doc_id", "start", "end", "token"]
    both = cuts["jieba"][keys].merge(cuts["rjieba"][keys], how="outer", indicator="side")
    only = both[both["side"] != "both"].sort_values(["doc_id", "start", "end"])
    rows = []
    for doc_id, group in only.groupby("doc_id", sort=True):
        stretch: list = []
        for token in group.itertuples(index=False):
            if stretch and token.start >= max(t.end for t in stretch):
                rows.append(_stretch(docs, doc_id, stretch))
                stretch = []
            stretch.append(token)
        rows.append(_stretch(docs, doc_id, stretch))
    columns = ["doc_id", "start", "end", "text", "jieba", "rjieba", "kind"]
    return pd.DataFrame(rows, columns=columns), len(cuts["jieba"])


def _stretch(docs: pd.DataFrame, doc_id: str, tokens: list) -> tuple:
    start, end = min(t.start for t in tokens), max(t.end for t in tokens)
    jieba_words = [t.token for t in tokens if t.side == "left_only"]
    rjieba_words = [t.token for t in tokens if t.side == "right_only"]
    kind = next((name for name, (test, _) in KINDS.items() if test(jieba_words, rjieba_words)), None)
    return doc_id, start, end, docs.loc[doc_id, "text"][start:end], jieba_words, rjieba_words, kind


@pytest.fixture(scope="module")
def synthetic_docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(folder, n=200, seed=0)
    return zc.load_documents(folder, progress=False)


@pytest.mark.parametrize("corpus", ["committed", "synthetic"])
def test_backends_differ_only_in_explained_ways_on_few_tokens(corpus, docs, synthetic_docs):
    table, n_tokens = differences(docs if corpus == "committed" else synthetic_docs)
    differing = table["jieba"].str.len().sum()
    print(f"\n{corpus}: {differing} of {n_tokens} jieba tokens ({differing / n_tokens:.2%}) cut otherwise by rjieba")
    for kind, count in table["kind"].value_counts().items():
        print(f"{kind} ({count}): {KINDS[kind][1]}")
    listing = table.to_string()
    print(listing)
    unexplained = table[table["kind"].isna()]
    assert unexplained.empty, f"differences of no known kind:\n{unexplained.to_string()}"
    assert differing / n_tokens < MAX_SHARE, f"{differing} of {n_tokens} tokens differ:\n{listing}"


def test_variant_names_are_the_known_difference(docs):
    table, _ = differences(docs)
    variant = table[table["text"] == "BA.5.2"].iloc[0]
    assert variant["jieba"] == ["BA.5", ".", "2"] and variant["rjieba"] == ["BA.5.2"]


def test_both_backends_use_the_same_dictionaries():
    for word in ("伊宁市", "霍尔果斯", "核酸检测", "动态清零", "次密接"):
        sentence = f"今天{word}的情况"
        assert text.tokenize(sentence, segmenter="jieba") == text.tokenize(sentence, segmenter="rjieba")
    assert text.rjieba_tokenizer().has_word("伊犁哈萨克自治州")


def test_choosing_the_backend(monkeypatch):
    monkeypatch.delenv(text.SEGMENTER_VARIABLE, raising=False)
    assert text.choose_segmenter() == "rjieba"
    assert text.choose_segmenter("jieba") == "jieba"
    monkeypatch.setenv(text.SEGMENTER_VARIABLE, "jieba")
    assert text.choose_segmenter() == "jieba"
    assert text.choose_segmenter("rjieba") == "rjieba"
    assert text.tokenize("BA.5.2") == [("BA.5", 0, 4), (".", 4, 5), ("2", 5, 6)]
    with pytest.raises(ValueError, match="segmenter must be one of"):
        text.choose_segmenter("thulac")


def test_jieba_when_rjieba_is_not_installed(monkeypatch):
    monkeypatch.delenv(text.SEGMENTER_VARIABLE, raising=False)
    monkeypatch.setattr(text, "_rjieba_installed", lambda: False)
    assert text.choose_segmenter() == "jieba"
