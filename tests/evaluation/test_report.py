"""make evaluate: the tool against a gold set, two coders against each other, known errors counted."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zerocovid.evaluation.gold import compare, gold_documents, load
from zerocovid.evaluation.report import coder_agreement, evaluate

ARTICLE = ("市政府召开新闻发布会。\n"
           "市长张某表示，我代表市政府向全市人民诚恳道歉。\n"
           "网友要求相关部门公开道歉。\n"
           "市卫健委已责令涉事医院向患者致歉。\n")
ARTICLES = [{"doc_id": "town", "file": "town.txt", "region": "Town", "place": "Town", "province": "P",
             "outlet": "网", "published": "2022-05-01"}]
DIRECT = {"table": "apologies", "doc_id": "town", "quote": "市长张某表示，我代表市政府向全市人民诚恳道歉。",
          "formula": "诚恳道歉", "apologizer": "市政府", "mode": "direct"}
ORDERED = {"table": "apologies", "doc_id": "town", "quote": "市卫健委已责令涉事医院向患者致歉。",
           "formula": "致歉", "apologizer": "涉事医院", "mode": "ordered"}


def write_set(folder: Path, rows: list[dict], **extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "town.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "gold.yaml"
    path.write_text(yaml.safe_dump({"tables": ["apologies"], "articles": ARTICLES, "rows": rows, **extra},
                                   allow_unicode=True), encoding="utf-8")
    load.cache_clear()
    return path


def test_known_errors_pass_the_tests_but_count_against_the_tool(tmp_path):
    # the gold says the hospital's apology was ordered; suppose the tool were known to call it reported
    wrong = {**ORDERED, "mode": "reported", "known_error": {"mode": "ordered"}}
    gold = load(write_set(tmp_path / "set", [DIRECT, wrong]))
    comparison = compare(gold, "apologies", gold_documents(gold, tmp_path / "docs"))
    assert comparison.problems == []                       # the tool gives the known wrong value
    assert comparison.accuracy["mode"] == 0.5              # and it counts as wrong
    fixed = load(write_set(tmp_path / "set2", [DIRECT, {**ORDERED, "known_error": {"mode": "reported"}}]))
    again = compare(fixed, "apologies", gold_documents(fixed, tmp_path / "docs2"))
    assert any(p.startswith("known error fixed") for p in again.problems)


def test_known_misses_and_extras_count_in_precision_and_recall(tmp_path):
    missed = {**DIRECT, "quote": "网友要求相关部门公开道歉。", "formula": "公开道歉", "known_miss": "pretend it is an act"}
    extra = {"table": "apologies", "doc_id": "town", "quote": "市卫健委已责令涉事医院向患者致歉。", "why": "pretend"}
    gold = load(write_set(tmp_path / "set", [DIRECT, missed], known_extras=[extra]))
    comparison = compare(gold, "apologies", gold_documents(gold, tmp_path / "docs"))
    assert comparison.problems == []
    assert (comparison.precision, comparison.recall) == (0.5, 0.5)


def test_two_coders_agree_field_by_field_and_on_what_is_a_unit(tmp_path):
    gold = load(write_set(tmp_path / "gold", [DIRECT, ORDERED]))
    docs = gold_documents(gold, tmp_path / "docs")
    first = load(write_set(tmp_path / "first", [DIRECT, ORDERED]))
    second = load(write_set(tmp_path / "second", [{**DIRECT, "mode": "reported"}]))
    table = coder_agreement(first, second, "apologies", docs)
    assert table.loc["present", "n"] == 2 and table.loc["present", "agreement"] == 0.5   # one act only the first has
    assert table.loc["mode", "agreement"] == 0.0                                      # direct/reported; ordered/absent
    assert table.loc["apologizer", "agreement"] == 0.5


def test_the_report_holds_every_table(tmp_path):
    gold_path = write_set(tmp_path / "town", [DIRECT, ORDERED])
    coders = {}
    for name, rows in {"project": [DIRECT, ORDERED], "independent": [DIRECT]}.items():
        folder = tmp_path / "coders" / name
        folder.mkdir(parents=True)
        (folder / f"{load(gold_path).name}.yaml").write_text(
            yaml.safe_dump({"tables": ["apologies"], "rows": rows}, allow_unicode=True), encoding="utf-8")
        coders[name] = folder
    out = evaluate([gold_path], coders, tmp_path / "accuracy.md", work_dir=tmp_path / "work")
    text = out.read_text(encoding="utf-8")
    assert "| town-heldout | apologies | 2 | 2 | 2 | 1.00 | 1.00 |" in text
    assert "| town-heldout | apologies | present | 2 | 0.50 |" in text
    assert "## Every disagreement of the tool with the gold\n\nNone." in text


@pytest.fixture(autouse=True)
def _fresh_gold_cache():
    yield
    load.cache_clear()


def test_the_committed_report_and_codebook_figures_are_current(tmp_path):
    """``make evaluate`` was run on the committed gold and code: running it again changes no byte."""
    import shutil

    from zerocovid.evaluation.report import project_gold
    from zerocovid.paths import PACKAGE_DIR, PROJECT_DIR

    codebook = tmp_path / "codebook.md"
    shutil.copyfile(PACKAGE_DIR / "codebook.md", codebook)
    gold, codings = project_gold(PROJECT_DIR)
    out = evaluate(gold, codings, tmp_path / "accuracy.md", work_dir=tmp_path / "work", codebook=codebook,
                   real_reports=PROJECT_DIR / "docs" / "real_reports.yaml")
    assert out.read_text(encoding="utf-8") == (PROJECT_DIR / "docs" / "accuracy.md").read_text(encoding="utf-8"), \
        "docs/accuracy.md is stale: run make evaluate"
    assert codebook.read_text(encoding="utf-8") == (PACKAGE_DIR / "codebook.md").read_text(encoding="utf-8"), \
        "the codebook's reliability figures are stale: run make evaluate"


def test_the_real_report_record_names_its_sources_without_their_text():
    """docs/real_reports.yaml: every set names its sources (place, outlet, date, script, address) and its
    measured fields; no source text is stored (the texts stay outside the repository)."""
    import yaml

    from zerocovid.paths import PROJECT_DIR

    record = yaml.safe_load((PROJECT_DIR / "docs" / "real_reports.yaml").read_text(encoding="utf-8"))
    for entry in record["sets"]:
        assert entry["sources"] and all(set(s) == {"doc_id", "place", "outlet", "published", "script", "url"}
                                        for s in entry["sources"])
        for result in entry["results"].values():
            assert result["matched"] <= min(result["gold"], result["tool"])
            assert all(right <= n for right, n in result["fields"].values())
    assert len({s["place"] for e in record["sets"] for s in e["sources"]}) >= 15
