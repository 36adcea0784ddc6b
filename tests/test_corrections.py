"""Human corrections (``corrections.csv`` beside the corpus): set, drop and add rows of the coded tables,
``corrected`` on exactly the rows touched, row_ids of the other rows unchanged, stale corrections refused
with the file and line named, applied once by ``coded_tables`` (never stored in the cache), checked by
``zerocovid validate``, and made from a coder's edited export by ``corrections_from``."""
from __future__ import annotations

import pandas as pd
import pytest

import zerocovid as zc
from helpers import write_corpus
from zerocovid.cli import main
from zerocovid.corrections import (COLUMNS, CORRECTED, CORRECTIONS_NAME, TABLES, corrections_from,
                                   write_corrections)
from zerocovid.pipeline import CODED_TABLES
from zerocovid.rows import with_row_id

# doc1: one apology act (0-47), two figures (70-73 12例, 80-83 35例), and 对此，市长深感愧疚。 (85-95), which the
# tool does not code; doc2: two apology acts in one sentence (0-28, formulas at 12 and 20), one figure (39-41)
FIRST = ("某市通报\n我们工作中存在的这些问题，给广大市民的生活和工作都带来了较大的影响，在此向大家表示深深的歉意！\n"
         "截至9月8日24时，全市累计报告本土确诊病例12例、无症状感染者35例。\n对此，市长深感愧疚。\n")
SECOND = "另一篇通报\n区长代表区政府向全区群众公开道歉，向大家表示诚挚的歉意。\n9月8日新增确诊病例3例。\n"
HEADER = ",".join(COLUMNS)


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path, {"a.txt": FIRST, "b.txt": SECOND})


def correct(folder, *lines: str):
    """Write corrections.csv (header, then ``lines``) into ``folder``; return its path."""
    path = folder / CORRECTIONS_NAME
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def problems_of(call) -> list[str]:
    with pytest.raises(zc.CorpusError) as info:
        call()
    return info.value.problems


def without_folder(docs: pd.DataFrame) -> pd.DataFrame:
    """The same documents built anew, as the pipeline's batches are: they remember no corpus folder."""
    return pd.DataFrame(docs.to_dict("list"), index=docs.index)


# ------------------------------------------------------------------ no corrections

def test_without_corrections_every_table_is_the_tools_with_corrected_false(corpus):
    docs = zc.load_documents(corpus)
    for function in (CODED_TABLES[name] for name in TABLES):
        table = function(docs)
        assert (table.columns[0], table.columns[-1]) == ("row_id", CORRECTED)
        assert table[CORRECTED].dtype == bool and not table[CORRECTED].any()
        pd.testing.assert_frame_equal(table, function(without_folder(docs)))
    correct(corpus)  # a header alone changes nothing
    pd.testing.assert_frame_equal(zc.extract_figures(docs), zc.extract_figures(without_folder(docs)))
    assert zc.find_apologies(docs)["row_id"].tolist() == ["doc1@0-47/39", "doc2@0-28/12", "doc2@0-28/20"]
    assert zc.extract_figures(docs)["row_id"].tolist() == ["doc1@70-73", "doc1@80-83", "doc2@39-41"]


def test_the_rules_of_each_table_are_its_functions(docs, make_docs):
    """corrections.TABLES names each table's evidence column and row_id discriminator as its function uses them."""
    # the seeds hold no apology that is not an act: one invented article with two is added
    docs = pd.concat([docs.reset_index(drop=True), make_docs("网友要求物业公司道歉，物业公司拒绝道歉。")])
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for name, (evidence, discriminator) in TABLES.items():
        table = CODED_TABLES[name](docs)
        assert len(table) > 0, name
        assert with_row_id(table, discriminator)["row_id"].tolist() == table["row_id"].tolist(), name
        spans = zip(table["doc_id"], table["start"], table["end"])
        assert table[evidence].tolist() == [texts[doc_id][start:end] for doc_id, start, end in spans], name


# ------------------------------------------------------------------ set, drop, add

