"""The shared document model: structure, who is speaking, dates and places, on invented texts, and
one Document per article shared by every analyzer."""
from __future__ import annotations

import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.analyzers.apologies import acts
from zerocovid.document import Document, actor_level, documents

BRIEFING = ("市卫生健康委主任王建国表示，全市已开展三轮核酸检测。他说，下一步将加强保障。\n"
            "“我们工作中存在不足，向大家道歉。”王建国说。\n"
            "截至9月8日24时，全市累计报告确诊病例12例，其中海珠区5例。\n"
            "记者：物资供应怎样？\n"
            "市商务局局长 李明：\n"
            "目前供应充足；我们将继续努力，做好保障。\n"
            "某某区人民医院对此高度重视。该院已向患者道歉。\n"
            "某市人民政府\n"
            "2022年9月9日")


@pytest.fixture
def doc(make_docs) -> Document:
    return documents(make_docs(BRIEFING, place="Xuchang"))[0]


def at(word: str, nth: int = 0) -> int:
    """The position of the nth occurrence of ``word`` in BRIEFING."""
    position = -1
    for _ in range(nth + 1):
        position = BRIEFING.index(word, position + 1)
    return position


def test_paragraphs_and_sentences_agree_with_the_sentences_table(doc, make_docs):
    table = zc.sentences(make_docs(BRIEFING))
    assert [(s.para_no, s.sent_no, s.start, s.end) for s in doc.sentences] == \
        list(zip(table["para_no"], table["sent_no"], table["start"], table["end"]))
    assert len(doc.paragraphs) == BRIEFING.count("\n") + 1
    assert all(BRIEFING[start:end] == line for (start, end), line in zip(doc.paragraphs.values(), BRIEFING.split("\n")))
    assert doc.para_of(at("海珠区")) == 3
    assert doc.sentence_index(at("他说")) == 1 and doc.sentences[1].start == at("他说")


def test_display_lines_are_short_lines_without_full_stop(doc):
    # the question, the speaker line, the signatory and the date line; not the prose lines
    assert doc.display == {4, 5, 8, 9}


def test_segments_clauses_and_clause_starts(doc):
    sent = doc.sentences[doc.sentence_index(at("目前"))]
    assert BRIEFING[slice(*doc.segment(sent, at("继续")))] == "我们将继续努力，做好保障。"
    assert BRIEFING[slice(*doc.segment(sent, at("充足")))] == "目前供应充足"
    lo, hi = doc.segment(sent, at("继续"))
    assert [BRIEFING[s:e] for s, e in doc.clauses(lo, hi)] == ["我们将继续努力", "做好保障。"]
    assert doc.clause_start(at("做好"), sent.start) == at("做好")
    assert doc.clause_start(at("12例"), doc.sentences[doc.sentence_index(at("截至"))].start) == at("全市累计")


def test_half_width_punctuation_breaks_clauses_too(make_docs):
    text = "据通报,该市已完成筛查:共3轮!"
    doc = documents(make_docs(text))[0]
    assert [text[s:e] for s, e in doc.clauses(0, len(text))] == ["据通报", "该市已完成筛查", "共3轮", ""]


def test_quote_around_a_position_within_its_paragraph(doc):
    p_start, p_end = doc.paragraphs[2]
    assert doc.quote_around(at("不足"), p_start, p_end) == (at("“"), at("”"))
    assert doc.quote_around(at("王建国说"), p_start, p_end) is None


def test_speakers_named_resolved_and_carried(doc):
    # a speech verb earlier in the paragraph; 他 resolves to the last named speaker, with his title
    assert doc.speaker_at(at("三轮"), None) == ("市卫生健康委主任王建国", True)
    assert doc.speaker_at(at("加强"), None) == ("市卫生健康委主任王建国", True)
    # the speaker named right after the quotation; the bare name takes the title he was introduced with
    assert doc.speaker_at(at("不足"), None) == ("市卫生健康委主任王建国", True)
    # a Q&A speaker line governs the answer below it
    assert doc.speaker_lines == {5: "市商务局局长 李明"}
    assert doc.speaker_at(at("供应充足"), None) == ("市商务局局长 李明", False)
    # the previous body paragraph's speaker, when the caller names that paragraph
    assert doc.speaker_at(at("截至"), 1) == ("市卫生健康委主任王建国", False)
    assert doc.speaker_at(at("截至"), None) == ("", False)


def test_signatory_and_referent(doc):
    assert doc.signatory == "某市人民政府"
    assert doc.referent("医院", at("该院")) == "某某区人民医院"
    assert doc.referent("公司", at("该院")) == ""


