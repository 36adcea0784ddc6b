"""Script: traditional pages (Big5 or not) are detected and converted to simplified before cleaning; a few
traditional characters in a simplified page stay; the changed-character count is the loop's it replaced."""
from __future__ import annotations

import random
import re

import opencc

from helpers import load_one
from pages import APOLOGY, MIXED, PLAIN, SECOND, random_texts
from zerocovid.corpus import cleaning, script


def test_traditional_big5_is_detected_and_simplified(tmp_path):
    traditional = opencc.OpenCC("s2t").convert(PLAIN)
    assert "媒體" in traditional
    doc = load_one(tmp_path, traditional.encode("big5"))
    assert (doc.encoding, doc.script) == ("big5", "traditional")
    assert (doc.title, doc.text) == ("某市通报", f"{APOLOGY}\n{SECOND}")


def test_traditional_portal_lines_are_cleaned_after_conversion(tmp_path):
    page = opencc.OpenCC("s2t").convert(f"某市通报\n更新时间:2022-09-09 12:38:20作者:佚名\n{APOLOGY}\n责任编辑:张三\n")
    assert "更新時間" in page and "責任編輯" in page
    doc = load_one(tmp_path, page, published="")
    assert doc.text == APOLOGY and doc.script == "traditional"
    assert (str(doc.published), doc.date_source) == ("2022-09-09 12:38:20+08:00", "text")


def test_a_page_glossing_each_converted_character_reads_as_whole_words(tmp_path):
    """對(对)不起: a converter left the simplified form after each changed character; the glosses go,
    the apology in the body is found like the one in the title."""
    to_gloss = opencc.OpenCC("s2t")
    glossed = "".join(f"{c}({s})" if (c := to_gloss.convert(s)) != s else s for s in APOLOGY)
    assert glossed.count("(") >= 3 and "歉(" not in glossed   # 歉 is the same in both scripts
    doc = load_one(tmp_path, f"某市通报\n{glossed}\n")
    assert (doc.text, doc.script) == (APOLOGY, "traditional")


def test_brackets_that_are_no_conversion_glosses_stay():
    names = "张三(男)、李四(女)、王五(男)、長(长)"   # one gloss is too few to be a glossed page
    assert script.strip_conversion_glosses(names) == names
    assert script.to_simplified("醫(医)院向市民鄭(郑)重道歉，對(对)不起。") == ("医院向市民郑重道歉，对不起。", "traditional")


def test_simplified_text_with_a_few_traditional_characters_stays_simplified(tmp_path):
    doc = load_one(tmp_path, PLAIN.replace("规定", "規定"))
    assert doc.script == "simplified" and "規定" in doc.text


def test_changed_characters_counted_as_the_loop_did():
    rng = random.Random(4)
    for text in random_texts(2000, 5, MIXED):
        other = "".join(c if rng.random() < 0.7 else rng.choice(MIXED) for c in text)
        other = other[:rng.randrange(len(text) + 1)] if rng.random() < 0.2 else other + "中" * rng.randrange(3)
        assert script._n_changed(text, other) == sum(1 for a, b in zip(text, other) if a != b)


def test_han_characters_counted_run_by_run_as_one_by_one():
    for text in random_texts(2000, 8, MIXED + ["㐀", "豈", "鿿", "一"]):
        assert sum(map(len, cleaning.HAN_RUN.findall(text))) == len(re.findall(f"[{cleaning.CJK}]", text))
        assert sum(map(len, script.HAN_RUN.findall(text))) == len(re.findall("[\u4e00-\u9fff]", text))