def test_set_converts_to_the_column_type_and_marks_the_row(corpus):
    correct(corpus,
            "apologies,doc2,0,28,recipient,全区人民,doc2@0-28/20",
            "apologies,doc1,0,47,strength,2,",
            "figures,doc1,70,73,value,13,",
            "figures,doc1,70,73,approx,true,",
            "figures,doc1,80,83,as_of,2022-09-08 12:00,",
            "figures,doc1,80,83,unit, 人 ,")
    docs = zc.load_documents(corpus)
    apologies, figures = zc.find_apologies(docs), zc.extract_figures(docs)
    assert apologies["recipient"].tolist() == ["大家", "全区群众", "全区人民"]
    assert apologies["strength"].tolist() == [2, 1, 1] and apologies["strength"].dtype == "int64"
    assert apologies[CORRECTED].tolist() == [True, False, True]
    assert figures["value"].tolist() == [13.0, 35.0, 3.0] and figures["value"].dtype == "float64"
    assert figures["approx"].tolist() == [True, False, False] and figures["approx"].dtype == bool
    assert figures["as_of"].tolist() == [pd.Timestamp("2022-09-09"), pd.Timestamp("2022-09-08 12:00"),
                                         pd.Timestamp("2022-09-09")]
    assert figures["unit"].tolist() == ["例", "人", "例"]
    assert figures[CORRECTED].tolist() == [True, True, False]
    assert figures["row_id"].tolist() == ["doc1@70-73", "doc1@80-83", "doc2@39-41"]


def test_the_last_line_on_a_cell_wins(corpus):
    correct(corpus, "figures,doc1,70,73,value,13,", "figures,doc1,70,73,value,14,")
    assert zc.extract_figures(zc.load_documents(corpus))["value"].tolist() == [14.0, 35.0, 3.0]


def test_drop_removes_the_row_and_leaves_the_other_row_ids(corpus):
    correct(corpus,
            "figures,doc1,80,83,*,drop,",
            "figures,doc1,80,83,value,99,",  # a dropped row stays dropped
            "apologies,doc2,0,28,*,drop,doc2@0-28/12")
    docs = zc.load_documents(corpus)
    figures, apologies = zc.extract_figures(docs), zc.find_apologies(docs)
    assert figures["row_id"].tolist() == ["doc1@70-73", "doc2@39-41"] and figures["value"].tolist() == [12.0, 3.0]
    assert not figures[CORRECTED].any()
    assert apologies["row_id"].tolist() == ["doc1@0-47/39", "doc2@0-28/20"]
    assert apologies["formula"].tolist() == ["表示深深的歉意", "表示诚挚的歉意"]


def test_add_builds_a_row_from_the_text_the_documents_and_its_lines(corpus):
    correct(corpus,
            "apologies,doc1,85,95,*,add,",
            "apologies,doc1,85,95,formula,深感愧疚,",
            "apologies,doc1,85,95,formula_start,90,",
            "apologies,doc1,85,95,apologizer,市长,",
            "apologies,doc1,85,95,restates,false,",
            "figures,doc2,29,34,*,add,",
            "figures,doc2,29,34,metric,date_mentioned,",
            "figures,doc2,29,34,value,8,")
    docs = zc.load_documents(corpus)
    apologies, figures = zc.find_apologies(docs), zc.extract_figures(docs)
    assert apologies["row_id"].tolist() == ["doc1@0-47/39", "doc1@85-95/90", "doc2@0-28/12", "doc2@0-28/20"]
    assert apologies[CORRECTED].tolist() == [False, True, False, False]
    added = apologies.iloc[1]
    assert (added["doc_id"], added["region"], added["start"], added["end"]) == ("doc1", "Testland", 85, 95)
    assert added["sentence"] == "对此，市长深感愧疚。" == docs.loc["doc1", "text"][85:95]
    assert (added["formula"], added["formula_start"], added["apologizer"]) == ("深感愧疚", 90, "市长")
    # doc1's short exclamatory line restates nothing the body tells (codebook §2.4 restates rule 3)
    assert apologies["restates"].tolist() == [False, False, False, False] and apologies["restates"].dtype == bool  # set: no <NA>
    assert (added["recipient"], added["mode"]) == ("", "")  # missing text is empty
    assert added["para_no"] is pd.NA and apologies["para_no"].dtype == "Int64"  # missing integers are <NA>
    assert apologies["para_no"].tolist()[:1] == [1]

    assert figures["row_id"].tolist() == ["doc1@70-73", "doc1@80-83", "doc2@29-34", "doc2@39-41"]
    new = figures.iloc[2]
    assert (new["text"], new["metric"], new["value"], new[CORRECTED]) == ("9月8日新", "date_mentioned", 8.0, True)
    assert pd.isna(new["value_high"]) and new["as_of"] is pd.NaT and new["approx"] is pd.NA
    assert figures[CORRECTED].tolist() == [False, False, True, False]