def test_actor_levels():
    assert [actor_level(a) for a in ["西安市卫健委", "高新医院", "王建国", "市委、市政府", "某公司"]] == \
        ["agency", "hospital", "individual", "city", "company"]


def test_dates_and_places_named(doc):
    assert doc.article_day == pd.Timestamp("2022-09-09")
    first = doc.dates[0]
    assert BRIEFING[first["start"]:first["end"]] == "截至9月8日24时"
    assert first["as_of"] == pd.Timestamp("2022-09-09 00:00") and first["carries"]
    last = doc.dates[-1]
    assert (last["as_of_start"], last["as_of"]) == (pd.Timestamp("2022-09-09"), pd.Timestamp("2022-09-10"))
    # 全市 is the article's place (no city named before it); an unlisted district keeps its Chinese name
    assert doc.article_place == "Xuchang"
    assert doc.places == [(at("全市"), "Xuchang"), (at("全市", 1), "Xuchang"), (at("海珠区"), "海珠区")]


def test_a_document_without_a_date_cannot_date_its_statements(make_docs):
    doc = documents(make_docs("没有日期。", event_date=None))[0]
    with pytest.raises(ValueError, match="neither event_date nor published"):
        doc.article_day


def test_one_document_per_article_shared_by_every_analyzer(make_docs):
    frame = make_docs("乙文。", "甲文。")
    first, second = documents(frame), documents(frame.iloc[::-1])
    assert [d.doc_id for d in first] == ["doc1", "doc2"]                  # doc_id order, whatever the frame's
    assert all(a is b for a, b in zip(first, second))                      # the same objects: views computed once
    changed = documents(make_docs("乙文改。", "甲文。"))
    assert changed[0] is not first[0] and changed[1] is first[1]           # a changed text is a new document


def test_index_named_doc_id_and_missing_columns(make_docs):
    frame = make_docs("一文。").set_index("doc_id", drop=False)
    assert [d.doc_id for d in documents(frame)] == ["doc1"]
    with pytest.raises(ValueError, match="lacks the column"):
        documents(frame.drop(columns="text"))
    with pytest.raises(ValueError, match="load_documents"):
        documents(["not", "a", "frame"])


def test_apology_acts_found_once_for_the_three_tables(make_docs, monkeypatch):
    """find_apologies, acknowledgements and response_strategies on the same articles share one
    detection: the acts of a sentence are worked out once."""
    text = "市长表示，我们工作存在不足，向市民诚恳道歉。医院也已向患者致歉。"
    frame = make_docs(text + "（第一次）")   # a text no other test has seen, so nothing is cached yet
    calls = []
    original = acts.acts_in_sentence
    monkeypatch.setattr(acts, "acts_in_sentence", lambda doc, sent: calls.append(sent) or original(doc, sent))
    tables = [zc.find_apologies(frame), zc.acknowledgements(frame), zc.response_strategies(frame)]
    assert len(tables[0]) == 2 and len(calls) == 2                         # two sentences, each read once
    assert set(tables[2]["code"]) >= {"ccsarp.explicit_apology", "benoit.mortification"}


def test_place_names_are_found_as_the_reference_regex_finds_them(docs):
    """The Aho-Corasick automaton gives the matches of the longest-first alternation of the same names
    (the reference it replaced for speed), on the committed corpus, the held-out articles and invented
    texts where names overlap or nest (库尔勒 / 库尔勒市, 新疆 / 新疆维吾尔自治区, adjacent names)."""
    import re

    from zerocovid.document.places import name_matches, unit_lexicon
    from zerocovid.text import alternation

    reference = re.compile(alternation(unit_lexicon().names))
    invented = ["库尔勒市新增3例，新疆维吾尔自治区累计12例", "伊犁州伊宁市霍尔果斯市", "全市该州本港", "", "无地名的句子",
                "😷𠀀库尔勒市新增3例，é伊犁州"]   # characters outside the BMP and Latin-1: offsets in characters
    from zerocovid.paths import PROJECT_DIR

    from zerocovid.corpus.decoding import decode

    heldout = [decode(path.read_bytes(), declared=None, source=str(path))[0]   # a few are in GB18030 on purpose
               for path in sorted((PROJECT_DIR / "tests" / "heldout").rglob("*.txt"))]
    texts = [*docs["text"], *heldout, *invented]
    assert len(texts) > 20
    for text in texts:
        assert name_matches(text) == [(m.start(), m.end(), m.group()) for m in reference.finditer(text)]
