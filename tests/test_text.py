"""Sentences and tokens: offsets point into the cleaned text; both segmenters know the domain words."""
from __future__ import annotations

import logging

import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.text import SEGMENTERS, split_sentences, tokenize


@pytest.fixture(scope="module")
def sents(docs):
    return zc.sentences(docs)


@pytest.fixture(scope="module")
def toks(docs):
    return zc.tokens(docs)


def test_sentence_counts_counted_by_hand(sents):
    counts = sents.groupby("doc_id").size()
    assert counts["2022-01-24_yili_horgos"] == 12
    assert counts["2022-01-07_xian"] == 32


def test_sentences_point_into_text(docs, sents):
    for row in sents.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.text
    assert list(sents.columns[:7]) == ["doc_id", "region", "para_no", "sent_no", "start", "end", "text"]
    assert sents.equals(sents.sort_values(["doc_id", "start"]).reset_index(drop=True))


def test_horgos_sentences_exact(sents):
    horgos = sents[sents.doc_id == "2022-01-24_yili_horgos"]
    assert horgos["para_no"].tolist() == [1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5]
    assert horgos.iloc[2].text == "一是快速进行核酸检测。"
    assert horgos.iloc[-1].text == "（总台记者 王跃军 苏蒙 阿尔曼 索南 曹江）"


def test_split_rules():
    text = "他说：“我们道歉。”然后离开！真的吗？\n标题没有句号\n数字1.5万不断句。"
    pieces = [text[s:e] for _, s, e in split_sentences(text)]
    assert pieces == ["他说：“我们道歉。”", "然后离开！", "真的吗？", "标题没有句号", "数字1.5万不断句。"]
    assert [p for p, _, _ in split_sentences(text)] == [1, 1, 1, 2, 3]


def test_empty_inputs():
    assert split_sentences("") == []
    empty = zc.load_documents().iloc[0:0]
    assert zc.sentences(empty).empty and list(zc.tokens(empty).columns)[:6] == [
        "doc_id", "region", "para_no", "sent_no", "start", "end"]


@pytest.mark.parametrize("segmenter", SEGMENTERS)
@pytest.mark.parametrize("word", ["伊宁市", "霍尔果斯", "库尔勒市", "巴州", "许昌市", "西安市", "核酸检测",
                                  "封控区", "管控区", "黄码医院", "闭环管理", "动态清零", "奥密克戎", "次密接", "刘顺智"])
def test_user_dictionary_keeps_words_whole(word, segmenter):
    assert word in [t for t, _, _ in tokenize(f"今天{word}的情况", segmenter=segmenter)]


def test_tokens_point_into_text(docs, toks):
    for row in toks.sample(500, random_state=1).itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.token
    assert not toks["token"].str.isspace().any()


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_tokens_are_the_tokenized_sentences(segmenter):
    """The table built with array operations holds exactly what ``tokenize`` gives sentence by sentence."""
    docs = pd.DataFrame({"doc_id": ["b", "a"], "region": ["R2", "R1"],
                         "text": ["  第一句 有 空格。第二句BA.5.2！\n\n标题", "（总台记者 王跃军 苏蒙）\t 完。"]})
    expected = [(doc.doc_id, doc.region, para_no, sent_no, start, end, token)
                for doc in docs.sort_values("doc_id").itertuples()
                for sent_no, (para_no, s, e) in enumerate(split_sentences(doc.text), start=1)
                for token, start, end in tokenize(doc.text[s:e], offset=s, segmenter=segmenter)]
    table = zc.tokens(docs, segmenter=segmenter)
    assert list(table.iloc[:, :7].itertuples(index=False, name=None)) == expected


def test_token_columns(toks):
    assert toks.dtypes.astype(str).to_dict() == {
        "doc_id": "str", "region": "str", "para_no": "int64", "sent_no": "int64", "start": "int64", "end": "int64",
        "token": "str", "is_punct": "bool", "is_stopword": "bool"}


def test_stopword_and_punct_flags(toks):
    flags = toks.drop_duplicates("token").set_index("token")
    assert flags.loc["的", "is_stopword"] and not flags.loc["的", "is_punct"]
    assert flags.loc["，", "is_punct"] and flags.loc["“", "is_punct"]
    assert not flags.loc["歉意", "is_stopword"]


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_jieba_is_silent(docs, caplog, capsys, segmenter):
    zc.text.tokenizer.cache_clear()
    zc.text.rjieba_tokenizer.cache_clear()
    with caplog.at_level(logging.DEBUG):
        zc.tokens(docs.iloc[:1], segmenter=segmenter)
    assert capsys.readouterr().err == ""
    assert not [r for r in caplog.records if r.name == "jieba" and r.levelno < logging.WARNING]


def test_tokens_deterministic(docs, toks):
    pd.testing.assert_frame_equal(toks, zc.tokens(docs))


def test_paragraph_spans_cover_every_line_and_agree_with_sentences():
    from zerocovid.text import paragraph_spans
    text = "第一段。第二句。\n\n  第三段\n"
    assert paragraph_spans(text) == [(1, 0, 8), (2, 9, 9), (3, 10, 15), (4, 16, 16)]
    assert {p for p, _, _ in split_sentences(text)} == {1, 3}


def test_sentence_at_finds_the_sentence_starting_at_or_before_a_position():
    from zerocovid.text import sentence_at
    text = "甲乙。 丙丁。\n戊己"
    spans = split_sentences(text)  # (1,0,3) (1,4,7) (2,8,10)
    assert [sentence_at(spans, pos) for pos in range(len(text))] == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
    assert sentence_at(split_sentences("  甲。"), 0) is None
    assert sentence_at([], 5) is None


def test_alternation_prefers_the_longest_word():
    import re

    from zerocovid.text import alternation
    pattern = re.compile(alternation(["库尔勒", "库尔勒市", "a.b"]))
    assert [m.group() for m in pattern.finditer("库尔勒市和库尔勒，a.b而非axb")] == ["库尔勒市", "库尔勒", "a.b"]


def test_alternation_matches_exactly_as_the_longest_first_join():
    import random
    import re

    from zerocovid.text import alternation
    rng = random.Random(3)
    for _ in range(400):
        words = ["".join(rng.choice("ab.") for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(0, 5))]
        joined = "|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word))))
        for context in ("(?:{})", "(?:{})b", "(?P<w>{})(?!a)", "(?:{}){{2}}$"):
            plain, trie = re.compile(context.format(joined)), re.compile(context.format(alternation(words)))
            for _ in range(10):
                text = "".join(rng.choice("ab.x") for _ in range(rng.randint(0, 8)))
                assert [(m.span(), m.groups()) for m in trie.finditer(text)] == [
                    (m.span(), m.groups()) for m in plain.finditer(text)]