def test_row_ids_of_rows_sharing_a_span(corpus):
    """row_id picks one of two rows of one span; an added row sharing a coded row's id counts on with #n, past
    a dropped row too, so no coded row's id changes or is reused."""
    correct(corpus,
            "apologies,doc2,0,28,offense,这些问题,doc2@0-28/12",
            "apologies,doc2,0,28,*,add,",
            "apologies,doc2,0,28,formula_start,20,",
            "apologies,doc2,0,28,formula,歉意,",
            "figures,doc1,70,73,*,drop,doc1@70-73",  # without the row_id, the line would drop the added row
            "figures,doc1,70,73,*,add,",
            "figures,doc1,70,73,metric,positive,")
    docs = zc.load_documents(corpus)
    apologies, figures = zc.find_apologies(docs), zc.extract_figures(docs)
    assert apologies["row_id"].tolist() == ["doc1@0-47/39", "doc2@0-28/12", "doc2@0-28/20", "doc2@0-28/20#2"]
    assert apologies["offense"].tolist()[1] == "这些问题" and apologies["formula"].tolist()[3] == "歉意"
    assert apologies[CORRECTED].tolist() == [False, True, False, True]
    assert figures["row_id"].tolist() == ["doc1@70-73#2", "doc1@80-83", "doc2@39-41"]
    assert figures["metric"].tolist() == ["positive", "asymptomatic", "confirmed"]


def test_a_line_naming_an_added_row_by_its_row_id_sets_it(corpus):
    correct(corpus, "figures,doc1,70,73,*,add,", "figures,doc1,70,73,metric,positive,doc1@70-73#2",
            "figures,doc1,70,73,value,1,doc1@70-73")
    figures = zc.extract_figures(zc.load_documents(corpus))
    assert figures["row_id"].tolist() == ["doc1@70-73", "doc1@70-73#2", "doc1@80-83", "doc2@39-41"]
    assert figures["metric"].tolist() == ["confirmed", "positive", "asymptomatic", "confirmed"]
    assert figures["value"].tolist()[0] == 1.0 and pd.isna(figures["value"].tolist()[1])
    assert figures[CORRECTED].tolist() == [True, True, False, False]


def test_the_folder_is_remembered_through_selection_and_copies(corpus):
    correct(corpus, "figures,doc1,70,73,value,13,", "figures,doc2,39,41,*,drop,")
    docs = zc.load_documents(corpus)
    for subset in (zc.select_regions(docs, ["Testland"]), docs[docs["region"] == "Testland"], docs.copy()):
        assert zc.extract_figures(subset)["value"].tolist() == [13.0, 35.0]
    # documents of one article skip the lines of the others
    assert zc.extract_figures(docs.loc[["doc2"]]).empty
    assert zc.extract_figures(docs[docs["doc_id"] == "doc1"])["value"].tolist() == [13.0, 35.0]
    assert zc.extract_figures(without_folder(docs))["value"].tolist() == [12.0, 35.0, 3.0]


# ------------------------------------------------------------------ stale and broken corrections

