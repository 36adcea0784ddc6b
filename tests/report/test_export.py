"""Export of the coded tables (zerocovid.report.export): the workbook and the CSV folder read back equal
to the tables, exact cells on the project's corpus, the codebook and meta sheets, reproducible bytes, and
Excel's cell limit."""
from __future__ import annotations

import csv
from importlib.metadata import version
from zipfile import ZipFile

import openpyxl
import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.analyzers.apologies import apology_tables, strategy_codes
from zerocovid.analyzers.measures import categories
from zerocovid.codes import FIGURE_KINDS, KINDS, MENTION_TYPES, MODES, SCOPES
from zerocovid.lexicons import lexicon_hash, load_resource
from zerocovid.report.export import EXCEL_CELL_LIMIT, export, export_tables, read_export

CODED = ["documents", "apologies", "apology_mentions", "acknowledgements", "strategies", "measures", "figures"]
SHEETS = [*CODED, "codebook", "meta"]
WITH_SENTENCES = [*CODED, "sentences", "codebook", "meta"]
XIAN = "2022-01-07_xian"
FIRST_FIGURE = f"{XIAN}@1837-1841"


@pytest.fixture(scope="module")
def tables(docs):
    return export_tables(docs, sentences=True)


@pytest.fixture(scope="module")
def written(docs, tmp_path_factory):
    """The corpus exported with its sentences, as a workbook and as a CSV folder."""
    folder = tmp_path_factory.mktemp("export")
    return {"xlsx": export(docs, folder / "tables.xlsx", sentences=True),
            "csv": export(docs, folder / "tables", sentences=True)}


def csv_rows(path, table: str) -> list[dict[str, str]]:
    with (path / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sheet_rows(path, table: str) -> list[dict]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        header, *rows = workbook[table].iter_rows(values_only=True)
        return [dict(zip(header, row)) for row in rows]
    finally:
        workbook.close()


def test_export_returns_the_path_and_names_every_table(docs, tmp_path):
    assert export(docs, tmp_path / "a.xlsx") == tmp_path / "a.xlsx"
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames == SHEETS
    assert export(docs, str(tmp_path / "csv")) == tmp_path / "csv"
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{name}.csv" for name in SHEETS)


def test_sentences_only_when_asked(written):
    assert openpyxl.load_workbook(written["xlsx"], read_only=True).sheetnames == WITH_SENTENCES
    assert list(read_export(written["csv"])) == WITH_SENTENCES


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_both_forms_read_back_equal_to_the_tables(written, tables, form):
    back = read_export(written[form])
    assert list(back) == list(tables)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(back[name], frame, check_dtype=True, obj=name)


def test_the_coded_tables_are_the_analyzers_own(docs, tables):
    expected = {**apology_tables(docs), "measures": zc.extract_measures(docs), "figures": zc.extract_figures(docs)}
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(tables[name], frame, check_dtype=True, obj=name)
        assert list(frame.columns[:1]) == ["row_id"] and {"doc_id", "region", "start", "end"} <= set(frame.columns)
    sentences = tables["sentences"]
    assert list(sentences.columns) == ["row_id", *zc.sentences(docs).columns]
    assert sentences["row_id"].iloc[0] == f"{XIAN}@{sentences['start'].iloc[0]}-{sentences['end'].iloc[0]}"


def test_documents_are_the_docs_without_text(docs, tables):
    documents = tables["documents"]
    assert list(documents.columns) == [c for c in docs.columns if c != "text"]
    assert documents["doc_id"].tolist() == docs.index.tolist()
    assert documents.loc[0, "bold_spans"].startswith("[[239, 362], [369, 415], ")   # JSON text
    assert documents["duplicate_of"].tolist() == [""] * 5          # no near-duplicate: "" (codebook §1.3)
    pd.testing.assert_series_equal(documents["published"], docs["published"].reset_index(drop=True))


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_cells_on_the_corpus(written, form):
    read = sheet_rows if form == "xlsx" else csv_rows
    documents = {row["doc_id"]: row for row in read(written[form], "documents")}
    assert documents[XIAN]["published"] == "2022-01-07T13:58:10+08:00"
    assert documents[XIAN]["outlet"] == "趣头条"
    assert documents[XIAN]["title"] == "陕西省委书记：深刻汲取教训、反思不足"
    assert documents["2022-09-09_korla"]["published"] == "2022-09-09T12:38:20+08:00"
    assert documents["2022-09-09_korla"]["duplicate_of"] in ("", None)
    figure = read(written[form], "figures")[0]
    assert figure["row_id"] == FIRST_FIGURE
    assert (figure["as_of"], figure["as_of_start"]) == ("2022-01-03T16:00:00", None if form == "xlsx" else "")
    assert figure["text"] == "387个" and figure["sentence"].startswith("针对有市民群众反映个别集中隔离点")
    if form == "xlsx":
        assert (figure["value"], figure["value_high"], figure["approx"], figure["start"]) == (387, None, False, 1837)
    else:
        assert (figure["value"], figure["value_high"], figure["approx"], figure["start"]) == ("387.0", "", "false", "1837")
    apologies = {row["row_id"]: row for row in read(written[form], "apologies")}
    act = apologies["2022-09-09_korla@100-137/105"]
    assert (act["formula"], act["apologizer"], act["mode"]) == ("公开道歉 … 表示深深的歉意", "库尔勒市", "reported")
    assert act["restates"] == (True if form == "xlsx" else "true")


def test_read_back_types(written):
    back = read_export(written["xlsx"])
    assert back["documents"]["published"].dtype == "datetime64[us, Asia/Shanghai]"
    assert back["documents"].loc[0, "published"] == pd.Timestamp("2022-01-07 13:58:10", tz="Asia/Shanghai")
    figures = back["figures"].set_index("row_id")
    assert figures.loc[FIRST_FIGURE, "as_of"] == pd.Timestamp("2022-01-03 16:00")
    assert pd.isna(figures.loc[FIRST_FIGURE, "as_of_start"]) and pd.isna(figures.loc[FIRST_FIGURE, "value_high"])
    assert figures.loc["2022-09-09_korla@1666-1671", ["value", "value_high"]].tolist() == [6.0, 8.0]
    assert back["measures"]["parent_list"].dtype == "Int64" and back["apologies"]["restates"].dtype == bool


def test_every_csv_starts_with_a_bom(written):
    files = sorted(written["csv"].glob("*.csv"))
    assert [p.stem for p in files] == sorted(WITH_SENTENCES)
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in files)
    assert "趣头条".encode("utf-8") in (written["csv"] / "documents.csv").read_bytes()


