"""Every kind of bad input to the loader ends in a CorpusError whose message names the file (and the
line or field) and the fix; no other exception escapes, and every problem is reported at once.

The malformed files of the matrix in ``pages.ERRORS`` load next to a good article, which must not be
blamed; the other cases are corpora of their own.
"""
from __future__ import annotations

import shutil

import pytest

import zerocovid as zc
from helpers import corpus_with_neighbour, write_corpus
from pages import ERRORS, FILE_NAMES, NAVIGATION_PAGE, ONLY_MARKUP_PAGE, PLAIN

GOOD = "标题\n正文第一段。\n"


def load_error(folder) -> zc.CorpusError:
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(folder)
    assert isinstance(info.value, ValueError)
    return info.value


# ------------------------------------------------------------------ one bad file, alone in its corpus

ONE_FILE = {
    # name: (file name, content, manifest fields, fragments the message must hold)
    "empty_required_value": ("a.txt", GOOD, {"region": ""}, ["line 2: empty region"]),
    "empty_file": ("empty.txt", " \n\n", {}, ["empty.txt", "empty"]),
    "undecodable_bytes": ("binary.txt", bytes(range(256)) * 4, {}, ["binary.txt", "encoding"]),
    "declared_encoding_wrong": ("a.txt", "标题\n正文。".encode("utf-8"), {"encoding": "ascii"}, ["a.txt", "ascii"]),
    # GB18030 bytes declared as UTF-8: the manifest's encoding wins over detection
    "manifest_encoding_wins_over_detection": ("a.txt", "标题\n正文。".encode("gb18030"), {"encoding": "utf-8"},
                                              ["a.txt", "utf-8"]),
    "front_matter_not_closed": ("open.txt", "\n---\ntitle: 标题\ndate: 2022-01-01\n<p>正文</p>", {},
                                ["open.txt", "never closes"]),
    "front_matter_not_a_mapping": ("list.txt", "---\n- a\n- b\n---\n<p>正文。</p>", {}, ["list.txt", "not a mapping"]),
    "front_matter_not_yaml": ("bad.txt", "---\ntitle: [unclosed\n---\n<p>正文。</p>", {}, ["bad.txt", "not valid YAML"]),
    "unparseable_front_matter_date": ("date.txt", "---\ntitle: 标题\ndate: 'sometime in spring'\n---\n<p>正文。</p>",
                                      {"published": ""}, ["date.txt", "front matter field date", "sometime in spring"]),
    "unparseable_manifest_date": ("a.txt", GOOD, {"published": "9th of Sept"}, ["a.txt", "field published", "line 2"]),
    "unparseable_event_date": ("a.txt", GOOD, {"event_date": "press conference day"},
                               ["a.txt", "field event_date", "line 2"]),
    "no_date_anywhere": ("a.txt", GOOD, {"published": ""}, ["a.txt", "published"]),
    "sha256_mismatch": ("a.txt", GOOD, {"sha256": "0" * 64}, ["a.txt", "sha256"]),
    "only_markup_left": ("nav.html", ONLY_MARKUP_PAGE, {}, ["nav.html", "no article text"]),
    "navigation_only_page": ("nav.html", NAVIGATION_PAGE, {}, ["nav.html", "only navigation"]),
    "front_matter_then_blanks": ("front_matter_then_blanks.md", "---\ntitle: 标题\ndate: 2022-09-09\n---\n \n\t\n", {},
                                 ["front_matter_then_blanks.md", "no article text"]),
    "commented_out": ("commented_out.html", "<!-- <p>正文</p> -->", {}, ["commented_out.html", "no article text"]),
    "blank_elements": ("blank_elements.html", "<p> </p>\n<div>\u3000</div>", {},
                       ["blank_elements.html", "no article text"]),
}


@pytest.mark.parametrize("case", sorted(ONE_FILE))
def test_bad_file_is_a_corpus_error_naming_it(tmp_path, case):
    file_name, content, fields, fragments = ONE_FILE[case]
    error = load_error(write_corpus(tmp_path, {file_name: content}, **fields))
    assert len(error.problems) == 1
    for fragment in fragments:
        assert fragment in str(error) and fragment in error.problems[0], (fragment, str(error))


# ------------------------------------------------------------------ one bad file next to a good one

@pytest.mark.parametrize("name", sorted(ERRORS))
def test_malformed_input_is_a_corpus_error_naming_the_file(tmp_path, name):
    content, fields, fragment = ERRORS[name]
    folder, file_name = corpus_with_neighbour(tmp_path, name, content, fields, FILE_NAMES.get(name))
    try:
        zc.load_documents(folder)
    except zc.CorpusError as err:
        problems = err.problems
    except Exception as err:  # noqa: BLE001 - the point of the test: nothing but CorpusError
        pytest.fail(f"{name}: {type(err).__name__} escaped: {err}")
    else:
        pytest.fail(f"{name}: loaded without an error")
    assert len(problems) == 1
    assert file_name in problems[0] and fragment in problems[0], problems[0]
    assert "zz_good.txt" not in problems[0]


# ------------------------------------------------------------------ the manifest and the raw folder

def test_manifest_missing(tmp_path):
    message = str(load_error(tmp_path))
    assert "manifest.csv" in message and "not found" in message and "doc_id,file,region" in message


