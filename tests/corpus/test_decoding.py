"""Decoding: every supported encoding gives the same text; a page's own encoding declaration does not
override the bytes; the control-character count is the loop's it replaced."""
from __future__ import annotations

import pytest

import zerocovid as zc
from helpers import load_one, write_corpus
from pages import APOLOGY, PLAIN, SECOND, random_texts, MIXED
from zerocovid.corpus import decoding


@pytest.mark.parametrize("codec, declared, recorded", [
    ("utf-8", "", "utf-8"),
    ("utf-8-sig", "", "utf-8-sig"),
    ("gb18030", "", "gb18030"),
    ("gbk", "gbk", "gbk"),
    ("utf-16", "", "utf-16"),
    ("utf-16-le", "utf-16-le", "utf-16-le"),
])
def test_encodings_decode_to_the_same_text(tmp_path, codec, declared, recorded):
    doc = load_one(tmp_path, PLAIN.encode(codec), encoding=declared)
    assert (doc.title, doc.text, doc.encoding, doc.script) == ("某市通报", f"{APOLOGY}\n{SECOND}", recorded, "simplified")


def test_page_declaring_another_encoding_loads(tmp_path):
    page = (f'<?xml version="1.0" encoding="gbk"?>\n<html><head><meta charset="gb2312"></head>'
            f"<body><h1>某市通报</h1><p>{APOLOGY}</p></body></html>")
    doc = zc.load_documents(write_corpus(tmp_path, {"a.html": page})).iloc[0]
    assert (doc.title, doc.text, doc.encoding) == ("某市通报", APOLOGY, "utf-8")


def test_mostly_text_counts_control_characters_as_the_loop_did():
    for text in random_texts(3000, 1, MIXED) + ["", "\x01" * 99 + "a", "\x01" + "a" * 99, "\x01" + "a" * 100]:
        control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
        assert decoding._mostly_text(text) == (control <= len(text) * 0.01), repr(text)