STALE = {
    # name: (line, the problem after "<path>, line 2: ")
    "span_gone_from_the_text": ("figures,doc2,40,43,value,4,",
                                "the figures row at doc2@40-43 lies outside the text of doc2 (42 characters): the "
                                "article changed since the correction was made; find the span again in the text and "
                                "fix start and end, or remove the line"),
    "row_gone": ("figures,doc1,71,73,value,4,",
                 "no figures row has the span doc1@71-73 (the coding changed, or the span is wrong); find the row's "
                 "current span in the table, or remove the line"),
    "doc_gone": ("figures,doc9,0,3,*,drop,", "doc_id 'doc9' is not in the corpus ({folder}/manifest.csv); fix the "
                                             "doc_id, or remove the line if the article was taken out"),
    "bad_row_id": ("apologies,doc2,0,28,mode,ordered,doc2@0-28/13",
                   "no apologies row has row_id 'doc2@0-28/13' (the coding changed, or the id is mistyped); copy the "
                   "row's row_id from the current table, or remove the line"),
    "row_id_of_another_span": ("apologies,doc2,0,27,mode,ordered,doc2@0-28/12",
                               "row_id doc2@0-28/12 is the apologies row at doc2@0-28, not at doc2@0-27; fix start and "
                               "end, or the row_id"),
    "two_rows_share_the_span": ("apologies,doc2,0,28,mode,ordered,",
                                "2 apologies rows have the span doc2@0-28 (row_ids doc2@0-28/12, doc2@0-28/20); add "
                                "the row_id of the one to correct"),
    "bad_table": ("sentences,doc1,0,47,text,x,",
                  "unknown table 'sentences'; known: apologies, apology_mentions, acknowledgements, strategies, measures, groups, "
                  "medical_access, figures"),
    "bad_field": ("figures,doc1,70,73,valeu,4,",
                  "figures has no column 'valeu'; the columns a correction can set: metric, value, value_high, approx, "
                  "unit, kind, scope, as_of, as_of_start, place, place_full, place_level, place_parent, place_en, "
                  "part_of, sentence, para_no, as_of_source"),
    "locating_field": ("figures,doc1,70,73,start,71,",
                       "start locates the row and cannot be set; to move a row, drop it and add one with the new span"),
    "evidence_field": ("figures,doc1,70,73,text,13例,",
                       "text locates the row and cannot be set; to move a row, drop it and add one with the new span"),
    "not_a_number": ("figures,doc1,70,73,value,twelve,",
                     "'twelve' is not a number for column value; write it in digits, e.g. 43 or 4.5"),
    "not_a_whole_number": ("figures,doc1,70,73,para_no,2.5,",
                           "'2.5' is not a whole number for column para_no; write it in digits, e.g. 43"),
    "not_a_boolean": ("figures,doc1,70,73,approx,maybe,",
                      "'maybe' is not a boolean for column approx; write true or false"),
    "not_a_time": ("figures,doc1,70,73,as_of,yesterday,",
                   "'yesterday' is not a time for column as_of; write it as 2022-09-09 00:00 (China time, no time "
                   "zone)"),
    "added_twice": ("figures,doc1,0,3,*,add,\nfigures,doc1,0,3,*,add,",
                    "line 2 already adds a figures row at doc1@0-3; keep one add line per span"),
}


@pytest.mark.parametrize("name", sorted(STALE))
def test_a_stale_or_broken_correction_is_refused_naming_file_and_line(corpus, name):
    line, problem = STALE[name]
    path = correct(corpus, line)
    docs = zc.load_documents(corpus)
    line_no = 3 if name == "added_twice" else 2
    expected = [f"{path}, line {line_no}: {problem.format(folder=corpus.resolve())}"]
    assert problems_of(lambda: zc.coded_tables(corpus, cache=False)) == expected
    table = line.split(",")[0]
    if table in TABLES:  # the coding function of the table refuses it too
        assert problems_of(lambda: CODED_TABLES[table](docs)) == expected


def test_a_correction_goes_stale_when_the_article_changes(corpus):
    correct(corpus, "figures,doc2,39,41,value,4,")
    assert zc.coded_tables(corpus, cache=False)["figures"]["value"].tolist() == [12.0, 35.0, 4.0]
    (corpus / "raw" / "b.txt").write_text("另一篇通报\n9月8日新增确诊病例3例。\n", encoding="utf-8")
    assert problems_of(lambda: zc.coded_tables(corpus, cache=False)) == [
        f"{corpus / CORRECTIONS_NAME}, line 2: the figures row at doc2@39-41 lies outside the text of doc2 "
        "(13 characters): the article changed since the correction was made; find the span again in the text and "
        "fix start and end, or remove the line"]


def test_every_problem_is_reported_at_once_in_line_order(corpus):
    path = correct(corpus,
                   "figures,doc1,70,73,value,13,",
                   "measures,doc1,0,5,kind,measure,",
                   "apologies,doc9,0,28,*,drop,",
                   "figures,doc1,70,73,value,lots,",
                   "strategies,doc1,0,7,x,1,doc1@0-7/ccsarp.responsibility",
                   "figures,doc1,1,x,value,1,")
    problems = problems_of(lambda: zc.coded_tables(corpus, cache=False))
    assert [problem.split(": ")[0] for problem in problems] == [f"{path}, line {n}" for n in (3, 4, 5, 6, 7)]
    assert "no measures row has the span doc1@0-5" in problems[0]
    assert "doc_id 'doc9' is not in the corpus" in problems[1]
    assert "'lots' is not a number" in problems[2]
    assert "strategies has no column 'x'" in problems[3]
    assert "start and end must be whole numbers" in problems[4]
    # one coding function reports its table's problems and those of the file as a whole
    assert problems_of(lambda: zc.extract_figures(zc.load_documents(corpus))) == [problems[2], problems[4]]