def test_manifest_missing_a_column(corpus_copy):
    manifest = corpus_copy / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",outlet,", ",source,", 1), encoding="utf-8")
    message = str(load_error(corpus_copy))
    assert "manifest.csv" in message and "outlet" in message


def test_duplicate_doc_id(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD, "b.txt": "另一篇\n正文。\n"}, doc_id="same")
    message = str(load_error(folder))
    assert "manifest.csv" in message and "lines 2, 3" in message and "'same'" in message


def test_listed_file_missing(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD})
    (folder / "raw" / "a.txt").unlink()
    message = str(load_error(folder))
    assert "a.txt" in message and "not found" in message


def test_raw_folder_missing(corpus_copy):
    shutil.rmtree(corpus_copy / "raw")
    load_error(corpus_copy)


def test_manifest_row_pointing_at_a_folder(tmp_path):
    folder = write_corpus(tmp_path, {"zz_good.txt": GOOD})
    (folder / "raw" / "folder.txt").mkdir()
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("doc1", "doc2").replace("zz_good.txt", "folder.txt"))
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_error(folder).problems == [f"{folder / 'raw/folder.txt'}: listed in manifest.csv (line 3) but not "
                                           "found; add the file or remove its row"]


def test_file_in_raw_not_in_manifest(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD})
    (folder / "raw" / "stray.html").write_text("<p>多余</p>", encoding="utf-8")
    (folder / "raw" / ".DS_Store").write_bytes(b"\0")  # hidden files are not articles
    message = str(load_error(folder))
    assert "stray.html" in message and "not in manifest.csv" in message and "DS_Store" not in message


# ------------------------------------------------------------------ the same text twice

def test_same_file_listed_twice_is_an_exact_duplicate(tmp_path):
    folder = write_corpus(tmp_path, {"zz_good.txt": GOOD})
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join([*lines, lines[1].replace("doc1", "doc2")]) + "\n", encoding="utf-8")
    problems = load_error(folder).problems
    assert len(problems) == 1 and "same text after cleaning as raw/zz_good.txt" in problems[0]


def test_exact_duplicate_is_an_error_naming_both_files(tmp_path):
    copy = PLAIN.replace("某市通报", "另一标题")  # a different title, the same article text
    assert load_error(write_corpus(tmp_path, {"a.txt": PLAIN, "b.txt": copy})).problems == [
        f"{tmp_path / 'raw/b.txt'}: same text after cleaning as raw/a.txt (doc_id doc1); "
        "the same article is listed twice: remove one of the rows"]


# ------------------------------------------------------------------ several problems

def test_every_problem_reported_at_once(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": GOOD, "b.txt": "", "c.txt": GOOD})
    (folder / "raw" / "c.txt").unlink()
    problems = load_error(folder).problems
    assert len(problems) == 2
    assert any("b.txt" in p for p in problems) and any("c.txt" in p for p in problems)


# ------------------------------------------------------------------ corrections.csv beside the corpus

HEADER = "table,doc_id,start,end,field,value,row_id\n"
CORRECTIONS = {
    # name: (content of corrections.csv, "line N" or None for the file as a whole, fragment of the fix)
    "not_utf8": ((HEADER + "apologies,doc1,0,5,mode,直接,\n").encode("gb18030"), None, "save it as CSV (UTF-8)"),
    "header_missing_a_column": ("table,doc_id,start,end,value\n", "line 1",
                                "missing column(s) field; the header must be table,doc_id,start,end,field,value,row_id"),
    "header_with_an_unknown_column": ("table,doc_id,start,end,field,value,note\n", "line 1", "unknown column(s) note"),
    "too_many_values": (HEADER + "apologies,doc1,0,5,recipient,大家,市民,x\n", "line 2",
                        "8 values for the 7 columns of the header; quote a value that holds a comma"),
    "offsets_not_numbers": (HEADER + "apologies,doc1,0,五,mode,direct,\n", "line 2",
                            "start and end must be whole numbers (character offsets into the text)"),
    "empty_span": (HEADER + "apologies,doc1,5,5,mode,direct,\n", "line 2", "empty span 5-5; end must be greater"),
    "empty_doc_id": (HEADER + "apologies,,0,5,mode,direct,\n", "line 2", "empty doc_id"),
    "empty_field": (HEADER + "apologies,doc1,0,5,,direct,\n", "line 2", "empty field; name the column to set"),
    "whole_row_neither_drop_nor_add": (HEADER + "apologies,doc1,0,5,*,delete,\n", "line 2",
                                       "field * takes the value drop or add, not 'delete'"),
    "quoted_newline_counts_its_lines": (HEADER + 'apologies,doc1,0,5,*,add,\napologies,doc1,0,5,recipient,"大家\n'
                                                 '市民",\napologies,doc1,0,x,mode,direct,\n', "line 5",
                                        "start and end must be whole numbers"),
}


@pytest.mark.parametrize("name", sorted(CORRECTIONS))
def test_malformed_corrections_are_a_corpus_error_naming_file_and_line(tmp_path, name):
    content, line, fragment = CORRECTIONS[name]
    folder = write_corpus(tmp_path, {"a.txt": GOOD})
    path = folder / "corrections.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    docs = zc.load_documents(folder)  # the corpus itself loads; coding it reads the corrections
    with pytest.raises(zc.CorpusError) as info:
        zc.find_apologies(docs)
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.startswith(f"{path}, {line}: " if line else f"{path}: ") and fragment in problem, problem
