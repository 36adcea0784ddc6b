"""Every kind of bad input ends in a CorpusError whose message names the file and the fix."""
from __future__ import annotations

import pytest

import zerocovid as zc
from conftest import write_corpus

GOOD = "标题\n正文第一段。\n"


def load_error(folder) -> str:
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(folder)
    assert isinstance(info.value, ValueError)
    return str(info.value)


def test_manifest_missing(tmp_path):
    message = load_error(tmp_path)
    assert "manifest.csv" in message and "not found" in message and "doc_id,file,region" in message


def test_manifest_missing_a_column(corpus_copy):
    manifest = corpus_copy / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",outlet,", ",source,", 1), encoding="utf-8")
    message = load_error(corpus_copy)
    assert "manifest.csv" in message and "outlet" in message


def test_duplicate_doc_id(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD, "b.txt": "另一篇\n正文。\n"}, doc_id="same")
    message = load_error(folder)
    assert "manifest.csv" in message and "lines 2, 3" in message and "'same'" in message


def test_empty_required_value(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD}, region="")
    assert "line 2: empty region" in load_error(folder)


def test_listed_file_missing(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD})
    (folder / "raw" / "a.txt").unlink()
    message = load_error(folder)
    assert "a.txt" in message and "not found" in message


def test_file_in_raw_not_in_manifest(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD})
    (folder / "raw" / "stray.html").write_text("<p>多余</p>", encoding="utf-8")
    (folder / "raw" / ".DS_Store").write_bytes(b"\0")  # hidden files are not articles
    message = load_error(folder)
    assert "stray.html" in message and "not in manifest.csv" in message and "DS_Store" not in message


def test_empty_file(tmp_path):
    folder = write_corpus(tmp_path, {"empty.txt": " \n\n"})
    message = load_error(folder)
    assert "empty.txt" in message and "empty" in message


def test_undecodable_bytes(tmp_path):
    folder = write_corpus(tmp_path, {"binary.txt": bytes(range(256)) * 4})
    message = load_error(folder)
    assert "binary.txt" in message and "encoding" in message


def test_declared_encoding_wrong(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": "标题\n正文。".encode("utf-8")}, encoding="ascii")
    message = load_error(folder)
    assert "a.txt" in message and "ascii" in message


def test_front_matter_not_closed(tmp_path):
    folder = write_corpus(tmp_path, {"open.txt": "\n---\ntitle: 标题\ndate: 2022-01-01\n<p>正文</p>"})
    message = load_error(folder)
    assert "open.txt" in message and "never closes" in message


def test_front_matter_not_a_mapping(tmp_path):
    folder = write_corpus(tmp_path, {"list.txt": "---\n- a\n- b\n---\n<p>正文。</p>"})
    message = load_error(folder)
    assert "list.txt" in message and "not a mapping" in message


def test_front_matter_not_yaml(tmp_path):
    folder = write_corpus(tmp_path, {"bad.txt": "---\ntitle: [unclosed\n---\n<p>正文。</p>"})
    message = load_error(folder)
    assert "bad.txt" in message and "not valid YAML" in message


def test_unparseable_front_matter_date(tmp_path):
    folder = write_corpus(tmp_path, {"date.txt": "---\ntitle: 标题\ndate: 'sometime in spring'\n---\n<p>正文。</p>"},
                          published="")
    message = load_error(folder)
    assert "date.txt" in message and "front matter field date" in message and "sometime in spring" in message


def test_unparseable_manifest_date(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD}, published="9th of Sept")
    message = load_error(folder)
    assert "a.txt" in message and "field published" in message and "line 2" in message


def test_no_date_anywhere(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD}, published="")
    message = load_error(folder)
    assert "a.txt" in message and "published" in message


def test_sha256_mismatch(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD}, sha256="0" * 64)
    message = load_error(folder)
    assert "a.txt" in message and "sha256" in message


def test_only_markup_left(tmp_path):
    folder = write_corpus(tmp_path, {"nav.html": "<div><script>var a=1;</script><img src='x.png'></div>"})
    message = load_error(folder)
    assert "nav.html" in message and "no article text" in message


def test_every_problem_reported_at_once(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD, "b.txt": "", "c.txt": GOOD})
    (folder / "raw" / "c.txt").unlink()
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(folder)
    problems = info.value.problems
    assert len(problems) == 2
    assert any("b.txt" in p for p in problems) and any("c.txt" in p for p in problems)


def test_unparseable_event_date(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD}, event_date="press conference day")
    message = load_error(folder)
    assert "a.txt" in message and "field event_date" in message and "line 2" in message