# ------------------------------------------------------------------ coded_tables and the cache

def test_coded_tables_apply_the_corrections_once_and_the_cache_keeps_the_tools_rows(corpus):
    correct(corpus, "figures,doc1,80,83,*,drop,", "figures,doc2,29,34,*,add,", "figures,doc2,29,34,value,8,",
            "apologies,doc1,0,47,mode,reported,")
    cold = zc.coded_tables(corpus)
    assert cold["figures"]["row_id"].tolist() == ["doc1@70-73", "doc2@29-34", "doc2@39-41"]  # one add, one drop
    assert cold["figures"][CORRECTED].tolist() == [False, True, False]
    assert cold["apologies"]["mode"].tolist() == ["reported", "reported", "reported"]
    cached = pd.read_parquet(corpus / ".cache" / "zerocovid" / "figures.parquet")
    assert cached["row_id"].tolist() == ["doc1@70-73", "doc1@80-83", "doc2@39-41"] and not cached[CORRECTED].any()
    warm = zc.coded_tables(corpus)
    for name in cold:
        pd.testing.assert_frame_equal(cold[name], warm[name])
    docs = zc.load_documents(corpus)
    pd.testing.assert_frame_equal(warm["figures"], zc.extract_figures(docs))
    pd.testing.assert_frame_equal(warm["apologies"], zc.find_apologies(cold["documents"]))  # documents remember too

    correct(corpus, "figures,doc1,80,83,value,36,")  # the raw files are untouched
    again = zc.coded_tables(corpus)
    assert again["figures"]["value"].tolist() == [12.0, 36.0, 3.0]
    assert again["figures"][CORRECTED].tolist() == [False, True, False]
    assert again["apologies"]["mode"].tolist() == ["direct", "reported", "reported"]
    (corpus / CORRECTIONS_NAME).unlink()
    assert not zc.coded_tables(corpus)["figures"][CORRECTED].any()


def test_run_pipeline_gives_the_tools_rows(corpus):
    correct(corpus, "figures,doc1,80,83,*,drop,")
    figures = zc.run_pipeline(corpus, analyzers={"figures": zc.extract_figures})["figures"]
    assert figures["row_id"].tolist() == ["doc1@70-73", "doc1@80-83", "doc2@39-41"] and not figures[CORRECTED].any()


# ------------------------------------------------------------------ zerocovid validate