def test_the_codebook_defines_every_exported_column(tables):
    codebook = tables["codebook"]
    assert list(codebook.columns) == ["table", "column", "definition", "allowed_values", "type"]
    exported = [(name, column) for name in WITH_SENTENCES[:-2] for column in tables[name].columns]
    assert list(zip(codebook["table"], codebook["column"])) == exported
    assert codebook.loc[codebook["definition"].str.strip() == "", ["table", "column"]].values.tolist() == []
    assert codebook["type"].tolist() == [str(tables[t][c].dtype) for t, c in exported]
    definition = dict(zip(zip(codebook["table"], codebook["column"]), codebook["definition"]))
    assert definition["apologies", "mode"] == "`mode` — how the text presents the act."
    assert definition["figures", "doc_id"] == "The article's id, as delivered."          # §1.2
    assert definition["acknowledgements", "offense_end"].startswith("`offense` — what is admitted: the clause")
    assert "就医专车" in definition["measures", "heading"]          # a line the codebook wraps inside Chinese
    assert definition["sentences", "text"].startswith("Text up to and including 。！？")  # §1.1
    assert definition["documents", "published"].startswith("`published` (Timestamp, Asia/Shanghai):")
    assert definition["documents", "notes"].startswith("any extra manifest columns")


def test_controlled_columns_list_their_allowed_values(tables):
    codebook = tables["codebook"]
    allowed = {(t, c): v.split("; ") for t, c, v in zip(codebook["table"], codebook["column"],
                                                        codebook["allowed_values"]) if v}
    metrics = [entry["metric"] for entry in load_resource("figures")["metrics"]]
    assert allowed == {("apologies", "mode"): list(MODES), ("apology_mentions", "type"): list(MENTION_TYPES),
                       ("apologies", "strategies"): strategy_codes(),
                       ("strategies", "code"): strategy_codes(), ("measures", "kind"): list(KINDS),
                       ("measures", "category"): categories(), ("figures", "metric"): metrics,
                       ("figures", "kind"): list(FIGURE_KINDS), ("figures", "scope"): list(SCOPES)}
    for (table, column), values in allowed.items():
        used = set(tables[table][column].str.split("; ").explode())
        assert used <= set(values), (table, column, used - set(values))


