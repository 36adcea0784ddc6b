"""The codebook (zerocovid/codebook.md, shipped with the package) defines every column the coding
functions return, and quotes the reliability figures ``make evaluate`` computed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from zerocovid.analyzers.apologies import ACKNOWLEDGEMENT_COLUMNS, APOLOGY_COLUMNS, MENTION_COLUMNS, STRATEGY_COLUMNS
from zerocovid.analyzers.figures import FIGURE_COLUMNS
from zerocovid.analyzers.measures import MEASURE_COLUMNS
from zerocovid.paths import PACKAGE_DIR

CODEBOOK = (PACKAGE_DIR / "codebook.md").read_text(encoding="utf-8")
TABLES = {"apologies": APOLOGY_COLUMNS + MENTION_COLUMNS, "acknowledgements": ACKNOWLEDGEMENT_COLUMNS, "strategies": STRATEGY_COLUMNS,
          "measures": MEASURE_COLUMNS, "figures": FIGURE_COLUMNS}


def section(table: str) -> str:
    """The codebook's section on one table: from its '## N Table `name`' heading to the next '## '."""
    match = re.search(rf"^## \d+ Table `{table}`.*?(?=^## )", CODEBOOK, re.S | re.M)
    assert match, f"no section for table {table}"
    return match.group()


@pytest.mark.parametrize("table", TABLES)
def test_every_column_is_defined_in_its_tables_section(table):
    text = section(table)
    shared = CODEBOOK[CODEBOOK.index("### 1.2"):CODEBOOK.index("### 1.3")]   # the columns every table shares
    undefined = [c for c in TABLES[table] if f"`{c}`" not in text and f"`{c}`" not in shared]
    assert undefined == []


def test_the_codebook_ships_with_the_package():
    import tomllib

    data = tomllib.loads((PACKAGE_DIR.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "codebook.md" in data["tool"]["setuptools"]["package-data"]["zerocovid"]


def test_the_reliability_section_quotes_the_report():
    block = CODEBOOK[CODEBOOK.index("<!-- reliability:start -->"):CODEBOOK.index("<!-- reliability:end -->")]
    report = (Path(PACKAGE_DIR.parent, "docs", "accuracy.md")).read_text(encoding="utf-8")
    rows = [line for line in block.splitlines() if line.startswith("| ") and not line.startswith("| set")]
    assert rows and all(row in report for row in rows)
