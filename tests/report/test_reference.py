"""Reference tables: every glossary term glossed once; every population sourced."""
from __future__ import annotations

import pandas as pd

from zerocovid.paths import REFERENCE_DIR
from zerocovid.report.reference import gloss, glossary, with_gloss


def test_glossary_terms_unique_and_glossed():
    table = glossary()
    assert list(table.columns) == ["zh", "en", "kind", "source"]
    assert not table["zh"].duplicated().any()
    assert (table["en"].str.strip() != "").all()


def test_gloss_lookup():
    assert gloss("深表歉意") == "deeply apologise"
    assert with_gloss("封控区") == "封控区 (sealed zone)"
    assert gloss("不在词表") is None and with_gloss("不在词表") == "不在词表"


def test_population_has_a_source_for_every_row():
    population = pd.read_csv(REFERENCE_DIR / "population.csv")
    assert not population["place"].duplicated().any()
    assert (population["population"] > 0).all()
    assert population["source"].str.len().gt(10).all()
    assert (population["census_year"] == 2020).all()


def test_key_words_gloss_the_known_words_of_a_chinese_cell():
    from zerocovid.report.reference import key_words

    # invented sentence: a vulnerable group, a measure keyword and a glossary term, longest match first
    assert key_words("孕产妇就医通道不畅，核酸检测结果迟迟未出") == (
        "pregnant and postpartum women; seeing a doctor; nucleic-acid (PCR) testing")   # the glossary before the lexicons
    assert key_words("今天天气很好") == ""
    assert key_words("") == "" and key_words(None) == ""
    assert len(key_words("核酸检测、消毒、隔离、就医、物资、孕妇", limit=2).split("; ")) == 2