def test_meta_names_package_lexicons_and_corpus(docs, tables, corpus_copy, monkeypatch):
    meta = dict(zip(tables["meta"]["key"], tables["meta"]["value"]))
    assert meta == {"zerocovid_version": version("zerocovid"), "lexicon_hash": lexicon_hash(),
                    "data_dir": meta["data_dir"], "documents": "5"}
    assert not meta["data_dir"].startswith(("/", "~"))
    located = docs.copy()
    located.attrs["data_dir"] = corpus_copy
    monkeypatch.chdir(corpus_copy.parent)
    assert dict(export_tables(located)["meta"].values)["data_dir"] == "data"
    monkeypatch.chdir(corpus_copy)
    assert dict(export_tables(located)["meta"].values)["data_dir"] == "."
    located.attrs.pop("data_dir")
    assert dict(export_tables(located)["meta"].values)["data_dir"] == ""


def test_two_workbooks_of_the_same_tables_are_identical(docs, tmp_path):
    first, second = export(docs, tmp_path / "1.xlsx"), export(docs, tmp_path / "2.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with ZipFile(first) as archive:   # no clock in the file: the same bytes on any day
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2


def test_workbook_header_bold_frozen_and_columns_sized(written, tables):
    workbook = openpyxl.load_workbook(written["xlsx"])
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
    figures = workbook["figures"]
    widths = {cell.value: figures.column_dimensions[cell.column_letter].width for cell in figures[1]}
    assert widths["row_id"] == tables["figures"]["row_id"].str.len().max() + 2
    # the widest unit, 元/10公斤, is 6 characters and 9 columns wide (a Chinese character takes two); at most 60
    assert (widths["start"], widths["unit"], widths["sentence"]) == (8, 11, 60)


def test_text_that_looks_like_a_formula_stays_text(make_docs, tmp_path):
    docs = make_docs("=SUM(A1)。")
    path = export(docs, tmp_path / "f.xlsx", sentences=True)
    cell = openpyxl.load_workbook(path)["sentences"]["H2"]
    assert (cell.value, cell.data_type) == ("=SUM(A1)。", "s")
    assert read_export(path)["sentences"]["text"].tolist() == ["=SUM(A1)。"]


def test_a_cell_too_long_for_excel_is_refused_and_csv_holds_it(docs, tmp_path):
    long = docs.copy()
    long.loc[XIAN, "title"] = "长" * (EXCEL_CELL_LIMIT + 1)
    with pytest.raises(ValueError) as raised:
        export(long, tmp_path / "long.xlsx")
    assert str(raised.value) == (f"table documents, row 1 (doc_id {XIAN}), column title: 32,768 characters, more "
                                 "than an Excel cell holds (32,767); export to a folder of CSV files instead "
                                 "(a path without .xlsx)")
    assert not (tmp_path / "long.xlsx").exists()
    back = read_export(export(long, tmp_path / "long"))
    assert back["documents"].loc[0, "title"] == "长" * (EXCEL_CELL_LIMIT + 1)


def test_an_edited_cell_that_is_not_its_type_is_named(docs, tmp_path):
    folder = export(docs, tmp_path / "edited")
    path = folder / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",387.0,", ",387 or so,"), encoding="utf-8-sig")
    with pytest.raises(ValueError, match=r"table figures, column value: not float64"):
        read_export(folder)


def test_export_reads_the_coded_tables_it_is_given(docs):
    """With ``tables=coded_tables()`` the export takes the cached rows: the same tables as coding ``docs`` again."""
    tables = zc.coded_tables()
    assert zc.EXPORTED_TABLES == ["apologies", "apology_mentions", "acknowledgements", "strategies", "measures",
                                  "figures"]
    only_exported = zc.coded_tables(names=[*zc.EXPORTED_TABLES, "sentences"])
    assert "tokens" not in only_exported
    for sentences in (False, True):
        given = export_tables(docs, tables=only_exported, sentences=sentences)
        coded = export_tables(docs, sentences=sentences)
        assert list(given) == list(coded)
        for name in coded:
            pd.testing.assert_frame_equal(given[name], coded[name], obj=name)
    one = docs[docs["region"] == "Korla"]
    assert set(export_tables(one, tables=tables)["apologies"]["doc_id"]) == {"2022-09-09_korla"}
    stranger = docs.assign(doc_id=docs["doc_id"].where(docs["region"] != "Korla", "elsewhere_1"))
    with pytest.raises(ValueError, match="1 of the documents are not in the coded tables given \\(elsewhere_1\\)"):
        export_tables(stranger, tables=tables)