def test_validate_lists_every_stale_correction_and_exits_1(corpus, capsys):
    path = correct(corpus, "figures,doc1,71,73,value,4,", "groups,doc1,0,2,group,elderly,")
    assert main(["validate", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"2 problem(s) in {corpus}:\n")
    assert f"  - {path}, line 2: no figures row has the span doc1@71-73" in err
    assert f"  - {path}, line 3: no groups row has the span doc1@0-2" in err


def test_validate_accepts_corrections_that_apply(corpus, capsys):
    path = correct(corpus, "figures,doc1,70,73,value,13,")
    assert main(["validate", str(corpus)]) == 0
    assert f"{path}: every correction applies" in capsys.readouterr().out


# ------------------------------------------------------------------ from a coder's spreadsheet

def test_a_recoded_export_becomes_corrections_that_give_the_coders_values(corpus, tmp_path):
    exported = zc.coded_tables(corpus, cache=False)["figures"]
    sheet = tmp_path / "figures.csv"
    exported.to_csv(sheet, index=False)
    recoded = pd.read_csv(sheet, dtype=str, keep_default_na=False)  # every cell as text: "12.0", "False" …
    recoded.loc[0, "value"] = "43"  # edited
    recoded.loc[2, "value"] = "3"  # typed again, unchanged: 3 and 3.0 are the same
    recoded.loc[2, "scope"] = "cumulative"
    recoded = recoded.drop(index=1)  # deleted
    recoded.loc[3] = {**dict.fromkeys(recoded.columns, ""), "doc_id": "doc1", "start": "85", "end": "95",
                      "metric": "officials", "value": "1"}  # added
    lines = corrections_from(exported, recoded, "figures")
    assert lines.columns.tolist() == COLUMNS
    assert lines.values.tolist() == [
        ["figures", "doc1", 70, 73, "value", "43", "doc1@70-73"],
        ["figures", "doc1", 80, 83, "*", "drop", "doc1@80-83"],
        ["figures", "doc2", 39, 41, "scope", "cumulative", "doc2@39-41"],
        ["figures", "doc1", 85, 95, "*", "add", ""],
        ["figures", "doc1", 85, 95, "metric", "officials", ""],
        ["figures", "doc1", 85, 95, "value", "1", ""],
    ]
    assert write_corrections(lines, corpus) == corpus / CORRECTIONS_NAME
    figures = zc.coded_tables(corpus, cache=False)["figures"]
    assert figures[["row_id", "metric", "value", "scope", CORRECTED]].values.tolist() == [
        ["doc1@70-73", "confirmed", 43.0, "cumulative", True],
        ["doc1@85-95", "officials", 1.0, "", True],
        ["doc2@39-41", "confirmed", 3.0, "cumulative", True],
    ]


def test_a_second_round_edits_the_rows_the_first_added(corpus):
    """The export of corrected tables names added rows by their row_ids; lines about them find them again."""
    correct(corpus, "figures,doc1,85,95,*,add,", "figures,doc1,85,95,metric,officials,",
            "figures,doc1,70,73,*,add,", "figures,doc1,70,73,metric,positive,")
    exported = zc.coded_tables(corpus, cache=False)["figures"]
    assert exported["row_id"].tolist() == ["doc1@70-73", "doc1@70-73#2", "doc1@80-83", "doc1@85-95", "doc2@39-41"]
    recoded = exported.drop(index=3)  # the coder deletes the row added at 85-95
    recoded.loc[1, "value"] = 5.0
    lines = corrections_from(exported, recoded, "figures")
    assert lines.values.tolist() == [["figures", "doc1", 70, 73, "value", "5", "doc1@70-73#2"],
                                     ["figures", "doc1", 85, 95, "*", "drop", "doc1@85-95"]]
    write_corrections(lines, corpus)
    figures = zc.coded_tables(corpus, cache=False)["figures"]
    assert figures[["row_id", "metric", "value", CORRECTED]].values.tolist() == [
        ["doc1@70-73", "confirmed", 12.0, False], ["doc1@70-73#2", "positive", 5.0, True],
        ["doc1@80-83", "asymptomatic", 35.0, False], ["doc2@39-41", "confirmed", 3.0, False]]


def test_an_unchanged_export_gives_no_lines_and_a_moved_row_is_dropped_and_added(corpus):
    exported = zc.coded_tables(corpus, cache=False)["apologies"]
    assert corrections_from(exported, exported.astype(str), "apologies").empty
    moved = exported.copy()
    moved.loc[0, "end"] = 46
    lines = corrections_from(exported, moved, "apologies")
    assert lines.values.tolist()[:2] == [["apologies", "doc1", 0, 47, "*", "drop", "doc1@0-47/39"],
                                         ["apologies", "doc1", 0, 46, "*", "add", ""]]
    assert ["apologies", "doc1", 0, 46, "formula_start", "39", ""] in lines.values.tolist()
    edited = exported.copy()
    edited.loc[0, "sentence"] = "改过的句子"
    with pytest.raises(ValueError, match="row doc1@0-47/39: sentence was edited; it follows from the span"):
        corrections_from(exported, edited, "apologies")
    with pytest.raises(ValueError, match="recoded holds row_id doc2@0-28/12 twice"):
        corrections_from(exported, pd.concat([exported, exported.iloc[[1]]]), "apologies")
    with pytest.raises(ValueError, match="unknown table 'apology'"):
        corrections_from(exported, exported, "apology")


def test_write_corrections_appends_after_the_lines_already_there(corpus):
    path = corpus / CORRECTIONS_NAME
    path.write_text("table,doc_id,start,end,field,value\nfigures,doc1,70,73,value,13\n", encoding="utf-8")
    lines = pd.DataFrame([["figures", "doc2", 39, 41, "value", "4", "doc2@39-41"]], columns=COLUMNS)
    write_corrections(lines, corpus)
    assert path.read_text(encoding="utf-8").splitlines() == [
        HEADER, "figures,doc1,70,73,value,13,", "figures,doc2,39,41,value,4,doc2@39-41"]
    assert zc.coded_tables(corpus, cache=False)["figures"]["value"].tolist() == [13.0, 35.0, 4.0]
